/**
 * The Electron shell: the app's lifecycle around the core. In order:
 *
 * 1. read the command line and the data folder's settings; one instance per data folder (a second start
 *    focuses the first one's window);
 * 2. open the core (database, services) and, on a new database, create the admin and offer the demo;
 * 3. start the embedded HTTP server (LAN, 0.0.0.0:7450 by default) and the IPC transport;
 * 4. harden the session and every webContents, then open the mode's window from the server's loopback
 *    origin;
 * 5. on quit: close the windows' IPC, the server, then the core (the database checkpoints its WAL).
 *
 * With `--server-url` (a kiosk PC pointed at the box office) steps 2 and 3 are skipped: the window shows
 * the remote pages and talks HTTP like a browser. Every decision lives in the electron-free modules next
 * to this file and is unit-tested there; this file only wires them to Electron.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  app,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  safeStorage,
  screen,
  session,
  webContents,
  type IpcMainInvokeEvent,
} from 'electron';
import { IPC_CHANNELS } from '../../preload/protocol';
import { DomainError } from '../../shared/contract/errors';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { dataFolderCipher } from '../settings/index';
import { stripeEnvironment } from '../stripe/index';
import { safeStorageCipher } from './safe-storage-cipher';
import { defaultDataDir, PRODUCT_NAME } from '../core/paths';
import { loadDemoCinema } from '../demo/index';
import { CONTENT_SECURITY_POLICY, startRendererServer, startServer, type RunningServer } from '../http/index';
import { forwardEvents, registerIpcTransport, type IpcTransport } from '../ipc/index';
import { parseShellArgs } from './args';
import { localOrigin, resolveShellConfig, type ShellConfig } from './config';
import { bootstrapAdmin, demoDecision, type AdminBootstrap } from './first-run';
import { menuTemplate } from './menu';
import { openPrintWindow } from './print-window';
import { printerSettings } from './printer-settings';
import { createSilentPrinter } from './printing';
import { hardenSession, hardenWebContents, type SecurityContext, type ShellLogger } from './security';
import { loadSettings, saveSettings, type LoadedSettings } from './settings';
import { TerminalStore } from './terminal';
import { registerTerminalIpc } from './terminal-ipc';
import { WindowManager } from './windows';

/** How long quitting waits for the server's in-flight requests and the database before exiting anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

const log: ShellLogger = (message, error) => {
  if (error === undefined) console.warn(`marquee: ${message}`);
  else console.error(`marquee: ${message}`, error instanceof Error ? (error.stack ?? error.message) : error);
};

function messageOf(error: unknown): string {
  if (error instanceof DomainError || error instanceof Error) return error.message;
  return String(error);
}

function fail(title: string, detail: string, exitCode = 1): void {
  log(`${title}: ${detail}`);
  dialog.showErrorBox(title, detail);
  app.exit(exitCode);
}

function withTimeout(work: Promise<unknown>, ms: number, what: string): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(() => {
      log(`${what} did not finish within ${ms} ms`);
      done();
    }, ms);
    work.then(
      () => {
        clearTimeout(timer);
        done();
      },
      (error: unknown) => {
        clearTimeout(timer);
        log(`${what} failed`, error);
        done();
      },
    );
  });
}

/**
 * The Electron build of better-sqlite3 (scripts/electron-native.mjs): resources/native/ when packaged,
 * out/native/ in development (`npm start` builds it). node_modules keeps the Node build for the tests and
 * the headless server, which Electron could not load (another ABI).
 */
