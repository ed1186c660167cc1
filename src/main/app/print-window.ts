/**
 * The Electron side of printing: a hidden window without scripts or a preload, showing only the layout
 * HTML the server made, printed through `webContents.print`.
 */
import { BrowserWindow } from 'electron';
import type { PrintWindow } from './printing';

export function openPrintWindow(): PrintWindow {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  return {
    async load(html) {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    },
    print(options) {
      return new Promise((resolve) => {
        window.webContents.print(options, (ok, reason) => resolve({ ok, reason }));
      });
    },
    close() {
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
