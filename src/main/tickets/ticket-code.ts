/**
 * Ticket codes: what a QR code and the text under it carry. Pure functions, no database: a scanner that
 * has the installation's public keys can verify a code on its own.
 *
 * A code is `payload ‖ signature` written in base32 over the alphabet below.
 * - payload: format version (1 byte), then ticket id, showtime id, seat id and key id as unsigned LEB128
 *   varints (canonical: no padding bytes), so a typical payload is 8–12 bytes.
 * - signature: Ed25519 (64 bytes) over a domain-separation prefix and the payload.
 *
 * Why this alphabet: every character is in the QR alphanumeric set (upper-case letters and digits, 5.5
 * bits per character in the symbol), so the QR stays small. Base45 packs about 6% more, but it uses
 * space, `$ % * + - . / :`, which keyboard-wedge scanners type wrongly under non-US keyboard layouts.
 * The alphabet leaves out I and O (read as 1 and 0) and Y and Z (swapped on German QWERTZ keyboards).
 * Decoding accepts lower case and ignores spaces and dashes a person may type.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWX';
const FORMAT_VERSION = 1;
const SIGNATURE_BYTES = 64;
const DOMAIN = Buffer.from('marquee-ticket:', 'ascii');
/** The longest code we would ever issue (ids up to 2^53); anything longer is refused before decoding. */
export const MAX_CODE_LENGTH = 160;

const VALUE_OF = new Map([...CODE_ALPHABET].map((char, index) => [char, index]));

export interface TicketClaims {
  ticketId: number;
  showtimeId: number;
  seatId: number;
  keyId: number;
}

// ---- base32 -----------------------------------------------------------------------------------------

export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CODE_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CODE_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Strict: unknown characters, a length no byte string encodes to, or non-zero padding bits are refused. */
export function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits >= 5 || buffer !== 0) return null;
  return Buffer.from(bytes);
}

// ---- varints ----------------------------------------------------------------------------------------

function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a ticket number: ${value}`);
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = start; i < bytes.length && i < start + 8; i += 1) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > start) return null; // not canonical
      return Number.isSafeInteger(value) ? { value, next: i + 1 } : null;
    }
    scale *= 0x80;
  }
  return null;
}

function payloadOf(claims: TicketClaims): Buffer {
  const out = [FORMAT_VERSION];
  writeVarint(out, claims.ticketId);
  writeVarint(out, claims.showtimeId);
  writeVarint(out, claims.seatId);
  writeVarint(out, claims.keyId);
  return Buffer.from(out);
}

function signedBytes(payload: Uint8Array): Buffer {
  return Buffer.concat([DOMAIN, payload]);
}

// ---- keys -------------------------------------------------------------------------------------------

export interface SigningKey {
  id: number;
  privateKey: KeyObject;
}

export interface VerifyingKey {
  id: number;
  publicKey: KeyObject;
}

/** A fresh Ed25519 key pair as storable text (DER, base64). */
export function newKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function importPublicKey(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
}

export function importPrivateKey(base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
}

// ---- codes ------------------------------------------------------------------------------------------

export function signTicketCode(claims: Omit<TicketClaims, 'keyId'>, key: SigningKey): string {
  const payload = payloadOf({ ...claims, keyId: key.id });
  const signature = sign(null, signedBytes(payload), key.privateKey);
  return toBase32(Buffer.concat([payload, signature]));
}

/**
 * The same code, signed on libuv's thread pool instead of the calling thread. Ed25519 signatures are
 * deterministic, so it is byte for byte the code `signTicketCode` gives.
 */
export function signTicketCodeAsync(claims: Omit<TicketClaims, 'keyId'>, key: SigningKey): Promise<string> {
  const payload = payloadOf({ ...claims, keyId: key.id });
  return new Promise((resolve, reject) => {
    sign(null, signedBytes(payload), key.privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(toBase32(Buffer.concat([payload, signature])));
    });
  });
}

/** What a person or a scanner sent, in the code's canonical form (upper case, no spaces or dashes). */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** Reads the claims without checking the signature (for messages); null when it is not a code at all. */
export function parseTicketCode(text: string): (TicketClaims & { payload: Buffer; signature: Buffer }) | null {
  const code = normalizeCode(text);
  if (code.length === 0 || code.length > MAX_CODE_LENGTH) return null;
  const bytes = fromBase32(code);
  if (!bytes || bytes.length < 1 + 4 + SIGNATURE_BYTES || bytes[0] !== FORMAT_VERSION) return null;
  const payloadLength = bytes.length - SIGNATURE_BYTES;
  const values: number[] = [];
  let at = 1;
  for (let i = 0; i < 4; i += 1) {
    const read = readVarint(bytes, at);
    if (!read || read.next > payloadLength) return null;
    values.push(read.value);
    at = read.next;
  }
  if (at !== payloadLength) return null;
  const [ticketId, showtimeId, seatId, keyId] = values as [number, number, number, number];
  return {
    ticketId,
    showtimeId,
    seatId,
    keyId,
    payload: bytes.subarray(0, payloadLength),
    signature: bytes.subarray(payloadLength),
  };
}

/**
 * Verifies a code against the public keys given (nothing else is consulted); returns its claims, or
 * null for anything forged, truncated, altered, signed by another installation or by an unknown key.
 */
export function verifyTicketCode(text: string, keys: ReadonlyMap<number, VerifyingKey>): TicketClaims | null {
  const parsed = parseTicketCode(text);
  if (!parsed) return null;
  const key = keys.get(parsed.keyId);
  if (!key) return null;
  if (!verify(null, signedBytes(parsed.payload), key.publicKey, parsed.signature)) return null;
  return { ticketId: parsed.ticketId, showtimeId: parsed.showtimeId, seatId: parsed.seatId, keyId: parsed.keyId };
}
