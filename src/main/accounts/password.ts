/**
 * Password hashing with scrypt at OWASP's parameters (N=2^17, r=8, p=1). Each hash takes about half a
 * second and 128 MiB, so at most `concurrency` run at once; the rest queue. The parameters are stored in
 * the hash, so stronger settings later still verify old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.log2N,
    r: params.r,
    p: params.p,
    maxmem: 128 * params.r * 2 ** params.log2N * 2 + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly params: ScryptParams = OWASP_SCRYPT,
    private readonly concurrency = 2,
  ) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.limited(() => derive(password, salt, this.params));
    const { log2N, r, p } = this.params;
    return `scrypt$${log2N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [, log2N, r, p, salt, expected] = parts as [string, string, string, string, string, string];
    const params = { log2N: Number(log2N), r: Number(r), p: Number(p) };
    const expectedKey = Buffer.from(expected, 'base64url');
    const key = await this.limited(() => derive(password, Buffer.from(salt, 'base64url'), params));
    return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
