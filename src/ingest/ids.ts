/** Stable identifiers: slugs and short hashes. */
import * as crypto from 'node:crypto';

/** crypto.hash (Node >= 20.12): a one-shot digest, several times cheaper than a Hash object for short input. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** Lower-case ASCII slug: "Antony Blinken" -> "antony-blinken". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function shortHash(parts: readonly (string | number)[]): string {
  return sha256(parts.join('\u0000')).slice(0, 16);
}
