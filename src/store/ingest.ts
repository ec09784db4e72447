/**
 * Writing extractions (the pipeline, server seeding, GraphQL mutations, in src/pipeline): extractions in, a
 * result per article out. Failures that kept an article from extraction (input, engine, extraction) come in
 * with the item and invalid extractions are found here; each is reported per article and nothing of such an
 * article is written; the rest is written in batches, one transaction each.
 */
import type { Driver } from 'neo4j-driver';
import type { ExtractionResult } from '../extraction.ts';
import { errorCode, errorMessage } from './errors.ts';
import { prepareArticle, type PreparedArticle } from './prepare.ts';
import { deleteArticleTx, writeBatchIsolated, type WriteOutcome } from './writer.ts';

export type IngestStatus = 'new' | 'duplicate' | 'updated' | 'failed';

export interface IngestResult {
  status: IngestStatus;
  /** The stored article's id (for a duplicate: the article already stored); null if extraction failed. */
  articleId: string | null;
  actorIds: string[];
  eventIds: string[];
  warnings: string[];
  error?: { code: string; message: string };
  /** Where the article came from (file name, file:line), when the caller said. */
  source?: string;
}

export interface IngestOptions {
  database?: string;
  /** Articles per transaction (default 500). */
  batchSize?: number;
  /** Called after each batch with the results so far of that batch. */
  onBatch?: (results: IngestResult[]) => void;
}

export interface IngestSummary {
  results: IngestResult[];
  new: number;
  duplicate: number;
  updated: number;
  failed: number;
  /** Distinct actors and events of the articles written (new or updated). */
  actors: number;
  events: number;
}

/** One unit of work: an extraction to write, or the error that kept it from being extracted. */
export interface IngestItem {
  source?: string;
  result?: ExtractionResult;
  error?: unknown;
}

export function summarize(results: IngestResult[]): IngestSummary {
  const actors = new Set<string>();
  let events = 0;
  const counts = { new: 0, duplicate: 0, updated: 0, failed: 0 };
  for (const r of results) {
    counts[r.status]++;
    if (r.status === 'new' || r.status === 'updated') {
      for (const a of r.actorIds) actors.add(a);
      events += r.eventIds.length;
    }
  }
  return { results, ...counts, actors: actors.size, events };
}

function failedResult(item: IngestItem, error: unknown, articleId: string | null): IngestResult {
  return {
    status: 'failed',
    articleId,
    actorIds: [],
    eventIds: [],
    warnings: item.result?.warnings ?? [],
    error: { code: errorCode(error), message: errorMessage(error) },
    ...(item.source !== undefined ? { source: item.source } : {}),
  };
}

/**
 * Splits prepared articles into waves in which no two share an id, URL or content hash (so one
 * transaction never holds two versions of one article); later versions go to later waves, in order.
 */
export function planWaves<T extends { article: { id: string; url: string | null; contentHash: string } }>(
  items: T[],
): T[][] {
  const waves: { items: T[]; keys: Set<string> }[] = [];
  const lastWaveOf = new Map<string, number>();
  for (const item of items) {
    const keys = [
      `id:${item.article.id}`,
      `hash:${item.article.contentHash}`,
      ...(item.article.url ? [`url:${item.article.url}`] : []),
    ];
    const after = Math.max(-1, ...keys.map((k) => lastWaveOf.get(k) ?? -1));
    const w = after + 1;
    if (!waves[w]) waves[w] = { items: [], keys: new Set() };
    waves[w]!.items.push(item);
    for (const k of keys) lastWaveOf.set(k, w);
  }
  return waves.map((w) => w.items);
}

/** Writes items (extractions or extraction errors); returns one result per item, in order. */
export async function ingestItems(
  driver: Driver,
  items: IngestItem[],
  opts: IngestOptions = {},
): Promise<IngestResult[]> {
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const results: (IngestResult | undefined)[] = new Array(items.length);
  const prepared: (PreparedArticle & { index: number })[] = [];
  for (const [index, item] of items.entries()) {
    if (item.error !== undefined || !item.result) {
      results[index] = failedResult(item, item.error ?? new Error('no extraction'), null);
      continue;
    }
    try {
      prepared.push({ ...prepareArticle(item.result), index });
    } catch (error) {
      results[index] = failedResult(item, error, item.result.id ?? null);
    }
  }

  let pending = planWaves(prepared);
  while (pending.length > 0) {
    const deferred: (PreparedArticle & { index: number })[] = [];
    for (const wave of pending) {
      for (let i = 0; i < wave.length; i += batchSize) {
        const batch = wave.slice(i, i + batchSize);
        const outcomes = await writeBatchIsolated(driver, batch, opts.database);
        const done: IngestResult[] = [];
        for (const [k, o] of outcomes.entries()) {
          const p = batch[k]!;
          if (o.status === 'deferred') {
            deferred.push(p);
            continue;
          }
          const r = toResult(items[p.index]!, p, o);
          results[p.index] = r;
          done.push(r);
        }
        opts.onBatch?.(done);
      }
    }
    pending = deferred.length > 0 ? deferred.map((d) => [d]) : [];
  }
  return results.map((r, i) => r ?? failedResult(items[i]!, new Error('not written'), null));
}

function toResult(item: IngestItem, p: PreparedArticle, o: WriteOutcome): IngestResult {
  const base = {
    articleId: o.articleId,
    actorIds: o.actorIds,
    eventIds: o.eventIds,
    warnings: p.warnings,
    ...(item.source !== undefined ? { source: item.source } : {}),
  };
  if (o.status === 'failed' || o.status === 'deferred') {
    return { ...base, status: 'failed', error: o.error ?? { code: 'WRITE_FAILED', message: 'not written' } };
  }
  return { ...base, status: o.status };
}

/** Stores extraction results as given (tests, or extraction done elsewhere). */
export async function ingestExtractions(
  driver: Driver,
  results: ExtractionResult[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  return summarize(
    await ingestItems(
      driver,
      results.map((result) => ({ result })),
      opts,
    ),
  );
}

/** Deletes an article and its events and repairs the network; false when there was no such article. */
export async function deleteArticle(
  driver: Driver,
  id: string,
  opts: Pick<IngestOptions, 'database'> = {},
): Promise<boolean> {
  return deleteArticleTx(driver, id, opts.database);
}
