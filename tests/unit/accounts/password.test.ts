import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT } from '../../../src/main/accounts/index';
import { PasswordHasher } from '../../../src/main/accounts/password';
import { Throttle } from '../../../src/main/accounts/throttle';
import { ManualClock } from '../../../src/main/core/clock';

describe('password hashing', () => {
  it("defaults to OWASP's scrypt parameters (N=2^17, r=8, p=1) and verifies", async () => {
    expect(OWASP_SCRYPT).toEqual({ log2N: 17, r: 8, p: 1 });
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('correct horse battery', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery!', hash)).toBe(false);
  }, 20_000);

  it('salts every hash and verifies hashes made with other parameters', async () => {
    const cheap = new PasswordHasher({ log2N: 10, r: 8, p: 1 });
    const a = await cheap.hash('same password');
    const b = await cheap.hash('same password');
    expect(a).not.toBe(b);
    expect(await new PasswordHasher().verify('same password', a)).toBe(true);
    expect(await cheap.verify('x', 'not-a-hash')).toBe(false);
  });

  it('runs at most `concurrency` hashes at once', async () => {
    const hasher = new PasswordHasher({ log2N: 12, r: 8, p: 1 }, 1);
    const started = Date.now();
    const single = await hasher.hash('p');
    const one = Date.now() - started;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => hasher.hash('p')));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(one * 2);
    expect(single).toBeTruthy();
  });
});

describe('login throttle', () => {
  it('locks after the allowed failures within the window, and a success clears it', () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock, { failures: 3, windowMs: 60_000, lockMs: 30_000 });
    throttle.fail('u');
    throttle.fail('u');
    expect(throttle.retryAfter('u')).toBe(0);
    throttle.fail('u');
    expect(throttle.retryAfter('u')).toBe(30_000);
    clock.advance(30_001);
    expect(throttle.retryAfter('u')).toBe(0);
    throttle.fail('v');
    clock.advance(61_000); // outside the window: old failures no longer count
    throttle.fail('v');
    throttle.fail('v');
    expect(throttle.retryAfter('v')).toBe(0);
    throttle.succeed('v');
    throttle.fail('v');
    expect(throttle.retryAfter('v')).toBe(0);
  });
});
