/**
 * The Date scalar: a calendar day as `YYYY-MM-DD`. Input parsing only checks that a string came in:
 * the format is checked by the resolver's argument validation (src/api/args.ts), so the error names
 * the argument (`from must be a date YYYY-MM-DD`) instead of graphql-js's generic coercion message.
 */
import { GraphQLError, GraphQLScalarType, Kind } from './graphql.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parse(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(`Date must be a date YYYY-MM-DD given as a string, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  // Output values come from the store's Date values (always real days): the shape is checked, the
  // calendar only for input (a network answer serializes about 1,000 dates).
  serialize: (value) => {
    if (typeof value === 'string' && DAY.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new TypeError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a date YYYY-MM-DD given as a string', {
        nodes: [ast],
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parse(ast.value);
  },
});

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset (output only).',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    throw new TypeError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: (value) => {
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
    throw new GraphQLError('DateTime must be an ISO 8601 date-time', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
