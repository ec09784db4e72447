/** Input errors: what was wrong with one article, with a code the CLI and the API can map. */
export type InputErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'TOO_LARGE'
  | 'MALFORMED_JSON'
  | 'MISSING_CONTENT'
  | 'INVALID_FIELD';

export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

/** Largest accepted article (text or HTML), in bytes of UTF-8. News articles are far below this. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
