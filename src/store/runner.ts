/**
 * The one way code talks to Neo4j once a driver is open (src/store/driver.ts opens it): the query type
 * every Cypher builder returns, which events count, how driver values become plain values, which
 * failures are retried, and the runner that reads and writes. The API, the export, the writer, the
 * corrections and the consistency check all run their statements through `createRunner`.
 *
 * Reads run in READ access mode, writes in WRITE mode: against a cluster (`neo4j://`, Aura) the driver
 * routes reads to followers and read replicas and writes to the leader; on a single server a write
 * slipped into a read fails (Neo.ClientError.Statement.AccessMode) instead of passing unnoticed.
 */
import neo4j, { isRetryableError, type Driver } from 'neo4j-driver';

/** A Cypher statement and its parameters: what every pure builder returns. */
export interface CypherQuery {
  cypher: string;
  params: Record<string, unknown>;
}

export type Row = Record<string, unknown>;

/** Runs one statement (inside the caller's transaction when given by `transaction`); rows as plain values. */
export type Run = (query: CypherQuery) => Promise<Row[]>;

/**
 * Events that count (in the network, incidents, exchanges, timelines, exports): neither negated ("did
 * not condemn") nor hypothetical ("may sanction"). The store always writes both flags, so the
 * comparison is exact and index-friendly (the timeline's lookup index holds both).
 */
export function countable(e: string): string {
  return `${e}.negated = false AND ${e}.hypothetical = false`;
}

/** The same rule on an event in memory. */
export function isCountable(e: { negated: boolean; hypothetical: boolean }): boolean {
  return !e.negated && !e.hypothetical;
}

/**
 * Failures worth running the same work again for: the driver's own rule (transient errors such as a
 * deadlock or a leader switch, a lost connection, an expired session), the one its managed
 * transactions retry on.
 */
export function isTransient(error: unknown): boolean {
  return isRetryableError(error) && !isOutOfMemoryCode((error as { code?: unknown } | null)?.code);
}

/**
 * A query stopped by Neo4j's memory limits (`db.memory.transaction.max` for one transaction,
 * `dbms.memory.transaction.total.max` for all of them, or the heap itself). Neo4j calls these transient,
 * but the same query would only fail again (a retry tripled the wait): the caller must ask for less.
 */
const OUT_OF_MEMORY = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
]);

/** True for a driver error code that means the query ran out of the memory Neo4j allows it. */
export function isOutOfMemoryCode(code: unknown): boolean {
  return typeof code === 'string' && OUT_OF_MEMORY.has(code);
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** True for a driver error code that means the database cannot be reached right now. */
export function isUnavailableCode(code: unknown): boolean {
  return typeof code === 'string' && UNAVAILABLE.has(code);
}

/**
 * The driver's pool gave no connection in time: every connection is busy (reads that piled up while Neo4j
 * was down and now all run at once). The driver gives this error no code of its own (`N/A`), so its message
 * is the only sign of it.
 */
export function isPoolExhausted(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === undefined || code === 'N/A') &&
    typeof message === 'string' &&
    message.startsWith('Connection acquisition timed out')
  );
}

/**
 * Neo4j cannot take this work now, and the same work may pass shortly: it cannot be reached, every
 * connection is busy, or a transient failure (a deadlock between concurrent writers) outlasted the retries.
 * Callers answer it as "unavailable, retry", never as an internal error.
 */
export function isBusyOrUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (isUnavailableCode(code) || isPoolExhausted(error)) return true;
  return typeof code === 'string' && code.startsWith('Neo.TransientError.') && !isOutOfMemoryCode(code);
}

/** Attempts of a read that fails with a transient error (writes: the driver's retry budget, 30 s). */
export const READ_ATTEMPTS = 3;

/** Neo4j values to plain ones: Integer -> number, Date -> YYYY-MM-DD, DateTime -> ISO string, Node -> its properties. */
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
 * Read parameters: whole numbers become Integers (SKIP, LIMIT and list slices refuse floats). Only
 * reads are converted: writes store numbers (a Goldstein score of -2.0 must stay a float), and their
 * builders make Integers themselves where they mean them.
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

const rows = (records: { toObject(): unknown }[]): Row[] => records.map((r) => toPlain(r.toObject()) as Row);

/**
 * `replan=skip`: a cached plan is kept when the statistics move. While a graph grows, Neo4j would
 * otherwise replan the write statements every few seconds (a quarter of the server's CPU in the ingest
 * bench); their plans are fixed anyway: seeks on unique keys, and index hints elsewhere. Reads are
 * planned afresh: their best plan does depend on the graph's size.
 */
const WRITE_PREFIX = 'CYPHER replan=skip\n';

export interface Runner {
  /** Runs one read statement in READ access mode; retried on transient errors. */
  read(query: CypherQuery): Promise<Row[]>;
  /** Runs the statements in one write transaction; the rows of the last one. */
  write(...queries: CypherQuery[]): Promise<Row[]>;
  /**
   * Runs `work` in one write transaction (retried as a whole on transient errors, so it must be safe
   * to repeat); `run` executes one statement inside it.
   */
  transaction<T>(work: (run: Run) => Promise<T>): Promise<T>;
  /** Resolves once Neo4j answers; throws the driver's error (ServiceUnavailable) otherwise. */
  reachable(): Promise<void>;
}

export function createRunner(driver: Driver, database?: string): Runner {
  // Every session shares the driver's bookmark manager (the one its executeQuery uses): on a cluster a
  // read that follows a write of this process (ingestArticle reading back the article it stored) waits
  // for a follower that has the write, instead of answering from one that does not yet.
  const bookmarkManager = driver.executeQueryBookmarkManager;
  return {
    // Reads run as auto-commit queries: one round trip (RUN + PULL) where a transaction function takes
    // two (BEGIN + RUN + PULL, then COMMIT), which under load is a second wait for the CPU. A read is
    // one statement and writes nothing, so running it again after a transient failure is safe.
    async read({ cypher, params }) {
      const parameters = toParams(params) as Row;
      for (let attempt = 1; ; attempt += 1) {
        const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, bookmarkManager });
        try {
          return rows((await session.run(cypher, parameters)).records);
        } catch (error) {
          if (attempt < READ_ATTEMPTS && isTransient(error)) continue;
          throw error;
        } finally {
          await session.close();
        }
      }
    },
    write(...queries) {
      return this.transaction(async (run) => {
        let out: Row[] = [];
        for (const q of queries) out = await run(q);
        return out;
      });
    },
    async transaction(work) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE, bookmarkManager });
      try {
        return await session.executeWrite((tx) =>
          work(async (q) => rows((await tx.run(WRITE_PREFIX + q.cypher, q.params)).records)),
        );
      } finally {
        await session.close();
      }
    },
    async reachable() {
      await driver.verifyConnectivity({ database });
    },
  };
}
