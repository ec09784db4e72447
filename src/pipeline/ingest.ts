/**
 * Articles in, stored: parsed (../ingest/article-parser.ts), extracted and written (../store/ingest.ts). The
 * orchestration of ingest and store lives here so that neither imports the other.
 */
import type { Driver } from 'neo4j-driver';
import type { ArticleInput } from '../extraction.ts';
import { taskEach, type ArticleParser } from '../ingest/article-parser.ts';
import { extractTask, type ExtractTask } from '../ingest/extract-task.ts';
import { ingestItems, summarize, type IngestItem, type IngestOptions, type IngestSummary } from '../store/ingest.ts';

/** Extracts one article (input and parses) in this thread; an input error becomes the item's error. */
export function extractItem(task: ExtractTask, source?: string): IngestItem {
  try {
    return { result: extractTask(task), ...(source !== undefined ? { source } : {}) };
  } catch (error) {
    return { error, ...(source !== undefined ? { source } : {}) };
  }
}

/** Parses (with `opts.parser`), extracts in this thread, and stores articles (seeding, tests). */
export async function ingestArticles(
  driver: Driver,
  inputs: ArticleInput[],
  opts: IngestOptions & { parser: ArticleParser },
): Promise<IngestSummary> {
  const tasks = await taskEach(inputs, opts.parser);
  return summarize(
    await ingestItems(
      driver,
      tasks.map((t) => ('task' in t ? extractItem(t.task) : { error: t.error })),
      opts,
    ),
  );
}
