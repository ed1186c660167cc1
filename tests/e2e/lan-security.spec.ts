/**
 * The LAN pages' security in a real browser: the session is an HttpOnly cookie script cannot read, a page
 * of another origin cannot change anything with it, a request without the session is refused and sends
 * the page back to sign-in, every answer carries the Content-Security-Policy, and a role taken away by an
 * admin counts on that user's very next request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { adminToken, createStaff, rest, unique } from './pages/people-api';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

interface PageGlobals {
  document: { cookie: string };
  localStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
  fetch(url: string, init?: Record<string, unknown>): Promise<{ status: number }>;
}

/** Everything the page keeps where script can read it: its cookies and its localStorage. */
async function scriptVisibleStorage(page: Page): Promise<{ cookie: string; storage: Record<string, string> }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const storage: Record<string, string> = {};
    for (let index = 0; index < g.localStorage.length; index += 1) {
      const key = g.localStorage.key(index);
      if (key !== null) storage[key] = g.localStorage.getItem(key) ?? '';
    }
    return { cookie: g.document.cookie, storage };
  });
}

async function signInAdmin(page: Page, username: string): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
}

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
}

/** The dashboard's figures: staff only (the films list is public, so it would not tell). */
function dashboardCall(response: Response): boolean {
  return new URL(response.url()).pathname === '/rpc/reports.dashboard';
}

async function userNames(search: string): Promise<string[]> {
  const listed = await rest<{ items: { username: string }[] }>('GET', `/users?q=${search}`, await adminToken());
  expect(listed.status).toBe(200);
  return listed.body.items.map((user) => user.username);
}

