import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  importPrivateKey,
  importPublicKey,
  newKeyPair,
  parseTicketCode,
  signTicketCode,
  verifyTicketCode,
} from '../../../src/main/tickets/index';
import { fromBase32, signTicketCodeAsync, toBase32 } from '../../../src/main/tickets/ticket-code';

function installation(keyId = 1) {
  const pair = newKeyPair();
  return {
    signing: { id: keyId, privateKey: importPrivateKey(pair.privateKey) },
    verifying: new Map([[keyId, { id: keyId, publicKey: importPublicKey(pair.publicKey) }]]),
  };
}

const ours = installation(1);
const theirs = installation(1); // another installation that happens to number its key 1 too

const claimsArb = fc.record({
  ticketId: fc.integer({ min: 1, max: 2 ** 40 }),
  showtimeId: fc.integer({ min: 1, max: 2 ** 32 }),
  seatId: fc.integer({ min: 1, max: 2 ** 32 }),
});

describe('ticket codes', () => {
  it('round-trip: a code signed here verifies to its claims, in the QR alphanumeric set, compact', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const code = signTicketCode(claims, ours.signing);
        expect(code).toMatch(/^[0-9A-HJ-NP-X]+$/);
        expect(code.length).toBeLessThanOrEqual(140);
        expect(verifyTicketCode(code, ours.verifying)).toEqual({ ...claims, keyId: 1 });
        // typed by a person: lower case, spaces and dashes are accepted
        expect(verifyTicketCode(code.toLowerCase().replace(/(.{4})/g, '$1 '), ours.verifying)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
    const typical = signTicketCode({ ticketId: 123456, showtimeId: 4321, seatId: 2345 }, ours.signing);
    expect(typical.length).toBe(117); // 10-byte payload + 64-byte signature
  });

  it('codes signed ahead on the thread pool are the very codes signed at issue', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, async (claims) => {
        expect(await signTicketCodeAsync(claims, ours.signing)).toBe(signTicketCode(claims, ours.signing));
      }),
      { numRuns: 100 },
    );
  });

  it('base32 is strict: non-canonical padding bits and foreign characters are refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 90 }), (bytes) => {
        expect(fromBase32(toBase32(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
    expect(fromBase32('I0')).toBeNull();
    expect(fromBase32('01')).toBeNull(); // a set padding bit
    expect(fromBase32('0')).toBeNull(); // a length no byte string has
    expect(CODE_ALPHABET).toHaveLength(32);
  });

  it('10,000+ forged, truncated, bit-flipped and other-installation codes never verify', () => {
    const genuine = fc.sample(claimsArb, { numRuns: 50, seed: 42 }).map((c) => signTicketCode(c, ours.signing));
    const attack = fc.oneof(
      // truncated (and extended) codes
      fc.tuple(fc.constantFrom(...genuine), fc.nat()).map(([code, n]) => code.slice(0, n % code.length)),
      fc
        .tuple(fc.constantFrom(...genuine), fc.stringMatching(/^[0-9A-HJ-NP-X]{1,8}$/))
        .map(([code, tail]) => code + tail),
      // one or more bits flipped in the payload or the signature, re-encoded canonically
      fc.tuple(fc.constantFrom(...genuine), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })).map(([code, flips]) => {
        const bytes = fromBase32(code)!;
        for (const flip of flips) bytes[flip % bytes.length]! ^= 1 << (flip % 8);
        return toBase32(bytes);
      }),
      // one character replaced
      fc.tuple(fc.constantFrom(...genuine), fc.nat(), fc.constantFrom(...CODE_ALPHABET)).map(([code, at, char]) => {
        const i = at % code.length;
        return code[i] === char
          ? code.slice(0, i) + (char === '0' ? '1' : '0') + code.slice(i + 1)
          : code.slice(0, i) + char + code.slice(i + 1);
      }),
      // signed by another installation (same key id), or claims of a genuine code with someone's signature
      claimsArb.map((claims) => signTicketCode(claims, theirs.signing)),
      fc.tuple(claimsArb, fc.constantFrom(...genuine)).map(([claims, code]) => {
        const forged = fromBase32(signTicketCode(claims, theirs.signing))!;
        const real = fromBase32(code)!;
        return toBase32(Buffer.concat([forged.subarray(0, forged.length - 64), real.subarray(real.length - 64)]));
      }),
      // random bytes and random text
      fc.uint8Array({ minLength: 60, maxLength: 90 }).map((bytes) => toBase32(bytes)),
      fc.string({ maxLength: 200 }),
    );
    let checked = 0;
    fc.assert(
      fc.property(attack, (code) => {
        checked += 1;
        if (genuine.includes(code.toUpperCase())) return; // the generator can rebuild a genuine code
        expect(verifyTicketCode(code, ours.verifying)).toBeNull();
      }),
      { numRuns: 12_000, seed: 20261128 },
    );
    expect(checked).toBeGreaterThanOrEqual(10_000);
  });

  it('parse reads claims without trusting them; unknown key ids never verify', () => {
    const code = signTicketCode(
      { ticketId: 7, showtimeId: 8, seatId: 9 },
      { id: 5, privateKey: ours.signing.privateKey },
    );
    expect(parseTicketCode(code)).toMatchObject({ ticketId: 7, showtimeId: 8, seatId: 9, keyId: 5 });
    expect(verifyTicketCode(code, ours.verifying)).toBeNull();
  });
});
