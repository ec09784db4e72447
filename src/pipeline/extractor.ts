/**
 * The server's extraction, off its event loop: an article is prepared and its candidate sentences picked in an
 * extraction thread, parsed by the engine (whose client and parse store live in the server's thread), and
 * extracted in a thread again, each step within the article's time budget. A 400 KB article without a
 * sentence break otherwise held the event loop for seconds, and /health with it.
 */
import { availableParallelism } from 'node:os';
import type { ArticleInput, ExtractionResult } from '../extraction.ts';
import type { ArticleParser } from '../ingest/article-parser.ts';
import { ExtractPool } from './pool.ts';

let shared: ExtractPool | null = null;

/**
 * The process's pool for single articles (two threads at most: a mutation that takes long does not hold up the
 * next one), started at the first article; its threads do not keep the process alive.
 */
export function articlePool(): ExtractPool {
  shared ??= new ExtractPool(Math.min(2, Math.max(1, availableParallelism())), { unref: true });
  return shared;
}

/** Ends the shared pool's threads (a server that stops); the next article starts a new one. */
export async function closeArticlePool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}

/**
 * One article's extraction with the engine's parses, nothing of it on this thread's event loop but the
 * engine's requests. Throws the InputError of a bad input, the NlpError of the engine, or EXTRACTION_TIMEOUT.
 */
export async function extractArticle(
  input: ArticleInput,
  parser: ArticleParser,
  pool: ExtractPool = articlePool(),
): Promise<ExtractionResult> {
  const task = await parser.task(input, (x) => pool.candidates(x));
  return pool.extractOne(task);
}
