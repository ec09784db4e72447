/**
 * A pool of extraction threads (./extract-worker.ts): articles are extracted, or prepared for the parser, off the
 * calling thread, each within a time budget. A thread that outruns the budget on one article is ended and
 * replaced; that article fails with EXTRACTION_TIMEOUT and the others it held go to the next free thread.
 */
import { Worker } from 'node:worker_threads';
import { extractionTimeoutS } from '../config.ts';
import type { ArticleInput, ExtractionResult } from '../extraction.ts';
import type { ExtractTask } from '../ingest/extract-task.ts';
import type { IngestItem } from '../store/ingest.ts';
import { ExtractionTimeoutError } from './errors.ts';
import { revive, runWork, type WorkReply, type WorkRequest } from './work.ts';

/** Requests per message to a thread. */
const PIECE = 100;

/** An article ready for extraction (its input and parses), or the error that kept it from extraction. */
export interface TaskItem {
  source: string;
  task?: ExtractTask;
  error?: unknown;
}

export interface PoolOptions {
  /** One article's budget in seconds (default DIPLOGRAPH_EXTRACTION_TIMEOUT, else 60). */
  timeoutS?: number;
  /** Threads that do not keep the process alive (a server's pool, idle between requests). */
  unref?: boolean;
}

interface Pending {
  request: WorkRequest;
  resolve: (reply: WorkReply) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The requests sent and not answered yet, in order; the first is the one being worked on. */
  inFlight: Pending[];
  message: number;
  timer: NodeJS.Timeout | null;
}

/** A pool of extraction threads; `size` 0 works in the calling thread (no budget then). */
export class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextMessage = 0;
  private closed = false;
  /** Set when a thread could not start: every request fails with it. */
  private broken: unknown = null;
  readonly timeoutMs: number;
  /** Milliseconds spent working, summed over the threads. */
  extractMs = 0;
  /** Threads ended for outrunning the budget. */
  timeouts = 0;

  constructor(
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {
    this.timeoutMs = (options.timeoutS ?? extractionTimeoutS()) * 1000;
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL('./extract-worker.mjs', import.meta.url));
    if (this.options.unref) worker.unref();
    const slot: Slot = { worker, ready: false, inFlight: [], message: -1, timer: null };
    worker.on('message', (msg: { ready?: true; id?: number; index?: number; reply?: WorkReply }) => {
      if (msg.ready) {
        slot.ready = true;
        return this.pump();
      }
      if (msg.id !== slot.message || !msg.reply) return;
      this.extractMs += msg.reply.ms;
      slot.inFlight.shift()?.resolve(msg.reply);
      this.arm(slot);
      if (slot.inFlight.length === 0) this.pump();
    });
    worker.on('error', (error) => {
      // A thread that dies before it is ready cannot load the extractor: no other would either.
      if (!slot.ready) this.broken ??= error;
      this.retire(slot, error);
    });
    // Ended otherwise than by retire or close (which take it out of the pool first).
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.retire(slot, new Error('an extraction thread exited'));
    });
    this.slots.push(slot);
  }

  /** (Re)starts the budget of the request a thread is working on. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.inFlight.length === 0) return;
    slot.timer = setTimeout(() => {
      this.timeouts += 1;
      this.retire(slot, new ExtractionTimeoutError(this.timeoutMs / 1000));
    }, this.timeoutMs);
    if (this.options.unref) slot.timer.unref();
  }

  /** Ends a thread: its current request fails with `error`, the others go back first in line, and a new thread takes its place. */
  private retire(slot: Slot, error: unknown): void {
    if (slot.timer) clearTimeout(slot.timer);
    const k = this.slots.indexOf(slot);
    if (k < 0) return;
    this.slots.splice(k, 1);
    const [current, ...rest] = slot.inFlight;
    slot.inFlight = [];
    current?.resolve({ error, ms: 0 });
    this.queue.unshift(...rest);
    void slot.worker.terminate();
    if (this.broken) {
      for (const p of this.queue.splice(0)) p.resolve({ error: this.broken, ms: 0 });
      return;
    }
    if (!this.closed) this.spawn();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.inFlight.length > 0 || this.queue.length === 0) continue;
      slot.inFlight = this.queue.splice(0, PIECE);
      slot.message = this.nextMessage++;
      slot.worker.postMessage({ id: slot.message, requests: slot.inFlight.map((p) => p.request) });
      this.arm(slot);
    }
  }

  /** Runs requests (in jobs of at most PIECE a thread, so every thread works on what is needed first); one reply each, in order. */
  private runAll(requests: WorkRequest[]): Promise<WorkReply[]> {
    if (this.size === 0) {
      const replies = requests.map(runWork);
      for (const r of replies) this.extractMs += r.ms;
      return Promise.resolve(replies);
    }
    if (this.broken) return Promise.resolve(requests.map(() => ({ error: this.broken, ms: 0 })));
    const replies = requests.map(
      (request) => new Promise<WorkReply>((resolve) => this.queue.push({ request, resolve })),
    );
    this.pump();
    return Promise.all(replies);
  }

  /** Extracts a chunk of articles; one item per task item, in order (errors per item). */
  async extract(items: TaskItem[]): Promise<IngestItem[]> {
    const todo = items.filter((x) => x.task);
    const replies = await this.runAll(todo.map((x) => ({ kind: 'extract', task: x.task! })));
    let k = 0;
    return items.map((x) => {
      if (!x.task) return { source: x.source, error: x.error };
      const r = replies[k++]!;
      return r.error !== undefined
        ? { source: x.source, error: r.error }
        : { source: x.source, result: r.result as ExtractionResult };
    });
  }

  /** One article's extraction; throws its error (an InputError of a bad input, EXTRACTION_TIMEOUT). */
  async extractOne(task: ExtractTask): Promise<ExtractionResult> {
    const [r] = await this.runAll([{ kind: 'extract', task }]);
    if (r!.error !== undefined) throw revive(r!.error);
    return r!.result as ExtractionResult;
  }

  /** An article prepared and its candidate sentences picked (see candidateTexts); throws as extractOne. */
  async candidates(input: ArticleInput): Promise<string[]> {
    const [r] = await this.runAll([{ kind: 'candidates', input }]);
    if (r!.error !== undefined) throw revive(r!.error);
    return r!.result as string[];
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.timer) clearTimeout(s.timer);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
