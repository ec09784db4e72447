/** Errors of the orchestration: an article whose extraction outran its time budget. */

/**
 * One article's extraction took longer than its budget (DIPLOGRAPH_EXTRACTION_TIMEOUT): its thread was ended and
 * replaced, and nothing of the article is stored. Work is linear in an article's length, so this is a guard
 * against what no test foresaw, not a limit a news article meets.
 */
export class ExtractionTimeoutError extends Error {
  readonly code = 'EXTRACTION_TIMEOUT';
  constructor(readonly seconds: number) {
    super(`extraction took longer than ${seconds} s (DIPLOGRAPH_EXTRACTION_TIMEOUT); the article was not stored`);
    this.name = 'ExtractionTimeoutError';
  }
}