function sqliteNativeBinding(): string | undefined {
  const file = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(app.getAppPath(), 'out', 'native', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

async function firstRun(core: Core, config: ShellConfig, loaded: LoadedSettings, dataDir: string): Promise<void> {
  const admin: AdminBootstrap = await bootstrapAdmin(core, process.env);
  let decision = demoDecision({ demoFlag: config.demo, fresh: admin.fresh, settings: loaded.settings });
  if (decision === 'ask') {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Welcome to Marquee',
      message: 'Start with demo data?',
      detail:
        'The demo cinema has films with posters, a theater with several screens and two weeks of showtimes, so you ' +
        'can try every mode at once. Start empty to set up your own cinema.',
      buttons: ['Start with demo data', 'Start empty'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    const wantsDemo = response === 0;
    try {
      saveSettings(dataDir, { ...loaded.settings, demoOnFirstRun: wantsDemo });
    } catch (error) {
      log('could not save the first-run choice', error);
    }
    decision = wantsDemo ? 'load' : 'skip';
  }

  let demoLoaded = false;
  if (decision === 'load') {
    try {
      demoLoaded = (await loadDemoCinema(core, { password: admin.password })).loaded;
    } catch (error) {
      log('could not load the demo cinema', error);
      dialog.showErrorBox(
        'The demo cinema could not be loaded',
        `${messageOf(error)}\n\nMarquee starts with an empty cinema.`,
      );
    }
  }

  if (admin.generatedPassword !== null) {
    const lines = [
      `User: admin\nPassword: ${admin.generatedPassword}`,
      `It is also saved in ${admin.passwordFile ?? dataDir}.`,
    ];
    if (demoLoaded) lines.push("The demo cinema's staff accounts use the same password.");
    const { response } = await dialog.showMessageBox({
      type: 'info',
      title: 'Marquee is ready',
      message: 'Sign in as the administrator with this password. It is shown only now.',
      detail: lines.join('\n\n'),
      buttons: ['Copy password and continue', 'Continue'],
      defaultId: 0,
      noLink: true,
    });
    if (response === 0) clipboard.writeText(admin.generatedPassword);
  }
}

export async function runShell(): Promise<void> {
  const args = parseShellArgs(process.argv.slice(1));
  app.setName(PRODUCT_NAME);
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  // Chromium's profile (cache, storage) goes next to the database, in its own folder.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'session'));

  // The lock is per data folder: a second start focuses the first; another data folder is another cinema.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  // Packaged, the demo's posters are in resources/resources/ (electron-builder.yml, extraResources).
  if (app.isPackaged && !process.env.MARQUEE_RESOURCES_DIR) {
    process.env.MARQUEE_RESOURCES_DIR = join(process.resourcesPath, 'resources');
  }

  const loaded = loadSettings(dataDir);
  for (const warning of loaded.warnings) log(`settings: ${warning}`);
  const config = resolveShellConfig(args, loaded.settings);
  if (config.mode === 'kiosk') app.commandLine.appendSwitch('disable-pinch');
  // A kiosk PC showing the box office's pages over plain http on the LAN: let them be a secure context.
  if (config.serverUrl?.startsWith('http:'))
    app.commandLine.appendSwitch('unsafely-treat-insecure-origin-as-secure', config.serverUrl);

  await app.whenReady();
  if (args.errors.length > 0) {
    fail('Marquee cannot start', `The command line has errors:\n${args.errors.join('\n')}`, 2);
    return;
  }

  let core: Core | null = null;
  let server: RunningServer | null = null;
  let ipc: IpcTransport | null = null;
  let windows: WindowManager | null = null;
  let setupServer: RunningServer | null = null;
  let disposeTerminal: (() => void) | null = null;

  let cleanedUp = false;
  let cleaning = false;
  app.on('before-quit', (event) => {
    windows?.allowClose();
    if (cleanedUp) return;
    event.preventDefault();
    if (cleaning) return;
    cleaning = true;
    const cleanup = async (): Promise<void> => {
      ipc?.dispose();
      disposeTerminal?.();
      if (setupServer) await withTimeout(setupServer.close(), SHUTDOWN_TIMEOUT_MS, 'closing the setup page');
      if (server) await withTimeout(server.close(), SHUTDOWN_TIMEOUT_MS, 'closing the server');
      if (core) await withTimeout(core.close(), SHUTDOWN_TIMEOUT_MS, 'closing the database');
    };
    void cleanup().finally(() => {
      cleanedUp = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  let origin: string;
  // A terminal PC (a kiosk or counter connected to a box office) runs no core: its windows show the box
  // office's pages, or, before the first pairing, this PC's own connect screen.
  const terminal =
    config.serverUrl || args.connect
      ? new TerminalStore(
          { load: () => loadSettings(dataDir).settings, save: (settings) => saveSettings(dataDir, settings) },
          safeStorage,
          (message) => log(`terminal: ${message}`),
        )
      : null;
  const transport = terminal ? 'http' : 'ipc';
  if (config.serverUrl) {
    origin = config.serverUrl;
  } else if (terminal) {
    if (config.mode !== 'kiosk') {
      // Only kiosks pair with a device code; a counter PC shows the box office's pages and staff sign in.
      fail(
        'Marquee cannot connect this way',
        'A counter or admin PC connects with --server-url=http://box-office:7450 (staff then sign in there); --connect pairs kiosks.',
        2,
      );
      return;
    }
    try {
      setupServer = await startRendererServer(join(app.getAppPath(), 'out', 'renderer'));
    } catch (error) {
      fail('Marquee cannot show its connect screen', messageOf(error));
      return;
    }
    origin = setupServer.url;
  } else {
    // Stripe keys: the environment's win; otherwise those stored in Admin → Settings, sealed by the OS.
    let environment;
    try {
      environment = stripeEnvironment();
    } catch (error) {
      fail('Marquee cannot start', messageOf(error), 2);
      return;
    }
    const options: CoreOptions = {
      dataDir,
      nativeBinding: sqliteNativeBinding(),
      stripe: { environment },
      secrets: safeStorageCipher(safeStorage, dataFolderCipher(dataDir)),
    };
    try {
      core = await createCore(options);
    } catch (error) {
      fail('Marquee cannot open its database', `${messageOf(error)}\n\nData folder: ${dataDir}`);
      return;
    }
    try {
      await firstRun(core, config, loaded, dataDir);
    } catch (error) {
      await core.close().catch(() => undefined);
      core = null;
      fail('Marquee could not prepare its database', `${messageOf(error)}\n\nData folder: ${dataDir}`);
      return;
    }
    try {
      server = await startServer(core, {
        host: config.host,
        port: config.port,
        rendererDir: join(app.getAppPath(), 'out', 'renderer'),
        log,
      });
    } catch (error) {
      const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
      const detail = inUse
        ? `Port ${config.port} is already in use on ${config.host}: another Marquee may be running. Start with --port=N, or set "port" in ${join(dataDir, 'settings.json')}.`
        : messageOf(error);
      await core.close().catch(() => undefined);
      core = null;
      fail('Marquee cannot start its server', detail);
      return;
    }
    log(`listening on ${server.url}`);
    // In development (`electron-vite dev`) the windows load the Vite dev server, with hot reload.
    const devRenderer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
    origin = devRenderer ? new URL(devRenderer).origin : localOrigin(server.url);
  }

  const manager = new WindowManager({
    mode: config.mode,
    origin,
    packaged: app.isPackaged,
    preloadPath: join(app.getAppPath(), 'out', 'preload', 'index.cjs'),
    transport,
    customerDisplay: config.customerDisplay,
    log,
    requestQuit: () => app.quit(),
  });
  windows = manager;

  const security: SecurityContext = {
    allowedOrigin: origin,
    appPolicy: process.env.ELECTRON_RENDERER_URL && !app.isPackaged ? null : CONTENT_SECURITY_POLICY,
    modeOf: (id) => manager.modeOf(id),
    log,
  };
  hardenSession(session.defaultSession, security);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, security));

  if (terminal) {
    const printer = loaded.settings.printer ? createSilentPrinter(openPrintWindow, loaded.settings.printer) : null;
    disposeTerminal = registerTerminalIpc({
      store: terminal,
      fetch: (url, init) => fetch(url, init),
      policy: { allowedOrigin: origin, isOwnWebContents: (id) => manager.isOwnWebContents(id) },
      printHtml: printer ? (html) => printer.print({ html }) : null,
      // Start again on the box office's pages (its origin must be known before the app is ready).
      onConnected: (serverUrl) => {
        log(`paired with the box office at ${serverUrl}; restarting onto its pages`);
        app.relaunch({ args: process.argv.slice(1).filter((arg) => !arg.startsWith('--server-url')) });
        app.quit();
      },
      log,
    });
  }

  if (core) {
    const running = core;
    // Tickets print silently on this machine's printer when settings.json names one (`printer`); Admin →
    // Settings → Printers changes it (from the next ticket; a PC that had none starts printing after a restart).
    let printer = loaded.settings.printer ? createSilentPrinter(openPrintWindow, loaded.settings.printer) : null;
    const printers = printerSettings({
      listPrinters: () => webContents.getFocusedWebContents()?.getPrintersAsync() ?? Promise.resolve([]),
      settings: { load: () => loadSettings(dataDir).settings, save: (settings) => saveSettings(dataDir, settings) },
      roleOf: async (token) => {
        const actor = token ? await running.accounts.authenticate(token) : null;
        return actor && actor.kind !== 'anonymous' ? actor.role : null;
      },
      onChange: (settings) => {
        if (printer) printer = createSilentPrinter(openPrintWindow, settings);
      },
    });
    const ownWindow = (event: IpcMainInvokeEvent) => manager.isOwnWebContents(event.sender.id);
    ipcMain.handle(IPC_CHANNELS.printersList, (event, token: unknown) =>
      ownWindow(event) ? printers.list(token) : { ok: false, message: 'This window may not do that.' },
    );
    ipcMain.handle(IPC_CHANNELS.printersSet, (event, request: unknown) => {
      if (!ownWindow(event)) return { ok: false, message: 'This window may not do that.' };
      const { token, choice } = (typeof request === 'object' && request !== null ? request : {}) as Record<
        string,
        unknown
      >;
      return printers.set(token, choice);
    });
    const transportIpc = registerIpcTransport({
      dispatcher: running.dispatcher,
      printHtml: printer ? (html) => printer!.print({ html }) : null,
      authenticate: (token) => running.accounts.authenticate(token),
      policy: { allowedOrigin: origin, isOwnWebContents: (id) => manager.isOwnWebContents(id) },
      log,
    });
    ipc = transportIpc;
    // Live updates: every event of the core's bus reaches the windows subscribed to its topics.
    forwardEvents(running.events, (topic, payload) => transportIpc.publish(topic, payload));
  }

  const template = menuTemplate(config.mode, { packaged: app.isPackaged, platform: process.platform });
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);

  app.on('second-instance', () => manager.focusMain());
  manager.openMain();
  if (config.mode === 'counter') {
    const sync = (): void => manager.syncCustomerDisplay();
    screen.on('display-added', sync);
    screen.on('display-removed', sync);
    screen.on('display-metrics-changed', sync);
  }
  log(`${config.mode} window opened on ${origin}`);
}
