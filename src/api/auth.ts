/**
 * Who may do what: mutations need `Authorization: Bearer <key>` (DIPLOGRAPH_API_KEY, named "api-key",
 * or one of DIPLOGRAPH_API_KEYS, named as given there) whenever an API key is configured
 * (and are refused when none is configured and mutations were not opened on purpose with
 * DIPLOGRAPH_API_KEY=none); reads need the key too when DIPLOGRAPH_READ_ACCESS=key.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { AppConfig } from '../config.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

export interface Caller {
  /** A valid key was presented. */
  keyPresented: boolean;
  /** Some Authorization header was sent (valid or not). */
  headerSent: boolean;
  /** Recorded as Correction.by: the name of the key presented, else "anonymous". */
  name: string;
}

function sameSecret(a: string, b: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The configured keys with their names; none when mutations were opened on purpose (apiKey null). */
function keysOf(
  config: Pick<AppConfig, 'apiKey'> & Partial<Pick<AppConfig, 'namedKeys'>>,
): { name: string; key: string }[] {
  if (config.apiKey === null) return [];
  return [
    ...(typeof config.apiKey === 'string' ? [{ name: 'api-key', key: config.apiKey }] : []),
    ...(config.namedKeys ?? []),
  ];
}

export function identifyCaller(
  request: Request,
  config: Pick<AppConfig, 'apiKey'> & Partial<Pick<AppConfig, 'namedKeys'>>,
): Caller {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  // Every key is compared, so the time taken does not tell which one matched.
  let name: string | null = null;
  for (const k of keysOf(config)) if (match !== null && sameSecret(match[1]!, k.key) && name === null) name = k.name;
  return { keyPresented: name !== null, headerSent: header !== null, name: name ?? 'anonymous' };
}

/** Throws unless the caller may run an operation of this kind. */
export function authorize(
  kind: 'query' | 'mutation' | 'subscription',
  caller: Caller,
  config: Pick<AppConfig, 'apiKey' | 'readAccess'> & Partial<Pick<AppConfig, 'namedKeys'>>,
): void {
  const { apiKey } = config;
  const anyKey = keysOf(config).length > 0;
  if (kind === 'mutation') {
    if (apiKey === null) return; // opened on purpose (DIPLOGRAPH_API_KEY=none)
    if (!anyKey) throw new ForbiddenError('mutations are disabled: the server has no API key (set DIPLOGRAPH_API_KEY)');
    if (!caller.keyPresented) throw new UnauthenticatedError();
    return;
  }
  if (config.readAccess === 'key' && anyKey && !caller.keyPresented) throw new UnauthenticatedError();
}
