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
