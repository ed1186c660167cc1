/**
 * The app's windows: the one window of the mode and, for the counter, the customer display on a second
 * screen. Knows which webContents are ours (the IPC sender check and the permission handlers ask it),
 * swallows escaping shortcuts, keeps the kiosk from closing, and brings a crashed or unloaded page back.
 */
import { BrowserWindow, screen, type Display } from 'electron';
import type { AppMode, WindowTransport } from '../../preload/protocol';
import { pageUrl } from './config';
import { CrashTracker, needsReload } from './crash-policy';
import { pickCustomerDisplay } from './displays';
import { classifyInput } from './input-guard';
import type { ShellLogger } from './security';
import { customerDisplayOptions, windowOptionsFor, type WindowContext } from './window-options';

export interface WindowManagerOptions {
  mode: AppMode;
  origin: string;
  packaged: boolean;
  preloadPath: string;
  transport: WindowTransport;
  customerDisplay: boolean;
  log: ShellLogger;
  /** The kiosk's service shortcut (Ctrl+Alt+Shift+Q). */
  requestQuit(): void;
}

/** A failed load other than "aborted" (a newer navigation replaced it) is retried, with the crash backoff. */
const ERR_ABORTED = -3;
const SHOW_ANYWAY_AFTER_MS = 5_000;

export class WindowManager {
  private readonly modes = new Map<number, AppMode>();
  private main: BrowserWindow | null = null;
  private display: { window: BrowserWindow; displayId: number } | null = null;
  private closing = false;

  constructor(private readonly options: WindowManagerOptions) {}

  private get context(): WindowContext {
    return {
      packaged: this.options.packaged,
      preloadPath: this.options.preloadPath,
      transport: this.options.transport,
    };
  }

  isOwnWebContents(id: number): boolean {
    return this.modes.has(id);
  }

  modeOf(id: number): AppMode | null {
    return this.modes.get(id) ?? null;
  }

  openMain(): BrowserWindow {
    const { mode } = this.options;
    const window = new BrowserWindow(windowOptionsFor(mode, this.context));
    this.main = window;
    this.manage(window, mode, pageUrl(this.options.origin, mode));
    window.on('closed', () => {
      this.main = null;
    });
    if (mode === 'kiosk') {
      window.on('close', (event) => {
        if (!this.closing) event.preventDefault();
      });
      // No pinch or double-tap zoom on a touch screen.
      void window.webContents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    }
    if (mode === 'counter') this.syncCustomerDisplay();
    return window;
  }

  /** Opens, moves or closes the customer display to match the screens now attached. */
  syncCustomerDisplay(): void {
    if (this.options.mode !== 'counter' || this.closing) return;
    const target = this.options.customerDisplay
      ? pickCustomerDisplay<Display>(screen.getAllDisplays(), screen.getPrimaryDisplay().id)
      : null;
    if (this.display && (target === null || target.id !== this.display.displayId)) {
      this.display.window.destroy();
      this.display = null;
    }
    if (target === null || this.display !== null) return;
    const window = new BrowserWindow(customerDisplayOptions(target, this.context));
    window.removeMenu();
    this.display = { window, displayId: target.id };
    window.on('closed', () => {
      if (this.display?.window === window) this.display = null;
    });
    this.manage(window, 'counter', pageUrl(this.options.origin, 'counter', 'customer-display'), false);
  }

  focusMain(): void {
    const window = this.main;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** From now on windows may close (the app is quitting). */
  allowClose(): void {
    this.closing = true;
  }

  private manage(window: BrowserWindow, mode: AppMode, url: string, showWhenReady = true): void {
    const contents = window.webContents;
    const id = contents.id;
    this.modes.set(id, mode);
    contents.once('destroyed', () => this.modes.delete(id));

    const tracker = new CrashTracker();
    const load = (): void => {
      if (window.isDestroyed()) return;
      window.loadURL(url).catch(() => undefined); // failures arrive as did-fail-load below
    };
    const reloadLater = (why: string): void => {
      const delay = tracker.record(Date.now());
      this.options.log(`${mode} window: ${why}; reloading in ${delay} ms`);
      setTimeout(load, delay).unref();
    };

    const reveal = (): void => {
      if (window.isDestroyed() || window.isVisible()) return;
      if (showWhenReady) window.show();
      else window.showInactive();
    };
    window.once('ready-to-show', reveal);
    // A page that cannot load (the box office is down for a remote kiosk) never becomes ready; the window
    // shows anyway so a kiosk never leaves the desktop exposed while it retries.
    setTimeout(reveal, SHOW_ANYWAY_AFTER_MS).unref();
    contents.on('before-input-event', (event, input) => {
      const action = classifyInput(input, { mode, packaged: this.options.packaged });
      if (action === 'allow') return;
      event.preventDefault();
      if (action === 'quit') this.options.requestQuit();
    });
    contents.on('render-process-gone', (_event, details) => {
      if (this.closing || !needsReload(details.reason)) return;
      reloadLater(`renderer gone (${details.reason}, exit code ${details.exitCode})`);
    });
    contents.on('did-fail-load', (_event, errorCode, description, validatedUrl, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED || this.closing) return;
      reloadLater(`could not load ${validatedUrl} (${description})`);
    });
    contents.on('unresponsive', () => this.options.log(`${mode} window is not responding`));
    load();
  }
}
