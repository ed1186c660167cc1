import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../src/main/app/menu';
import { customerDisplayOptions, windowOptionsFor, type WindowContext } from '../../../src/main/app/window-options';
import { APP_MODES } from '../../../src/preload/protocol';

const packaged: WindowContext = { packaged: true, preloadPath: '/app/out/preload/index.cjs', transport: 'ipc' };
const development: WindowContext = { ...packaged, packaged: false };

describe('windowOptionsFor', () => {
  it.each(APP_MODES)('locks down the web preferences of the %s window', (mode) => {
    for (const context of [packaged, development]) {
      const prefs = windowOptionsFor(mode, context).webPreferences;
      expect(prefs).toMatchObject({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      });
      expect(prefs?.additionalArguments).toEqual([`--marquee-mode=${mode}`, '--marquee-transport=ipc']);
    }
  });

  it('has devtools only in development builds', () => {
    for (const mode of APP_MODES) {
      expect(windowOptionsFor(mode, packaged).webPreferences?.devTools).toBe(false);
      expect(windowOptionsFor(mode, development).webPreferences?.devTools).toBe(true);
    }
  });

  it('makes the kiosk a locked full-screen window without dialogs', () => {
    const kiosk = windowOptionsFor('kiosk', packaged);
    expect(kiosk).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      resizable: false,
      movable: false,
      minimizable: false,
      closable: false,
      show: false,
    });
    expect(kiosk.webPreferences?.disableDialogs).toBe(true);
  });

  it('gives the counter and admin ordinary resizable windows', () => {
    for (const mode of ['counter', 'admin'] as const) {
      const options = windowOptionsFor(mode, packaged);
      expect(options.kiosk).toBeUndefined();
      expect(options.fullscreen).toBeUndefined();
      expect(options.minWidth).toBeGreaterThanOrEqual(960);
    }
  });

  it('tells a window showing a remote box office to use HTTP', () => {
    const remote = windowOptionsFor('kiosk', { ...packaged, transport: 'http' });
    expect(remote.webPreferences?.additionalArguments).toContain('--marquee-transport=http');
  });
});

describe('customerDisplayOptions', () => {
  it('covers the second screen and never takes the keyboard', () => {
    const options = customerDisplayOptions({ id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } }, packaged);
    expect(options).toMatchObject({
      x: 1920,
      y: 0,
      width: 1280,
      height: 800,
      focusable: false,
      fullscreen: true,
      frame: false,
    });
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(options.webPreferences?.additionalArguments).toContain('--marquee-mode=counter');
  });
});

describe('menuTemplate', () => {
  it('gives the kiosk no menu at all', () => {
    expect(menuTemplate('kiosk', { packaged: true, platform: 'linux' })).toBeNull();
  });

  it('keeps reload and devtools out of packaged menus', () => {
    const roles = (template: ReturnType<typeof menuTemplate>): string[] =>
      JSON.stringify(template)
        .match(/"role":"[A-Za-z]+"/g)
        ?.map((match) => match.slice(8, -1)) ?? [];
    const shipped = roles(menuTemplate('counter', { packaged: true, platform: 'win32' }));
    expect(shipped).toContain('editMenu');
    expect(shipped).not.toContain('toggleDevTools');
    expect(shipped).not.toContain('reload');
    const dev = roles(menuTemplate('admin', { packaged: false, platform: 'darwin' }));
    expect(dev).toEqual(expect.arrayContaining(['appMenu', 'toggleDevTools', 'reload']));
  });
});
