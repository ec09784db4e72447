/** The store runner's pure parts: the countable predicate and the retry policy (the runner itself: test/integration/store-runner). */
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { countable, isBusyOrUnavailable, isCountable, isTransient, isUnavailableCode } from '../../src/store/runner.ts';

describe('which events count', () => {
  it('says the same in Cypher and in memory: neither negated nor hypothetical', () => {
    expect(countable('e')).toBe('e.negated = false AND e.hypothetical = false');
    expect([
      isCountable({ negated: false, hypothetical: false }),
      isCountable({ negated: true, hypothetical: false }),
      isCountable({ negated: false, hypothetical: true }),
    ]).toEqual([true, false, false]);
  });
});

const newError = (message: string, code: string) =>
  new Neo4jError(message, code, '50N42', 'error: general processing exception');

describe('the retry policy', () => {
  it("is the driver's: transient errors and lost connections are retried, client errors and plain errors are not", () => {
    expect(isTransient(newError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected'))).toBe(true);
    expect(isTransient(newError('no server', 'ServiceUnavailable'))).toBe(true);
    expect(isTransient(newError('bad syntax', 'Neo.ClientError.Statement.SyntaxError'))).toBe(false);
    expect(isTransient(newError('write in read mode', 'Neo.ClientError.Statement.AccessMode'))).toBe(false);
    // a plain object with a transient-looking code is not a driver error
    expect(isTransient({ code: 'Neo.TransientError.Transaction.DeadlockDetected' })).toBe(false);
    expect(isTransient(new Error('Neo.TransientError'))).toBe(false);
  });

  it('tells an unreachable database by its code', () => {
    expect(
      [
        'ServiceUnavailable',
        'SessionExpired',
        'Neo.TransientError.General.DatabaseUnavailable',
        'Neo.ClientError.Statement.SyntaxError',
        undefined,
      ].map(isUnavailableCode),
    ).toEqual([true, true, true, false, false]);
  });
});

describe('isBusyOrUnavailable', () => {
  it('takes an unreachable server, an exhausted pool and a deadlock past its retries as "retry later", and nothing else', () => {
    expect(isBusyOrUnavailable({ code: 'ServiceUnavailable', message: 'x' })).toBe(true);
    expect(
      isBusyOrUnavailable({ code: 'N/A', message: 'Connection acquisition timed out in 30000 ms. Pool status: …' }),
    ).toBe(true);
    expect(isBusyOrUnavailable({ code: 'Neo.TransientError.Transaction.DeadlockDetected', message: 'x' })).toBe(true);
    // A query stopped by Neo4j's memory limits is the client's to shrink (QUERY_TOO_COSTLY), not to retry.
    expect(isBusyOrUnavailable({ code: 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' })).toBe(false);
    expect(isBusyOrUnavailable({ code: 'Neo.ClientError.Statement.SyntaxError', message: 'x' })).toBe(false);
    expect(isBusyOrUnavailable({ code: 'N/A', message: 'something else' })).toBe(false);
    expect(isBusyOrUnavailable(null)).toBe(false);
  });
});
