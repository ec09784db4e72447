/**
 * The batch ingest pipeline: articles read by ./files.ts are prepared and their candidate sentences parsed
 * by the engine in this thread (./article-parser.ts), extracted with those parses in a pool of worker
 * threads, and fed to the writer in batches through a bounded queue, so the parsing and extraction of the
 * next batches overlap the write of the current one and memory stays bounded.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Driver } from 'neo4j-driver';
import { taskEach, type ArticleParser } from './article-parser.ts';
import type { ExtractTask } from './extract-task.ts';
import type { SourcedInput } from './files.ts';
import { extractItem, ingestItems, type IngestItem, type IngestResult } from '../store/ingest.ts';

// A worker thread loads the extractor as one ES module bundled from the sources (see extractorModule), so it
// needs no TypeScript loader of its own; where bundling fails it registers tsx's loader and imports the sources.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  let extractTask;
  if (workerData.bundle) ({ extractTask } = await import(workerData.bundle));
  else {
    const api = await import(workerData.tsx);
    api.register();
    ({ extractTask } = await import(workerData.extract));
  }
  parentPort.on('message', ({ id, tasks }) => {
    const t0 = performance.now();
    const out = tasks.map((task) => {
      try { return { result: extractTask(task) }; }
      catch (e) { return { error: { name: e && e.name, code: e && e.code, message: e && e.message ? e.message : String(e) } }; }
    });
    parentPort.postMessage({ id, out, ms: performance.now() - t0 });
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => { throw e; });
`;

/**
 * The extractor (./extract-task.ts) and its modules as one ES module (a data: URL), bundled by esbuild in memory
 * from the sources when the process starts its first pool: no file is generated, so none can be stale. Packages stay outside, imported from where Node resolves them; each
 * source file's import.meta.url is its own (data files are found next to the sources). Loaded through tsx's
 * loader instead, every worker paid ~1 s of CPU to start, half of it in the loader (a hooks thread per worker,
 * a round trip per module). Null if esbuild is unavailable or fails.
 */
let bundled: Promise<string | null> | undefined;
function extractorModule(): Promise<string | null> {
  bundled ??= bundleExtractor().catch((error: unknown) => {
    // Not fatal (workers load the sources through tsx instead, ~0.5 s more CPU each), but never silent.
    process.emitWarning(`extractor bundle failed, workers load the sources through tsx: ${error instanceof Error ? error.message : String(error)}`, { code: 'DIPLOGRAPH_EXTRACTOR_BUNDLE' });
    return null;
  });
  return bundled;
}

async function bundleExtractor(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./extract-task.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [{
      name: 'sources-in-place',
      setup(build) {
        // Packages and built-ins: left to Node, by absolute URL (a data: module resolves no bare names), resolved
        // from here: every source file of the extractor sits under the same node_modules.
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: import.meta.resolve(args.path), external: true }));
        build.onLoad({ filter: /\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    }],
  });
  const code = result.outputFiles?.[0]?.text;
  if (!code) throw new Error('extractor bundle: no output');
  return `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
}

interface Job {
  id: number;
  tasks: ExtractTask[];
  resolve: (out: { result?: IngestItem['result']; error?: unknown }[]) => void;
  reject: (error: unknown) => void;
}

/** Articles per message to a worker thread. */
const PIECE = 100;

/** An article ready for extraction (its input and parses), or the error that kept it from extraction. */
export interface TaskItem {
  source: string;
  task?: ExtractTask;
  error?: unknown;
}

/** A pool of extraction threads; `size` 0 extracts in the calling thread. */
export class ExtractPool {
  private readonly workers: { worker: Worker; ready: Promise<void>; busy: Job | null }[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  /** Milliseconds spent extracting, summed over the threads. */
  extractMs = 0;

  /** Settles once the workers are spawned (after the extractor is bundled). */
  private readonly started: Promise<void> = Promise.resolve();

  constructor(readonly size: number) {
    if (size === 0) return;
    this.started = extractorModule().then((bundle) => {
      const workerData = { bundle, tsx: import.meta.resolve('tsx/esm/api'), extract: new URL('./extract-task.ts', import.meta.url).href };
      for (let i = 0; i < size; i++) this.spawn(workerData);
      this.pump();
    });
  }

  private spawn(workerData: { bundle: string | null; tsx: string; extract: string }): void {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    const slot = { worker, ready: Promise.resolve(), busy: null as Job | null };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve());
    });
    worker.on('message', (msg: { id?: number; out?: { result?: IngestItem['result']; error?: unknown }[]; ms?: number }) => {
      if (msg.id === undefined || !slot.busy) return;
      const job = slot.busy;
      slot.busy = null;
      this.extractMs += msg.ms ?? 0;
      job.resolve(msg.out ?? []);
      this.pump();
    });
    worker.on('error', (error) => {
      slot.busy?.reject(error);
      slot.busy = null;
    });
    this.workers.push(slot);
  }

  private pump(): void {
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.busy = job;
      void slot.ready.then(
        () => slot.worker.postMessage({ id: job.id, tasks: job.tasks }),
        (error: unknown) => job.reject(error),
      );
    }
  }

  /** Extracts a chunk of articles; one item per task item, in order (errors per item). */
  async extract(items: TaskItem[]): Promise<IngestItem[]> {
    const todo = items.filter((x) => x.task);
    let extracted: { result?: IngestItem['result']; error?: unknown }[];
    if (this.size === 0) {
      const t0 = performance.now();
      extracted = todo.map((x) => extractItem(x.task!));
      this.extractMs += performance.now() - t0;
    } else {
      // In jobs of at most PIECE articles, so that every thread works on the chunk the writer needs
      // first (the first batch of an ingest is ready in half the time with two threads).
      const jobs: Promise<{ result?: IngestItem['result']; error?: unknown }[]>[] = [];
      for (let i = 0; i < todo.length; i += PIECE) {
        const piece = todo.slice(i, i + PIECE).map((x) => x.task!);
        jobs.push(
          new Promise((resolve, reject) => {
            this.queue.push({ id: this.nextId++, tasks: piece, resolve, reject });
            this.pump();
          }),
        );
      }
      extracted = (await Promise.all(jobs)).flat();
    }
    let k = 0;
    return items.map((x) => (x.task ? { ...extracted[k++]!, source: x.source } : { source: x.source, error: x.error }));
  }

  async close(): Promise<void> {
    await this.started;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** Prepares and parses a chunk of read inputs (see ArticleParser.task); a read or parse failure stays with its item. */
export async function parseChunk(inputs: SourcedInput[], parser: ArticleParser): Promise<TaskItem[]> {
  const readable = inputs.filter((x) => x.input);
  const tasks = await taskEach(readable.map((x) => x.input!), parser);
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
   * left for them sat partly idle (bench:ingest on 2 cores, warm server: 297 articles/s with 2
   * threads, 250 with 1).
   */
  workers?: number;
  /** Batches written at once (default 1; more overlap one commit with the next claim, measured no faster here). */
  writers?: number;
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
export async function runPipeline(driver: Driver, inputs: AsyncIterable<SourcedInput>, opts: PipelineOptions): Promise<IngestResult[]> {
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const writers = Math.max(1, opts.writers ?? 1);
  const pool = new ExtractPool(opts.workers ?? Math.max(1, availableParallelism()));
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
    const done = ingestItems(driver, items, { batchSize: items.length, ...(opts.database ? { database: opts.database } : {}) }).then((written) => {
      opts.onBatch?.(written);
      return written;
    });
    const entry = { keys, done: done.then(() => undefined, () => undefined) };
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
