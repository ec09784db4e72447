/** Failures of the linguistic engine, with codes an ingest reports per article (nothing of it is stored). */
export type NlpErrorCode =
  /** No engine answered: none configured is reachable, or every one is marked down. */
  | 'NLP_UNAVAILABLE'
  /** An engine took longer than the request timeout. */
  | 'NLP_TIMEOUT'
  /** An engine answered with something that is not a CoreNLP document, or refused the request (4xx). */
  | 'NLP_BAD_RESPONSE';

export class NlpError extends Error {
  readonly code: NlpErrorCode;
  constructor(code: NlpErrorCode, message: string) {
    super(message);
    this.name = 'NlpError';
    this.code = code;
  }
}
