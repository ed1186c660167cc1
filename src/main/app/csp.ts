/**
 * The Content-Security-Policy safety net. The embedded server sends its CSP with every page; a response
 * without one (a future route that forgets it, or a foreign origin that somehow loads) gets one here, in
 * `session.webRequest.onHeadersReceived`, before Chromium parses it. The app's own pages get the server's
 * policy; anything else gets a policy that allows nothing. A CSP that is present is never weakened: when
 * a response carries several, Chromium enforces all of them.
 */
import { isAllowedNavigation } from './navigation';

/** For responses that are not the app's: nothing loads, nothing runs. */
export const DENY_ALL_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export type ResponseHeaders = Record<string, string | string[]>;

export function hasHeader(headers: ResponseHeaders, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

export function withCspSafetyNet(
  url: string,
  headers: ResponseHeaders,
  options: { allowedOrigin: string; appPolicy: string },
): ResponseHeaders {
  if (hasHeader(headers, 'content-security-policy')) return headers;
  const policy = isAllowedNavigation(url, options.allowedOrigin) ? options.appPolicy : DENY_ALL_POLICY;
  return { ...headers, 'Content-Security-Policy': [policy] };
}
