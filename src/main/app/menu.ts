/**
 * The application menu. The kiosk has none. Counter and admin get a small one, mainly because macOS
 * routes copy and paste through the Edit menu; reload and devtools appear only in development builds.
 * (Type-only import of electron: this module runs under plain Node in the tests.)
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppMode } from '../../preload/protocol';

export function menuTemplate(
  mode: AppMode,
  context: { packaged: boolean; platform: NodeJS.Platform },
): MenuItemConstructorOptions[] | null {
  if (mode === 'kiosk') return null;
  const view: MenuItemConstructorOptions[] = [
    ...(context.packaged
      ? []
      : ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(context.platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
