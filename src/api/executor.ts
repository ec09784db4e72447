/**
 * The one place the API talks to Neo4j: runs `{ cypher, params }` built by the pure builders in
 * ./cypher, reads with routing READ, writes in `executeWrite` (retried, so writes are idempotent),
 * and converts Neo4j values (Integer, Date, DateTime, nodes) to plain JSON values on the way out.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { QueryTooCostlyError, ServiceUnavailableError } from './errors.ts';

export interface CypherQuery {
  cypher: string;
  params: Record<string, unknown>;
}

export type Row = Record<string, unknown>;

export interface Executor {
  /** Runs a read query; rows as plain objects. */
  read(query: CypherQuery): Promise<Row[]>;
  /** Runs the queries in one write transaction; the rows of the last one. */
  write(...queries: CypherQuery[]): Promise<Row[]>;
  /**
   * Runs `work` in one write transaction (retried as a whole on transient errors, so it must be safe
   * to repeat); `run` executes one query inside it.
   */
  transaction<T>(work: (run: (query: CypherQuery) => Promise<Row[]>) => Promise<T>): Promise<T>;
}

/** Attempts of a read that fails with a transient error. */
const READ_ATTEMPTS = 3;

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** True for a driver error code that means the database cannot be reached right now. */
export function isUnavailableCode(code: unknown): boolean {
  return typeof code === 'string' && UNAVAILABLE.has(code);
}

/** Neo4j values to JSON: Integer -> number, Date -> YYYY-MM-DD, DateTime -> ISO string, Node -> its properties. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  // Lists and maps are converted in place: the driver builds them afresh for every record and keeps no
  // reference, and a large answer (a network's hundreds of edges) would otherwise be copied once more.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = toPlain(value[i]);
    return value;
  }
  // Maps come back as plain objects: the common case, tested first (the driver's type checks look for
  // marker properties, which costs more than one prototype check on every value of every row).
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Row;
    for (const k in map) map[k] = toPlain(map[k]);
    return map;
  }
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value)) return value.toString();
  if (neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return new Date(value.toString()).toISOString();
  if (neo4j.isNode(value)) return toPlain((value as { properties: unknown }).properties);
  if (neo4j.isRelationship(value)) return toPlain((value as { properties: unknown }).properties);
  const out: Row = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

/**
 * JS values to Neo4j parameters: whole numbers become Integers (SKIP, LIMIT and list slices refuse
 * floats). The API never writes a numeric property, so no float is turned into an integer by mistake.
 */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[k] = toParams(v);
    return out;
  }
  return value;
}

/**
 * A query stopped by Neo4j's memory limits (`db.memory.transaction.max` for one transaction,
 * `dbms.memory.transaction.total.max` for all of them, or the heap itself). Neo4j calls these transient,
 * but the same query would only fail again (a retry tripled the wait): the client asks for less.
 */
const OUT_OF_MEMORY = new Set(['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.TransientError.General.OutOfMemoryError']);

/** Transient failures a read may simply run again (deadlock, leader switch, connection lost). */
function retriable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (OUT_OF_MEMORY.has(code as string)) return false;
  return typeof code === 'string' && (code.startsWith('Neo.TransientError.') || code === 'ServiceUnavailable' || code === 'SessionExpired');
}

function classify(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE.has(code)) throw new ServiceUnavailableError();
  if (typeof code === 'string' && OUT_OF_MEMORY.has(code)) {
    throw new QueryTooCostlyError('the query needs more memory than the graph database allows a query: ask for less (a smaller limit or depth, fewer aliases)');
  }
  throw error;
}

export function createExecutor(driver: Driver, database?: string): Executor {
  return {
    // Reads run as auto-commit queries: one round trip (RUN + PULL) where a transaction function takes
    // two (BEGIN + RUN + PULL, then COMMIT), which under load is a second wait for the CPU. Every API
    // read is one statement and writes nothing, so running it again after a transient failure is safe.
    async read({ cypher, params }) {
      const parameters = toParams(params) as Row;
      for (let attempt = 1; ; attempt += 1) {
        const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
        try {
          const { records } = await session.run(cypher, parameters);
          return records.map((r) => toPlain(r.toObject()) as Row);
        } catch (error) {
          if (attempt < READ_ATTEMPTS && retriable(error)) continue;
          return classify(error);
        } finally {
          await session.close();
        }
      }
    },
    write(...queries) {
      return this.transaction(async (run) => {
        let rows: Row[] = [];
        for (const q of queries) rows = await run(q);
        return rows;
      });
    },
    async transaction(work) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
      try {
        return await session.executeWrite((tx) =>
          work(async (q) => {
            const result = await tx.run(q.cypher, toParams(q.params) as Row);
            return result.records.map((r) => toPlain(r.toObject()) as Row);
          }),
        );
      } catch (error) {
        return classify(error);
      } finally {
        await session.close();
      }
    },
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
    transaction<T>(work: (run: (query: CypherQuery) => Promise<Row[]>) => Promise<T>): Promise<T> {
      return inner.transaction((run) =>
        work((q) => {
          counter.count += 1;
          counter.cyphers.push(q.cypher);
          return run(q);
        }),
      );
    },
  };
  return counter;
}
