// Builds better-sqlite3's native addon for Electron, into its own file: out/native/better_sqlite3.node.
//
// Why a separate file: node_modules/better-sqlite3 keeps its Node build, which the tests, `npm run serve`
// and CI use. Rebuilding it in place for Electron (electron-rebuild, install-app-deps) would break all of
// them (ENVIRONMENT.md). Instead the package is copied into .tmp/electron-native/, rebuilt there for the
// Electron version and architecture asked for, and only the resulting .node file is kept. The app loads it
// through better-sqlite3's `nativeBinding` option: from resources/native/ when packaged
// (electron-builder.yml copies out/native there), from out/native/ in development (`npm start`).
//
// Used three ways:
// - electron-builder's `beforePack` hook (electron-builder.yml): once per platform/arch being packaged;
// - `npm start` when the Electron runtime is installed (scripts/start.mjs), before launching Electron;
// - by hand: `node scripts/electron-native.mjs [--arch x64|arm64|ia32|armv7l] [--force]`.
//
// It needs the network the first time for each Electron version: a prebuilt addon from better-sqlite3's
// GitHub releases, or else Electron's headers from electronjs.org and a C++ toolchain (node-gyp). Native
// addons cannot be cross-compiled: package each OS on that OS (CI runners per OS).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const NATIVE_DIR = join(root, 'out', 'native');
export const NATIVE_ADDON = join(NATIVE_DIR, 'better_sqlite3.node');
const STAMP = join(NATIVE_DIR, 'better_sqlite3.json');

/** electron-builder's Arch enum (builder-util), by value. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function installedElectronVersion() {
  return readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
}

/**
 * Builds (or reuses) the Electron addon for one target. Returns the path of the .node file.
 * @param {{ electronVersion: string, arch: string, platform?: string, force?: boolean, log?: (line: string) => void }} target
 */
export async function buildElectronSqlite(target) {
  const { electronVersion, arch, force = false } = target;
  const platform = target.platform ?? process.platform;
  const log = target.log ?? ((line) => process.stderr.write(`${line}\n`));
  const hostPlatform = platform === 'mas' ? 'darwin' : platform;
  if (hostPlatform !== process.platform) {
    throw new Error(
      `better-sqlite3 cannot be cross-compiled: package for ${platform} on ${platform} (this is ${process.platform}).`,
    );
  }
  if (arch === 'universal') {
    throw new Error(
      'universal macOS builds need one addon per arch merged with lipo; package x64 and arm64 separately.',
    );
  }

  const sourceDir = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readJson(join(sourceDir, 'package.json')).version;
  const wanted = { electronVersion, arch, platform: hostPlatform, betterSqlite3: sqliteVersion };
  if (!force && existsSync(NATIVE_ADDON) && existsSync(STAMP)) {
    const stamp = readJson(STAMP);
    if (Object.keys(wanted).every((key) => stamp[key] === wanted[key])) {
      log(
        `marquee: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${hostPlatform}-${arch}) is up to date`,
      );
      return NATIVE_ADDON;
    }
  }

  // A throwaway project holding a copy of the package, without its Node build. Inside the repository so
  // that module resolution still finds prebuild-install and node-gyp in the real node_modules.
  const stageDir = join(root, '.tmp', 'electron-native', `${electronVersion}-${hostPlatform}-${arch}`);
  const stagedPackage = join(stageDir, 'node_modules', 'better-sqlite3');
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(dirname(stagedPackage), { recursive: true });
  writeFileSync(
    join(stageDir, 'package.json'),
    `${JSON.stringify({ name: 'marquee-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`,
  );
  cpSync(sourceDir, stagedPackage, {
    recursive: true,
    filter: (path) => {
      const inside = relative(sourceDir, path).split(sep);
      return inside[0] !== 'build' && inside[0] !== 'node_modules';
    },
  });

  log(`marquee: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${hostPlatform}-${arch})...`);
  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch (error) {
    throw new Error(`@electron/rebuild is not installed (it comes with electron-builder): ${error.message}`);
  }
  try {
    await rebuild({
      buildPath: stageDir,
      electronVersion,
      arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
  } catch (error) {
    throw new Error(
      `could not build better-sqlite3 for Electron ${electronVersion}: ${error.message}\n` +
        'This needs the network (a prebuilt addon from GitHub, or Electron headers from electronjs.org) and, ' +
        'for a source build, a C++ toolchain.',
    );
  }

  const built = join(stagedPackage, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built) || statSync(built).size === 0) throw new Error(`the rebuild produced no addon at ${built}`);
  mkdirSync(NATIVE_DIR, { recursive: true });
  copyFileSync(built, NATIVE_ADDON);
  writeFileSync(STAMP, `${JSON.stringify(wanted, null, 2)}\n`);
  rmSync(stageDir, { recursive: true, force: true });
  log(`marquee: wrote ${relative(root, NATIVE_ADDON)}`);
  return NATIVE_ADDON;
}

/** electron-builder `beforePack` hook: the addon for the platform and arch about to be packed. */
export async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const electronVersion = context.packager.config.electronVersion ?? installedElectronVersion();
  await buildElectronSqlite({ electronVersion, arch, platform: context.electronPlatformName });
}

export default beforePack;

// By hand: node scripts/electron-native.mjs [--arch ARCH] [--force]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const archIndex = argv.indexOf('--arch');
  const arch = archIndex !== -1 && argv[archIndex + 1] ? argv[archIndex + 1] : process.arch;
  try {
    await buildElectronSqlite({ electronVersion: installedElectronVersion(), arch, force: argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`marquee: ${error.message}\n`);
    process.exit(1);
  }
}
