/** Input errors: what was wrong with one article, with a code the CLI and the API can map. */
export type InputErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'TOO_LARGE'
  | 'MALFORMED_JSON'
  | 'MISSING_CONTENT'
  | 'INVALID_FIELD'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'UNSUPPORTED_LANGUAGE';

export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

/**
 * Limits of the metadata an article may carry (in characters); each is a property of the stored
 * article, and ids and URLs are indexed (Neo4j refuses index keys over about 8 KB).
 */
export const FIELD_LIMITS = { id: 500, url: 2048, title: 1000, outlet: 200, publishedAt: 64 } as const;

/** Largest accepted article (text or HTML), in bytes of UTF-8. News articles are far below this. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
