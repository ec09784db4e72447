/** Ingests the demo corpus (seed/) at startup: re-running it is a no-op (each article a duplicate). */
import type { Driver } from 'neo4j-driver';
import type { ArticleInput } from '../extraction.ts';
import type { ArticleParser } from '../ingest/article-parser.ts';
import { readInputs } from '../ingest/files.ts';
import { ingestArticles } from './ingest.ts';

export async function ingestSeed(
  driver: Driver,
  dir: string,
  parser: ArticleParser,
  database?: string,
): Promise<string> {
  const inputs: ArticleInput[] = [];
  const unreadable: string[] = [];
  for await (const item of readInputs([dir])) {
    if (item.input) inputs.push(item.input);
    else unreadable.push(`${item.source}: ${item.error instanceof Error ? item.error.message : String(item.error)}`);
  }
  if (unreadable.length > 0) throw new Error(`seed folder ${dir} has unreadable files:\n  ${unreadable.join('\n  ')}`);
  const s = await ingestArticles(driver, inputs, { parser, database });
  const failed = s.results.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    throw new Error(
      `seed articles failed: ${failed.map((r) => `${r.source ?? r.articleId}: ${r.error?.code} ${r.error?.message}`).join('; ')}`,
    );
  }
  return `${s.new} new, ${s.duplicate} duplicate, ${s.updated} updated (${s.actors} actors, ${s.events} events written)`;
}
