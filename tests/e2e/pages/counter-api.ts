/**
 * The box office's API as a second client in the counter tests: another till holding a seat, a sale
 * made without the UI, and the checks of what the UI did (the booking, the shift). HTTP RPC with a
 * bearer token, exactly as the browser build talks.
 */
import { randomUUID } from 'node:crypto';
import { baseUrl, E2E_PASSWORD } from '../support/env';

export class RpcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`RPC failed: ${status} ${code}`);
  }
}

export class CounterApi {
  private constructor(readonly token: string) {}

  static async login(username: string, password = E2E_PASSWORD): Promise<CounterApi> {
    const session = await rawCall<{ token: string }>(null, 'auth.login', { username, password });
    return new CounterApi(session.token);
  }

  call<T = Record<string, unknown>>(name: string, input: unknown, idempotent = false): Promise<T> {
    return rawCall<T>(this.token, name, input, idempotent ? randomUUID() : undefined);
  }
}

async function rawCall<T>(token: string | null, name: string, input: unknown, key?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${baseUrl()}/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const code = (body as { error?: { code?: string } } | undefined)?.error?.code ?? 'unknown';
    throw new RpcError(response.status, code);
  }
  return body as T;
}

/** A fresh cashier of the demo theater, so a test may open and close a shift without touching others'. */
export async function createCashier(prefix: string): Promise<string> {
  const admin = await CounterApi.login('admin');
  const theaters = await admin.call<{ items: Array<{ id: number }> }>('theaters.list', {});
  const username = `${prefix}${Date.now().toString(36)}`;
  await admin.call('users.create', {
    username,
    password: E2E_PASSWORD,
    role: 'cashier',
    name: `Cashier ${username}`,
    theaterIds: theaters.items.map((theater) => theater.id),
  });
  return username;
}