test.describe('LAN security in the browser', () => {
  test('the session is an HttpOnly cookie: script sees no token, every call names its mode', async ({
    page,
    context,
  }) => {
    const rpcHeaders: Record<string, string>[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/rpc/')) rpcHeaders.push(request.headers());
    });
    await signInAdmin(page, 'admin');
    await section(page, 'Films').click();
    await expect(page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();

    const visible = await scriptVisibleStorage(page);
    expect(visible.cookie).not.toContain('marquee_');
    for (const [key, value] of Object.entries(visible.storage)) {
      expect(key).not.toMatch(/token/i);
      expect(value).not.toContain('mqs_');
    }

    const session = (await context.cookies()).find((cookie) => cookie.name === 'marquee_admin');
    expect(session?.value).toMatch(/^mqs_/);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    for (const value of [visible.cookie, ...Object.values(visible.storage)]) {
      expect(value).not.toContain(session?.value ?? 'mqs_');
    }

    // Every call named the admin session and none carried a bearer token.
    expect(rpcHeaders.length).toBeGreaterThan(3);
    for (const headers of rpcHeaders) {
      expect(headers['x-marquee-session']).toBe('admin');
      expect(headers['authorization']).toBeUndefined();
    }

    // A reload asks the server, which still knows the cookie: still signed in.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();
  });

  test.describe('a page of another origin', () => {
    let other: Server;
    let otherUrl = '';

    test.beforeAll(async () => {
      // A page on a second port of the same host: the browser treats it as same-site, so the
      // SameSite=Strict cookie does travel with its requests; the server must refuse them anyway.
      other = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://other.test');
        const target = url.searchParams.get('target') ?? '';
        const username = url.searchParams.get('username') ?? '';
        const body = JSON.stringify({ username, password: 'forged-Password-1', role: 'admin' });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        if (url.pathname === '/form') {
          // The classic CSRF: a text/plain form whose body reads as JSON (`{...,"pad":"="}`), sent at once.
          const name = `${body.slice(0, -1)},"pad":"`.replace(/'/g, '&#39;');
          response.end(`<!doctype html><html><body>
<form id="forged" method="POST" enctype="text/plain" action="${target}/rpc/users.create">
<input type="hidden" name='${name}' value='"}'></form>
<script>document.getElementById('forged').submit();</script></body></html>`);
          return;
        }
        // Script requests: one that names the admin session (needs a CORS preflight), one without.
        response.end(`<!doctype html><html><body><p id="out">running</p>
<script>
const body = ${JSON.stringify(body)};
const results = [];
(async () => {
  try {
    const r = await fetch('${target}/rpc/users.create', { method: 'POST', credentials: 'include', body,
      headers: { 'content-type': 'application/json', 'x-marquee-session': 'admin' } });
    results.push('cors:' + r.status);
  } catch (e) { results.push('cors:blocked'); }
  try {
    await fetch('${target}/rpc/users.create', { method: 'POST', mode: 'no-cors', credentials: 'include', body,
      headers: { 'content-type': 'text/plain' } });
    results.push('no-cors:sent');
  } catch (e) { results.push('no-cors:blocked'); }
  document.getElementById('out').textContent = results.join(' ');
})();
</script></body></html>`);
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    });

    test.afterAll(async () => {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    });

    test('cannot change anything with the signed-in admin’s session', async ({ page, baseURL }) => {
      await signInAdmin(page, 'admin');
      const username = unique('intruder');
      const writes: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/rpc/users.create') && response.request().method() === 'POST') {
          writes.push(response.status());
        }
      });
      const query = `target=${encodeURIComponent(baseURL ?? '')}&username=${username}`;
      await page.goto(`${otherUrl}/?${query}`);
      // The script's request with the session header never leaves the browser: no CORS permission.
      await expect(page.locator('#out')).toHaveText('cors:blocked no-cors:sent');
      await expect.poll(() => [...writes]).toEqual([403]);
      const formAnswer = page.waitForResponse(
        (response) => response.url().endsWith('/rpc/users.create') && response.request().resourceType() === 'document',
      );
      await page.goto(`${otherUrl}/form?${query}`);
      expect((await formAnswer).status()).toBe(403);
      expect(writes).toEqual([403, 403]);
      expect(await userNames(username)).toEqual([]);
    });
  });

  test('without the session a call is refused and the page goes back to sign-in', async ({
    page,
    context,
    baseURL,
  }) => {
    await signInAdmin(page, 'admin');
    // The cookie without the header that names the session counts for nothing.
    const bare = await page.evaluate(
      async () => (await (globalThis as unknown as PageGlobals).fetch('/rpc/auth.me', { method: 'POST' })).status,
    );
    expect(bare).toBe(401);
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();

    // The cookie gone (cleared, expired): the next call is a 401 and the page asks to sign in again.
    await section(page, 'Films').click();
    await expect(page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();
    await context.clearCookies();
    const next = page.waitForResponse(dashboardCall);
    await section(page, 'Dashboard').click();
    expect((await next).status()).toBe(401);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Your session has ended. Sign in again.')).toBeVisible();
    await shot(page, 'admin-session-ended');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(baseURL).toBeTruthy();
  });

  test('every answer carries the Content-Security-Policy', async ({ page }) => {
    const answers: { url: string; type: string; csp: string | null }[] = [];
    page.on('response', (response) => {
      answers.push({
        url: response.url(),
        type: response.request().resourceType(),
        csp: response.headers()['content-security-policy'] ?? null,
      });
    });
    await signInAdmin(page, 'admin');
    await section(page, 'Films').click();
    await expect(page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();
    await page.goto('/counter');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await shot(page, 'counter-sign-in');
    await page.getByLabel('Username').fill('cashier');
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('banner')).toBeVisible();
    await page.goto('/kiosk');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shot(page, 'kiosk-connect');
    await page.goto('/door');
    await expect(page.getByRole('button', { name: 'Pair scanner' })).toBeVisible();
    await shot(page, 'door-sign-in');
    await page.goto('/no-such-page');
    await page.goto('/api/v1/theaters');

    const types = new Set(answers.map((answer) => answer.type));
    for (const type of ['document', 'script', 'stylesheet', 'fetch']) expect(types).toContain(type);
    expect(answers.length).toBeGreaterThan(20);
    const missing = answers.filter((answer) => !answer.csp?.includes("default-src 'self'"));
    expect(missing).toEqual([]);
  });

  test('a manager demoted to cashier is refused on the very next request', async ({ page }) => {
    const manager = await createStaff('demoted', 'manager');
    await signInAdmin(page, manager.username);
    await section(page, 'Films').click();
    await expect(page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();

    const changed = await rest('PATCH', `/users/${manager.id}`, await adminToken(), { role: 'cashier' });
    expect(changed.status).toBe(200);

    const next = page.waitForResponse(dashboardCall);
    await section(page, 'Dashboard').click();
    expect([401, 403]).toContain((await next).status());
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeHidden();

    // Signing in again does not get the cashier into admin either.
    await page.getByLabel('Username').fill(manager.username);
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.login__error')).toContainText('needs a manager or admin account');
    await shot(page, 'admin-demoted-sign-in');
  });
});
