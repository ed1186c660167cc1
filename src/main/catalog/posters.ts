/**
 * Poster uploads are checked by their bytes, not only by the declared type: the first bytes must be the
 * format's signature. SVG and anything else is refused (it could carry script).
 */
import { DomainError } from '../../shared/contract/errors';
import { POSTER_MAX_BYTES } from '../../shared/contract/catalog';

const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) =>
    b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a,
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) =>
    b.length > 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
};

export function decodePoster(contentType: string, base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new DomainError('validation_failed', 'The poster is not valid base64.', {
      fields: [{ path: 'data', message: 'is not valid base64' }],
    });
  }
  const bytes = Buffer.from(base64, 'base64');
  return checkPoster(contentType, bytes);
}

export function checkPoster(contentType: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) {
    throw new DomainError('validation_failed', 'The poster is empty.', {
      fields: [{ path: 'data', message: 'is empty' }],
    });
  }
  if (bytes.length > POSTER_MAX_BYTES) {
    throw new DomainError('payload_too_large', `A poster may be at most ${POSTER_MAX_BYTES / 1024 / 1024} MiB.`);
  }
  const matches = SIGNATURES[contentType];
  if (!matches) throw new DomainError('unsupported_media_type', 'Posters must be PNG, JPEG or WebP images.');
  if (!matches(bytes)) {
    throw new DomainError(
      'unsupported_media_type',
      `The file is not a ${contentType.slice('image/'.length).toUpperCase()} image.`,
    );
  }
  return bytes;
}
