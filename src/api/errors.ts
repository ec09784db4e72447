/** The API's errors: each a GraphQLError with `extensions.code`; anything else is masked by yoga. */
import { GraphQLError } from './graphql.ts';

/** Input the client can fix; the message names the field. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
    this.name = 'BadUserInputError';
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
    this.name = 'NotFoundError';
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'missing or invalid API key: send Authorization: Bearer <key>') {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    this.name = 'ForbiddenError';
  }
}

/** The store or Neo4j is not reachable right now; the client may retry. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'the graph database is unavailable; retry shortly') {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
    this.name = 'ServiceUnavailableError';
  }
}

/**
 * The linguistic engine (CoreNLP) could not parse the article: NLP_UNAVAILABLE or NLP_TIMEOUT (503, retry
 * later), NLP_BAD_RESPONSE (502). Nothing of the article was stored. The engine's own message names its
 * address, so it goes to the log, not to the client.
 */
export class EngineError extends GraphQLError {
  constructor(code: 'NLP_UNAVAILABLE' | 'NLP_TIMEOUT' | 'NLP_BAD_RESPONSE') {
    const why =
      code === 'NLP_TIMEOUT'
        ? 'did not answer in time'
        : code === 'NLP_UNAVAILABLE'
          ? 'cannot be reached'
          : 'gave an answer that cannot be read';
    super(
      `the linguistic engine (CoreNLP) ${why}; the article was not stored${code === 'NLP_BAD_RESPONSE' ? '' : '; retry shortly'}`,
      {
        extensions: { code, http: { status: code === 'NLP_BAD_RESPONSE' ? 502 : 503 } },
      },
    );
    this.name = 'EngineError';
  }
}

/**
 * The operation would take (or took) more than the server allows: refused by the graph-work limit
 * before any Cypher runs (./cost.ts), or stopped by Neo4j's transaction memory limit. The same code as
 * graphql-armor's cost limit; the client asks for less (a smaller limit or depth, fewer aliases).
 */
export class QueryTooCostlyError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'QUERY_TOO_COSTLY' } });
    this.name = 'QueryTooCostlyError';
  }
}
