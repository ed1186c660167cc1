/**
 * The terminal's keeping of its box office and device credential (src/main/app/terminal.ts) with fakes:
 * a secret box that really scrambles (so plain text on disk would show), the real settings file in a
 * temporary folder, and a fake fetch standing in for the box office's `POST /api/v1/devices/pair`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, SETTINGS_FILE } from '../../../src/main/app/settings';
import {
  connectTerminal,
  printViaBoxOffice,
  TerminalStore,
  type Fetch,
  type SecretBox,
} from '../../../src/main/app/terminal';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function settingsIn(dir: string) {
  return { load: () => loadSettings(dir).settings, save: (settings: object) => saveSettings(dir, settings) };
}

/** A secret box keyed per "user": XOR with the key, so another key cannot read it back. */
function fakeBox(options: { available?: boolean; key?: number } = {}): SecretBox & { encrypted: number } {
  const key = options.key ?? 0x5a;
  const box = {
    encrypted: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plain: string) {
      box.encrypted += 1;
      return Buffer.concat([Buffer.from('MQ1'), Buffer.from(Buffer.from(plain).map((byte) => byte ^ key))]);
    },
    decryptString(encrypted: Buffer) {
      if (encrypted.subarray(0, 3).toString() !== 'MQ1') throw new Error('not ours');
      const plain = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ key)).toString();
      if (!/^[\x20-\x7e]*$/.test(plain)) throw new Error('wrong key');
      return plain;
    },
  };
  return box;
}

function setup(box = fakeBox()) {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-terminal-'));
  dirs.push(dir);
  const logs: string[] = [];
  const store = new TerminalStore(settingsIn(dir), box, (message) => logs.push(message));
  return { dir, store, logs, box };
}

function boxOffice(answer: { status: number; body: unknown } | Error) {
  const calls: { url: string; body: unknown }[] = [];
  const fetch: Fetch = (url, init) => {
    calls.push({ url, body: JSON.parse(init.body) as unknown });
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve({ status: answer.status, json: () => Promise.resolve(answer.body) });
  };
  return { fetch, calls };
}

const PAIRED = {
  status: 200,
  body: { token: 'mqd_secret-token-123', device: { id: 7, name: 'Foyer kiosk', role: 'kiosk' } },
};

describe('terminal store', () => {
  it('is not a terminal until it is paired', () => {
    expect(setup().store.read()).toBeNull();
  });

  it('keeps the address and the credential encrypted, never in plain text', () => {
    const { dir, store, box } = setup();
    saveSettings(dir, { mode: 'kiosk', printer: { format: 'thermal80' } });
    store.save('http://box-office:7450', 'mqd_secret-token-123');
    expect(box.encrypted).toBe(1);
    const file = readFileSync(join(dir, SETTINGS_FILE), 'utf8');
    expect(file).not.toContain('mqd_secret-token-123');
    expect(file).toContain('"serverUrl": "http://box-office:7450"');
    // Other settings survive.
    expect(loadSettings(dir).settings).toMatchObject({ mode: 'kiosk', printer: { format: 'thermal80' } });
    // A restart (a new store over the same folder) reads it back.
    const again = new TerminalStore(settingsIn(dir), box);
    expect(again.read()).toEqual({ serverUrl: 'http://box-office:7450', credential: 'mqd_secret-token-123' });
  });

  it('forgets a revoked credential but keeps the address to offer it again', () => {
    const { dir, store } = setup();
    store.save('http://box-office:7450', 'mqd_secret-token-123');
    store.forget();
    expect(store.read()).toEqual({ serverUrl: 'http://box-office:7450', credential: null });
    expect(loadSettings(dir).settings.deviceCredential).toBeUndefined();
  });

  it('without a secret store keeps the credential for this run only, and says so', () => {
    const { dir, store, logs } = setup(fakeBox({ available: false }));
    store.save('http://box-office:7450', 'mqd_secret-token-123');
    expect(store.read()?.credential).toBe('mqd_secret-token-123');
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).not.toContain('mqd_secret');
    expect(logs.join('\n')).toMatch(/kept until the app quits/);
    expect(new TerminalStore(settingsIn(dir), fakeBox({ available: false })).read()).toEqual({
      serverUrl: 'http://box-office:7450',
      credential: null,
    });
  });

  it("a credential another user's secret store wrote is unusable: pair again", () => {
    const { dir, store } = setup(fakeBox({ key: 0x11 }));
    store.save('http://box-office:7450', 'mqd_secret-token-123');
    const logs: string[] = [];
    const elsewhere = new TerminalStore(settingsIn(dir), fakeBox({ key: 0x22 }), (message) => logs.push(message));
    expect(elsewhere.read()).toEqual({ serverUrl: 'http://box-office:7450', credential: null });
    expect(logs.join('\n')).toMatch(/pair this terminal again/);
  });

  it('a hand-edited credential that is not base64 is dropped with a warning', () => {
    const { dir } = setup();
    saveSettings(dir, { serverUrl: 'http://box-office:7450' });
    const raw = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
    raw.deviceCredential = 'mqd_plain text token!';
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify(raw));
    const loaded = loadSettings(dir);
    expect(loaded.settings.deviceCredential).toBeUndefined();
    expect(loaded.warnings.join('\n')).toMatch(/deviceCredential/);
  });
});

