/**
 * Who may do what: mutations need `Authorization: Bearer <key>` whenever an API key is configured
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
  /** Recorded as Correction.by. */
  name: string;
}

function sameSecret(a: string, b: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export function identifyCaller(request: Request, config: Pick<AppConfig, 'apiKey'>): Caller {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const keyPresented = typeof config.apiKey === 'string' && match !== null && sameSecret(match[1]!, config.apiKey);
  return { keyPresented, headerSent: header !== null, name: keyPresented ? 'api-key' : 'anonymous' };
}

/** Throws unless the caller may run an operation of this kind. */
export function authorize(kind: 'query' | 'mutation' | 'subscription', caller: Caller, config: Pick<AppConfig, 'apiKey' | 'readAccess'>): void {
  const { apiKey } = config;
  if (kind === 'mutation') {
    if (apiKey === null) return; // opened on purpose (DIPLOGRAPH_API_KEY=none)
    if (apiKey === undefined) throw new ForbiddenError('mutations are disabled: the server has no API key (set DIPLOGRAPH_API_KEY)');
    if (!caller.keyPresented) throw new UnauthenticatedError();
    return;
  }
  if (config.readAccess === 'key' && typeof apiKey === 'string' && !caller.keyPresented) throw new UnauthenticatedError();
}
