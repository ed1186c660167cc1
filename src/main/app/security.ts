/**
 * Applies the shell's security decisions (navigation.ts, permissions.ts, csp.ts) to Electron's session and
 * to every webContents, including ones the app did not mean to create: navigation and redirects to another
 * origin are stopped, window.open is always denied, <webview> cannot attach, permissions are denied by
 * default, a response without a CSP gets one, and downloads are allowed only in admin windows (exports).
 */
import { shell, type Session, type WebContents } from 'electron';
import type { AppMode } from '../../preload/protocol';
import { withCspSafetyNet } from './csp';
import { externalLinkAction, isAllowedNavigation } from './navigation';
import { isPermissionAllowed } from './permissions';

export type ShellLogger = (message: string, error?: unknown) => void;

export interface SecurityContext {
  allowedOrigin: string;
  /** The CSP for the app's own responses that lack one; null leaves them alone (the Vite dev server in development). */
  appPolicy: string | null;
  /** The mode of a webContents the shell created; null for any other. */
  modeOf(webContentsId: number): AppMode | null;
  log: ShellLogger;
}

function openOutside(url: string, mode: AppMode | null, context: SecurityContext): void {
  if (mode === null || externalLinkAction(url, mode) !== 'open-in-browser') return;
  shell.openExternal(url).catch((error: unknown) => context.log(`could not open ${url} in the browser`, error));
}

export function hardenSession(session: Session, context: SecurityContext): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = isPermissionAllowed({
      permission,
      mode: context.modeOf(contents.id),
      requestingUrl: details.requestingUrl,
      allowedOrigin: context.allowedOrigin,
    });
    if (!allowed) context.log(`denied the permission "${permission}" to ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionAllowed({
      permission,
      mode: contents ? context.modeOf(contents.id) : null,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      allowedOrigin: context.allowedOrigin,
    }),
  );
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    if (context.appPolicy === null && isAllowedNavigation(details.url, context.allowedOrigin)) {
      callback({ responseHeaders: headers });
      return;
    }
    callback({
      responseHeaders: withCspSafetyNet(details.url, headers, {
        allowedOrigin: context.allowedOrigin,
        appPolicy: context.appPolicy ?? '',
      }),
    });
  });

  session.on('will-download', (event, item, contents) => {
    const mode = contents ? context.modeOf(contents.id) : null;
    if (mode !== 'admin' || !isAllowedNavigation(item.getURL(), context.allowedOrigin)) {
      context.log(`refused a download of ${item.getURL()}`);
      event.preventDefault();
    }
  });
}

export function hardenWebContents(contents: WebContents, context: SecurityContext): void {
  const mode = (): AppMode | null => context.modeOf(contents.id);

  contents.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url, context.allowedOrigin)) return;
    event.preventDefault();
    context.log(`stopped a navigation to ${event.url}`);
    if (event.isMainFrame) openOutside(event.url, mode(), context);
  });
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, context.allowedOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, context.allowedOrigin)) return;
    event.preventDefault();
    context.log(`stopped a redirect to ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, mode(), context);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
