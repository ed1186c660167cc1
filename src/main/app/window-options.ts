/**
 * The options of every window the shell opens, decided from the mode and whether the app is packaged.
 * Fixed for all of them: context isolation, the renderer sandbox, no Node in any frame or worker, web
 * security on, no insecure content, no drag-and-drop navigation, a preload that exposes only the bridge.
 * The kiosk is a locked-down full-screen window; devtools exist only in development builds.
 * (Type-only import of electron: this module runs under plain Node in the tests.)
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { windowArguments, type AppMode, type WindowTransport } from '../../preload/protocol';
import type { DisplayInfo } from './displays';

export interface WindowContext {
  packaged: boolean;
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  transport: WindowTransport;
}

const TITLES: Record<AppMode, string> = {
  counter: 'Marquee — Box office',
  kiosk: 'Marquee',
  admin: 'Marquee — Admin',
};

const BACKGROUND = '#0f1115';

export function webPreferencesFor(mode: AppMode, context: WindowContext): WebPreferences {
  return {
    preload: context.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    webviewTag: false,
    safeDialogs: true,
    // A kiosk must not block on alert()/confirm() that nobody can dismiss.
    disableDialogs: mode === 'kiosk',
    spellcheck: mode !== 'kiosk',
    devTools: !context.packaged,
    additionalArguments: windowArguments(mode, context.transport),
  };
}

export function windowOptionsFor(mode: AppMode, context: WindowContext): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: TITLES[mode],
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: webPreferencesFor(mode, context),
  };
  switch (mode) {
    case 'kiosk':
      return {
        ...common,
        kiosk: true,
        fullscreen: true,
        frame: false,
        autoHideMenuBar: true,
        resizable: false,
        movable: false,
        minimizable: false,
        maximizable: false,
        closable: false,
        fullscreenable: true,
        skipTaskbar: false,
      };
    case 'counter':
      return { ...common, width: 1440, height: 900, minWidth: 1024, minHeight: 680, autoHideMenuBar: context.packaged };
    case 'admin':
      return { ...common, width: 1280, height: 860, minWidth: 960, minHeight: 640, autoHideMenuBar: context.packaged };
  }
}

/**
 * The counter's customer-facing window: full screen on the second display, never focusable, so the
 * cashier's keyboard and scanner always type into the counter window.
 */
export function customerDisplayOptions(display: DisplayInfo, context: WindowContext): BrowserWindowConstructorOptions {
  const { x, y, width, height } = display.bounds;
  return {
    title: 'Marquee — Customer display',
    show: false,
    backgroundColor: BACKGROUND,
    x,
    y,
    width,
    height,
    frame: false,
    fullscreen: true,
    focusable: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    webPreferences: { ...webPreferencesFor('counter', context), disableDialogs: true, spellcheck: false },
  };
}
