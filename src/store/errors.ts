/** Store errors carry a code; driver errors are classified by their `code`, never by message text. */
export type StoreErrorCode =
  /** An extraction the store refuses to write (src/store/prepare.ts). */
  | 'INVALID_EXTRACTION'
  /** A correction names an actor that does not exist. */
  | 'NOT_FOUND'
  /** A correction that cannot be carried out as asked (a merged-away actor, an empty or too long list). */
  | 'INVALID_CORRECTION'
  /** A merge of actors of different kinds (an official into a country) without `force`. */
  | 'KIND_MISMATCH'
  /** An article the store will not write in one transaction (more events than MAX_EVENTS_PER_ARTICLE). */
  | 'TOO_MANY_EVENTS';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The argument at fault, for callers that answer a request (the API's `extensions.field`). */
  readonly field: string | undefined;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.field = options?.field;
  }
}

/** The `code` of any error that has one (InputError, StoreError, Neo4jError), else 'INTERNAL'. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'INTERNAL';
}

/** The message of an Error, or of a plain `{message}` (an error serialised across a worker thread). */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
