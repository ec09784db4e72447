/**
 * The batch ingest pipeline: articles read by ./files.ts are extracted in a pool of worker threads and
 * fed to the writer in batches through a bounded queue, so extraction of the next batches overlaps the
 * write of the current one and memory stays bounded.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Driver } from 'neo4j-driver';
import type { SourcedInput } from './files.ts';
import type { ArticleInput } from './types.ts';
import { extractItem, ingestItems, type IngestItem, type IngestResult } from '../store/ingest.ts';

// A worker thread loads the extractor as one ES module bundled from the sources (see extractorModule), so it
// needs no TypeScript loader of its own; where bundling fails it registers tsx's loader and imports the sources.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  let extract;
  if (workerData.bundle) ({ extract } = await import(workerData.bundle));
  else {
    const api = await import(workerData.tsx);
    api.register();
    ({ extract } = await import(workerData.extract));
  }
  parentPort.on('message', ({ id, inputs }) => {
    const out = inputs.map((input) => {
      try { return { result: extract(input) }; }
      catch (e) { return { error: { name: e && e.name, code: e && e.code, message: e && e.message ? e.message : String(e) } }; }
    });
    parentPort.postMessage({ id, out });
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => { throw e; });
`;

/**
 * The extractor and its modules as one ES module (a data: URL), bundled by esbuild in memory from the sources
 * when the process starts its first pool: no file is generated, so none can be stale. Packages stay outside, imported from where Node resolves them; each
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
    entryPoints: [fileURLToPath(new URL('./extract.ts', import.meta.url))],
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
  inputs: ArticleInput[];
  resolve: (out: { result?: IngestItem['result']; error?: unknown }[]) => void;
  reject: (error: unknown) => void;
}

/** Articles per message to a worker thread. */
const PIECE = 100;

/** A pool of extraction threads; `size` 0 extracts in the calling thread. */
export class ExtractPool {
  private readonly workers: { worker: Worker; ready: Promise<void>; busy: Job | null }[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;

  /** Settles once the workers are spawned (after the extractor is bundled). */
  private readonly started: Promise<void> = Promise.resolve();

  constructor(readonly size: number) {
    if (size === 0) return;
    this.started = extractorModule().then((bundle) => {
      const workerData = { bundle, tsx: import.meta.resolve('tsx/esm/api'), extract: new URL('./extract.ts', import.meta.url).href };
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
    worker.on('message', (msg: { id?: number; out?: { result?: IngestItem['result']; error?: unknown }[] }) => {
      if (msg.id === undefined || !slot.busy) return;
      const job = slot.busy;
      slot.busy = null;
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
        () => slot.worker.postMessage({ id: job.id, inputs: job.inputs }),
        (error: unknown) => job.reject(error),
      );
    }
  }

  /** Extracts a chunk of articles; one item per input, in order (errors per item). */
  async extract(inputs: SourcedInput[]): Promise<IngestItem[]> {
    const todo = inputs.filter((x) => x.input);
    let extracted: { result?: IngestItem['result']; error?: unknown }[];
    if (this.size === 0) extracted = todo.map((x) => extractItem(x.input!));
    else {
      // In jobs of at most PIECE articles, so that every thread works on the chunk the writer needs
      // first (the first batch of an ingest is ready in half the time with two threads).
      const jobs: Promise<{ result?: IngestItem['result']; error?: unknown }[]>[] = [];
      for (let i = 0; i < todo.length; i += PIECE) {
        const piece = todo.slice(i, i + PIECE).map((x) => x.input!);
        jobs.push(
          new Promise((resolve, reject) => {
            this.queue.push({ id: this.nextId++, inputs: piece, resolve, reject });
            this.pump();
          }),
        );
      }
      extracted = (await Promise.all(jobs)).flat();
    }
    let k = 0;
    return inputs.map((x) => (x.input ? { ...extracted[k++]!, source: x.source } : { source: x.source, error: x.error }));
  }

  async close(): Promise<void> {
    await this.started;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

export interface PipelineOptions {
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
  /** Filled in: milliseconds with a write in flight, and with none while waiting for extraction. */
  stats?: { writeMs: number; waitMs: number };
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
export async function runPipeline(driver: Driver, inputs: AsyncIterable<SourcedInput>, opts: PipelineOptions = {}): Promise<IngestResult[]> {
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
      extracting.push(pool.extract(chunk));
      chunk = [];
      if (extracting.length >= depth) await writeNext();
    }
    if (chunk.length > 0) extracting.push(pool.extract(chunk));
    while (extracting.length > 0) await writeNext();
    const results: IngestResult[] = [];
    for (const batch of ordered) results.push(...(await batch));
    return results;
  } finally {
    await Promise.all([...writing].map((w) => w.done));
    await pool.close();
  }
}
