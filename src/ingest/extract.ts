/** Entry point of extraction: one article in, actors and events out. Pure, synchronous, offline. */
import { createHash } from 'node:crypto';
import type { ArticleInput, ExtractionResult } from './types.ts';

export function extract(input: ArticleInput): ExtractionResult {
  const text = (input.text ?? input.html ?? '').trim();
  const contentHash = createHash('sha256').update(`${input.title ?? ''}\n${text}`).digest('hex');
  const id = input.id ?? contentHash.slice(0, 16);
  return {
    id,
    article: { title: input.title ?? null, outlet: input.outlet ?? null, url: input.url ?? null, publishedAt: input.publishedAt?.slice(0, 10) ?? null, dateline: null, text, contentHash },
    actors: [],
    events: [],
    warnings: ['extractor stub'],
  };
}
