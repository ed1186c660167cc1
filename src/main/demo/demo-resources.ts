/**
 * Finds the demo's poster images. They live in `resources/demo/posters/` of the repository; the code runs
 * from source (tsx, vitest) and bundled into `out/main/`, so the folder is found by walking up from this
 * module. A packaged app (or anyone else) points `MARQUEE_RESOURCES_DIR` at its `resources` folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PosterType = 'image/png' | 'image/jpeg' | 'image/webp';

const EXTENSIONS: Array<[string, PosterType]> = [
  ['webp', 'image/webp'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
];

/** The `resources` folder that holds `demo/`, or null when there is none. */
export function findResourcesDir(
  env: NodeJS.ProcessEnv = process.env,
  from = dirname(fileURLToPath(import.meta.url)),
): string | null {
  const configured = env.MARQUEE_RESOURCES_DIR;
  if (configured) return existsSync(join(configured, 'demo')) ? configured : null;
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'demo'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface PosterFile {
  contentType: PosterType;
  data: Buffer;
}

/** Reads every film's poster up front, so a missing file fails the load before anything is created. */
export function readPosters(
  slugs: readonly string[],
  resourcesDir: string | null = findResourcesDir(),
): Map<string, PosterFile> {
  if (!resourcesDir) {
    throw new Error('demo posters not found: no resources/demo folder above this module; set MARQUEE_RESOURCES_DIR');
  }
  const folder = join(resourcesDir, 'demo', 'posters');
  const posters = new Map<string, PosterFile>();
  for (const slug of slugs) {
    const found = EXTENSIONS.find(([ext]) => existsSync(join(folder, `${slug}.${ext}`)));
    if (!found) throw new Error(`demo poster missing: ${join(folder, slug)}.{webp,png,jpg}`);
    const [ext, contentType] = found;
    posters.set(slug, { contentType, data: readFileSync(join(folder, `${slug}.${ext}`)) });
  }
  return posters;
}