describe('connecting a terminal', () => {
  it('pairs at the typed address and keeps what the box office answered', async () => {
    const { store } = setup();
    const office = boxOffice(PAIRED);
    const result = await connectTerminal(
      { store, fetch: office.fetch },
      { address: 'http://box-office:7450/', pairingCode: ' ABCD-EFGH ' },
    );
    expect(result).toEqual({ ok: true, serverUrl: 'http://box-office:7450' });
    expect(office.calls).toEqual([
      { url: 'http://box-office:7450/api/v1/devices/pair', body: { pairingCode: 'ABCD-EFGH' } },
    ]);
    expect(store.read()).toEqual({ serverUrl: 'http://box-office:7450', credential: 'mqd_secret-token-123' });
  });

  it('keeps nothing when the box office refuses the code, and passes its error code on', async () => {
    const { store } = setup();
    const office = boxOffice({
      status: 400,
      body: { error: { code: 'pairing_code_invalid', message: 'That pairing code is wrong, used or expired.' } },
    });
    const result = await connectTerminal(
      { store, fetch: office.fetch },
      { address: 'http://box-office:7450', pairingCode: 'ABCD-EFGH' },
    );
    expect(result).toEqual({
      ok: false,
      code: 'pairing_code_invalid',
      message: 'That pairing code is wrong, used or expired.',
    });
    expect(store.read()).toBeNull();
  });

  it('refuses a scanner code, an address that is not an http origin, and an unreachable one', async () => {
    const { store } = setup();
    const scanner = boxOffice({ status: 200, body: { token: 'mqd_x', device: { id: 8, role: 'scanner' } } });
    expect(
      await connectTerminal(
        { store, fetch: scanner.fetch },
        { address: 'http://box-office:7450', pairingCode: 'ABCD-EFGH' },
      ),
    ).toMatchObject({ ok: false, code: 'wrong_role' });

    const nobody = boxOffice(new Error('ECONNREFUSED'));
    for (const address of ['file:///etc/passwd', 'http://user:pw@box-office', 'http://box-office/kiosk?x=1', 42]) {
      expect(
        await connectTerminal({ store, fetch: nobody.fetch }, { address, pairingCode: 'ABCD-EFGH' }),
      ).toMatchObject({
        ok: false,
        code: 'validation_failed',
      });
    }
    expect(nobody.calls).toEqual([]);
    expect(
      await connectTerminal(
        { store, fetch: nobody.fetch },
        { address: 'http://box-office:7450', pairingCode: 'ABCD-EFGH' },
      ),
    ).toMatchObject({ ok: false, code: 'network_error' });

    const notMarquee = boxOffice({ status: 200, body: '<html>' });
    expect(
      await connectTerminal(
        { store, fetch: notMarquee.fetch },
        { address: 'http://printer.local', pairingCode: 'ABCD-EFGH' },
      ),
    ).toMatchObject({ ok: false, code: 'bad_response' });
    expect(store.read()).toBeNull();
  });
});

describe("printing on a terminal's own printer", () => {
  function office(answer: { status: number; body: unknown }) {
    const calls: { url: string; authorization: string | undefined; body: unknown }[] = [];
    const fetch: Fetch = (url, init) => {
      calls.push({ url, authorization: init.headers['authorization'], body: JSON.parse(init.body) as unknown });
      return Promise.resolve({ status: answer.status, json: () => Promise.resolve(answer.body) });
    };
    return { fetch, calls };
  }
  const serverUrl = 'http://box-office:7450';

  it('the box office renders and counts the print with the window token; the local printer prints it', async () => {
    const printed: string[] = [];
    const layout = office({ status: 200, body: { html: '<p>ticket</p>', printCount: 1 } });
    const outcome = await printViaBoxOffice(
      { fetch: layout.fetch, serverUrl, printHtml: (html) => Promise.resolve(void printed.push(html)) },
      { bookingId: 12, token: 'mqd_token' },
    );
    expect(outcome).toEqual({ ok: true, printCount: 1 });
    expect(printed).toEqual(['<p>ticket</p>']);
    expect(layout.calls).toEqual([
      { url: 'http://box-office:7450/rpc/tickets.print', authorization: 'Bearer mqd_token', body: { bookingId: 12 } },
    ]);
  });

  it('out of paper is print_failed (the kiosk offers the QR); no printer, a refusal and bad input are told apart', async () => {
    const layout = office({ status: 200, body: { html: '<p>ticket</p>', printCount: 1 } });
    const jammed = await printViaBoxOffice(
      { fetch: layout.fetch, serverUrl, printHtml: () => Promise.reject(new Error('paper out')) },
      { bookingId: 12, token: 'mqd_token' },
    );
    expect(jammed).toMatchObject({ ok: false, reason: 'print_failed' });
    expect(
      await printViaBoxOffice(
        { fetch: layout.fetch, serverUrl, printHtml: null },
        { bookingId: 12, token: 'mqd_token' },
      ),
    ).toMatchObject({ ok: false, reason: 'no_printer' });
    const refused = office({ status: 409, body: { error: { code: 'tickets_not_issued', message: 'Not paid.' } } });
    const printed: string[] = [];
    const printHtml = (html: string) => Promise.resolve(void printed.push(html));
    expect(
      await printViaBoxOffice({ fetch: refused.fetch, serverUrl, printHtml }, { bookingId: 12, token: 'mqd_token' }),
    ).toEqual({ ok: false, reason: 'refused', message: 'Not paid.' });
    expect(await printViaBoxOffice({ fetch: refused.fetch, serverUrl, printHtml }, { bookingId: '12' })).toMatchObject({
      ok: false,
      reason: 'refused',
    });
    expect(printed).toEqual([]);
  });
});
