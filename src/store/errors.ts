/** Store errors carry a code; driver errors are classified by their `code`, never by message text. */
export type StoreErrorCode = 'INVALID_EXTRACTION' | 'TOO_MANY_EVENTS' | 'WRITE_FAILED' | 'NOT_FOUND';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
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

/** Errors worth retrying the same work for (the driver's executeWrite already retries these). */
export function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return code.startsWith('Neo.TransientError.') || code === 'ServiceUnavailable' || code === 'SessionExpired';
}
