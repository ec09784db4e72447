/**
 * What an extraction thread does (./extract-worker.ts), as plain functions a pool of size 0 also runs in the
 * calling thread: extract an article with its parses, or prepare an article and pick its candidate sentences.
 * Requests, answers and errors are plain data (they cross between threads by structured clone).
 */
import type { ArticleInput, ExtractionResult } from '../extraction.ts';
import { InputError, type InputErrorCode } from '../ingest/errors.ts';
import { candidateTexts, extractTask, type ExtractTask } from '../ingest/extract-task.ts';

export type WorkRequest = { kind: 'extract'; task: ExtractTask } | { kind: 'candidates'; input: ArticleInput };

/** An error as it crosses a thread: InputErrors are rebuilt on the other side (see revive). */
export interface WorkError {
  name?: string;
  code?: string;
  message: string;
}

export interface WorkReply {
  result?: ExtractionResult | string[];
  error?: WorkError | unknown;
  /** Milliseconds the work took in its thread. */
  ms: number;
}

export function doWork(request: WorkRequest): ExtractionResult | string[] {
  return request.kind === 'extract' ? extractTask(request.task) : candidateTexts(request.input);
}

/** Runs a request, its error kept as plain data. */
export function runWork(request: WorkRequest): WorkReply {
  const t0 = performance.now();
  try {
    return { result: doWork(request), ms: performance.now() - t0 };
  } catch (e) {
    const error = e as { name?: unknown; code?: unknown; message?: unknown } | null;
    return {
      error: {
        name: String(error?.name ?? 'Error'),
        ...(typeof error?.code === 'string' ? { code: error.code } : {}),
        message: typeof error?.message === 'string' ? error.message : String(e),
      },
      ms: performance.now() - t0,
    };
  }
}

/** An error that crossed a thread, as the error it was where that matters to callers (an InputError of a bad article). */
export function revive(error: unknown): unknown {
  const e = error as WorkError | null;
  if (e && e.name === 'InputError' && typeof e.code === 'string')
    return new InputError(e.code as InputErrorCode, e.message);
  return error;
}
