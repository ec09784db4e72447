/**
 * The API's view of the store's runner (src/store/runner.ts): the same reads (READ access mode,
 * retried on transient errors), writes and transactions, with "Neo4j cannot be reached" turned into
 * the API's SERVICE_UNAVAILABLE. Resolvers run the `{ cypher, params }` of the pure builders in
 * ./cypher through it; rows come back as plain values.
 */
import type { Driver } from 'neo4j-driver';
import {
  createRunner,
  isOutOfMemoryCode,
  isBusyOrUnavailable,
  isUnavailableCode,
  type CypherQuery,
  type Row,
  type Run,
  type Runner,
} from '../store/runner.ts';
import { QueryTooCostlyError, ServiceUnavailableError } from './errors.ts';

export type { CypherQuery, Row };
export { isBusyOrUnavailable, isUnavailableCode };

export type Executor = Runner;

/** Every connection busy, or writers in a deadlock past their retries: the same 503, with what happened. */
export const BUSY = 'the graph database is busy; retry shortly';

function classify(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (isUnavailableCode(code)) throw new ServiceUnavailableError();
  if (isBusyOrUnavailable(error)) throw new ServiceUnavailableError(BUSY);
  if (isOutOfMemoryCode(code)) {
    throw new QueryTooCostlyError(
      'the query needs more memory than the graph database allows a query: ask for less (a smaller limit or depth, fewer aliases)',
    );
  }
  throw error;
}

export function createExecutor(driver: Driver, database?: string): Executor {
  const runner = createRunner(driver, database);
  return {
    read: (query) => runner.read(query).catch(classify),
    write: (...queries) => runner.write(...queries).catch(classify),
    transaction: (work) => runner.transaction(work).catch(classify),
    reachable: () => runner.reachable(),
  };
}

/** Wraps an executor so tests (and logs) can count the Cypher queries an operation ran. */
export function countQueries(inner: Executor): Executor & { count: number; cyphers: string[]; reset(): void } {
  const counter = {
    count: 0,
    cyphers: [] as string[],
    reset() {
      counter.count = 0;
      counter.cyphers = [];
    },
    read(q: CypherQuery) {
      counter.count += 1;
      counter.cyphers.push(q.cypher);
      return inner.read(q);
    },
    write(...qs: CypherQuery[]) {
      counter.count += qs.length;
      counter.cyphers.push(...qs.map((q) => q.cypher));
      return inner.write(...qs);
    },
    transaction<T>(work: (run: Run) => Promise<T>): Promise<T> {
      return inner.transaction((run) =>
        work((q) => {
          counter.count += 1;
          counter.cyphers.push(q.cypher);
          return run(q);
        }),
      );
    },
    reachable: () => inner.reachable(),
  };
  return counter;
}
