/**
 * The batch ingest pipeline: articles read by ../ingest/files.ts are prepared and their candidate sentences
 * parsed by the engine in this thread (../ingest/article-parser.ts), extracted with those parses in a pool of
 * worker threads (./pool.ts; each article within its time budget), and fed to the writer in batches through a
 * bounded queue, so the parsing and extraction of the next batches overlap the write of the current one and
 * memory stays bounded.
 */
import { availableParallelism } from 'node:os';
import type { Driver } from 'neo4j-driver';
import { taskEach, type ArticleParser } from '../ingest/article-parser.ts';
import type { SourcedInput } from '../ingest/files.ts';
import { ingestItems, type IngestItem, type IngestResult } from '../store/ingest.ts';
import { ExtractPool, type TaskItem } from './pool.ts';

/** Prepares and parses a chunk of read inputs (see ArticleParser.task); a read or parse failure stays with its item. */
export async function parseChunk(inputs: SourcedInput[], parser: ArticleParser): Promise<TaskItem[]> {
  const readable = inputs.filter((x) => x.input);
  const tasks = await taskEach(
    readable.map((x) => x.input!),
    parser,
  );
  let k = 0;
  return inputs.map((x) => (x.input ? { source: x.source, ...tasks[k++]! } : { source: x.source, error: x.error }));
}

export interface PipelineOptions {
  /** Parses each article's candidate sentences before extraction (one per process: its store is shared). */
  parser: ArticleParser;
  database?: string;
  /** Articles per write transaction (default 500). */
  batchSize?: number;
  /**
   * Extraction threads (default: one per core; 0 = in the writer's thread). One per core, not one
   * fewer: the writer and Neo4j wait on each other (commits, round trips) half the time, and a thread
   * left for them sat partly idle (`npm run bench:ingest` compares).
   */
  workers?: number;
  /** Batches written at once (default 1; more overlap one commit with the next claim, measured no faster here). */
  writers?: number;
  /** One article's extraction budget in seconds (default DIPLOGRAPH_EXTRACTION_TIMEOUT, else 60). */
  timeoutS?: number;
  /** Called after every written batch. */
  onBatch?: (results: IngestResult[]) => void;
  /**
   * Filled in: milliseconds with a write in flight, with none while waiting for extraction, and spent
   * extracting (summed over the threads). The parser's own stats tell the engine's time.
   */
  stats?: PipelineStats;
}

export interface PipelineStats {
  writeMs: number;
  waitMs: number;
  extractMs?: number;
}

/** The identities of a batch's articles: two batches sharing one must not be written at once. */
function batchKeys(items: IngestItem[]): Set<string> {
  const keys = new Set<string>();
  for (const { result } of items) {
    if (!result) continue;
    keys.add(`id:${result.id}`);
    if (result.article.url) keys.add(`url:${result.article.url}`);
    if (result.article.contentHash) keys.add(`hash:${result.article.contentHash}`);
  }
  return keys;
}

/**
 * Ingests a stream of inputs: chunks of `batchSize` are extracted in the pool while earlier chunks are
 * written; at most workers + 1 chunks wait, so a huge input never sits in memory. Up to `writers`
 * batches are written at once (one waits at the actor locks while the other commits), but two
 * batches holding the same article (id, URL or content) never are: a later version wins, as in a
 * sequential run. Results come back in input order.
 */
export async function runPipeline(
  driver: Driver,
  inputs: AsyncIterable<SourcedInput>,
  opts: PipelineOptions,
): Promise<IngestResult[]> {
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const writers = Math.max(1, opts.writers ?? 1);
  const pool = new ExtractPool(
    opts.workers ?? Math.max(1, availableParallelism()),
    opts.timeoutS !== undefined ? { timeoutS: opts.timeoutS } : {},
  );
  const depth = Math.max(2, pool.size + 1);
  const extracting: Promise<IngestItem[]>[] = [];
  const writing = new Set<{ keys: Set<string>; done: Promise<unknown> }>();
  const ordered: Promise<IngestResult[]>[] = [];
  const stats = opts.stats ?? { writeMs: 0, waitMs: 0 };
  let busySince = 0;

  const writeNext = async (): Promise<void> => {
    const idle = writing.size === 0;
    const t0 = performance.now();
    const items = await extracting.shift()!;
    if (idle) stats.waitMs += performance.now() - t0;
    const keys = batchKeys(items);
    const blocked = () => writing.size >= writers || [...writing].some((w) => [...keys].some((k) => w.keys.has(k)));
    while (blocked()) await Promise.race([...writing].map((w) => w.done));
    if (writing.size === 0) busySince = performance.now();
    const done = ingestItems(driver, items, {
      batchSize: items.length,
      ...(opts.database ? { database: opts.database } : {}),
    }).then((written) => {
      opts.onBatch?.(written);
      return written;
    });
    const entry = {
      keys,
      done: done.then(
        () => undefined,
        () => undefined,
      ),
    };
    writing.add(entry);
    void entry.done.then(() => {
      writing.delete(entry);
      if (writing.size === 0) stats.writeMs += performance.now() - busySince;
    });
    ordered.push(done);
  };
  try {
    let chunk: SourcedInput[] = [];
    for await (const item of inputs) {
      chunk.push(item);
      if (chunk.length < batchSize) continue;
      extracting.push(parseChunk(chunk, opts.parser).then((items) => pool.extract(items)));
      chunk = [];
      if (extracting.length >= depth) await writeNext();
    }
    if (chunk.length > 0) extracting.push(parseChunk(chunk, opts.parser).then((items) => pool.extract(items)));
    while (extracting.length > 0) await writeNext();
    const results: IngestResult[] = [];
    for (const batch of ordered) results.push(...(await batch));
    return results;
  } finally {
    await Promise.all([...writing].map((w) => w.done));
    stats.extractMs = (stats.extractMs ?? 0) + pool.extractMs;
    await pool.close();
  }
}
