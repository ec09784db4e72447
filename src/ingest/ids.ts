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

const STATE_OF_ID = /^(?:country:([A-Z]{3})|(official|agency|person|org):([a-z]{3}):)/;

/**
 * The state an actor id belongs to by the id's own scheme (`country:JOR`, `official:jor:…`, `agency:jor:…`,
 * `person:jor:…`), or null (`xxx`: no country known). An organisation (`org:chn:huawei`) is of a country but
 * does not speak for its state, so it counts only with `orgs` (diagnostics comparing with gold countries).
 */
export function stateOfId(id: string, orgs = false): string | null {
  const m = STATE_OF_ID.exec(id);
  if (!m || (m[2] === 'org' && !orgs)) return null;
  const iso = m[1] ?? m[3]!.toUpperCase();
  return iso !== 'XXX' ? iso : null;
}
