import { describe, expect, it } from 'vitest';
import { DENY_ALL_POLICY, withCspSafetyNet } from '../../../src/main/app/csp';
import { externalLinkAction, isAllowedNavigation } from '../../../src/main/app/navigation';
import { isPermissionAllowed, MODE_PERMISSIONS } from '../../../src/main/app/permissions';

const ORIGIN = 'http://127.0.0.1:7450';

describe('isAllowedNavigation', () => {
  it('allows the app origin, any path', () => {
    expect(isAllowedNavigation('http://127.0.0.1:7450/counter', ORIGIN)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:7450/admin/movies/3?x=1#top', ORIGIN)).toBe(true);
  });

  it.each([
    ['another port', 'http://127.0.0.1:7451/counter'],
    ['another host for the same machine', 'http://localhost:7450/counter'],
    ['the LAN address', 'http://192.168.1.10:7450/counter'],
    ['https on the same host and port', 'https://127.0.0.1:7450/counter'],
    ['a look-alike host', 'http://127.0.0.1.evil.example:7450/'],
    ['credentials in the URL', 'http://127.0.0.1:7450@evil.example/'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['javascript:', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
  ])('denies %s', (_name, url) => {
    expect(isAllowedNavigation(url, ORIGIN)).toBe(false);
  });

  it('denies everything when the allowed origin is not a URL', () => {
    expect(isAllowedNavigation('http://127.0.0.1:7450/', 'nonsense')).toBe(false);
  });
});

describe('externalLinkAction', () => {
  it('opens https links in the browser from counter and admin', () => {
    expect(externalLinkAction('https://stripe.com/docs', 'counter')).toBe('open-in-browser');
    expect(externalLinkAction('https://example.com/', 'admin')).toBe('open-in-browser');
  });

  it('never lets the kiosk open anything outside', () => {
    expect(externalLinkAction('https://example.com/', 'kiosk')).toBe('deny');
  });

  it('denies everything but https', () => {
    for (const url of [
      'http://example.com/',
      'file:///C:/Windows/system32/calc.exe',
      'smb://server/share',
      'ms-settings:',
      'mailto:a@b.c',
      'nonsense',
    ]) {
      expect(externalLinkAction(url, 'admin')).toBe('deny');
    }
    expect(externalLinkAction('https://user:pw@example.com/', 'admin')).toBe('deny');
  });
});

describe('isPermissionAllowed', () => {
  it('denies every permission in every mode for now', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'openExternal',
      'fullscreen',
    ]) {
      for (const mode of ['counter', 'kiosk', 'admin'] as const) {
        expect(
          isPermissionAllowed({ permission, mode, requestingUrl: `${ORIGIN}/${mode}`, allowedOrigin: ORIGIN }),
        ).toBe(false);
      }
    }
  });

  it('would allow a listed permission only to our windows on our origin', () => {
    const table = { counter: [], kiosk: [], admin: ['media'] };
    const query = { permission: 'media', requestingUrl: `${ORIGIN}/admin`, allowedOrigin: ORIGIN };
    expect(isPermissionAllowed({ ...query, mode: 'admin' }, table)).toBe(true);
    expect(isPermissionAllowed({ ...query, mode: 'kiosk' }, table)).toBe(false);
    expect(isPermissionAllowed({ ...query, mode: null }, table)).toBe(false);
    expect(isPermissionAllowed({ ...query, mode: 'admin', requestingUrl: 'https://evil.example/' }, table)).toBe(false);
  });

  it('lists no permission for any mode yet', () => {
    expect(MODE_PERMISSIONS).toEqual({ counter: [], kiosk: [], admin: [] });
  });
});

describe('withCspSafetyNet', () => {
  const options = { allowedOrigin: ORIGIN, appPolicy: "default-src 'self'" };

  it('leaves a response that has a CSP alone, whatever the header case', () => {
    const headers = { 'content-security-policy': ["default-src 'self'; script-src 'self'"] };
    expect(withCspSafetyNet(`${ORIGIN}/counter`, headers, options)).toBe(headers);
    const upper = { 'Content-Security-Policy': ['x'] };
    expect(withCspSafetyNet(`${ORIGIN}/counter`, upper, options)).toBe(upper);
  });

  it("adds the app's policy to our responses without one", () => {
    const result = withCspSafetyNet(`${ORIGIN}/counter`, { 'content-type': ['text/html'] }, options);
    expect(result).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds a deny-all policy to anything else', () => {
    const result = withCspSafetyNet('https://evil.example/', {}, options);
    expect(result['Content-Security-Policy']).toEqual([DENY_ALL_POLICY]);
  });
});
