/**
 * Parses for evaluation: the recorded parses of the gold splits and the PLV sentences
 * (test/gold/parses/*.json.gz, made by `npm run parses:record` with CoreNLP, read by unit tests without a
 * server), plus a local cache (.diplograph/parse-cache/) for texts parsed on the way (synthetic stories).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { candidateSentences, extract, prepareArticle, type ExtractOptions } from '../ingest/extract.ts';
import { parseMissing, ParseStore, type Annotator } from '../ingest/parses.ts';
import type { ArticleInput, ExtractionResult } from '../ingest/types.ts';
import { GOLD_ROOT } from './split.ts';

export const RECORDED_PARSES = join(GOLD_ROOT, 'parses');
export const PARSE_CACHE = resolve(GOLD_ROOT, '../../.diplograph/parse-cache/parses.json.gz');

/** Every recorded parse, and the local cache unless `cache` is false. */
export function loadEvalParses(cache = true): ParseStore {
  const store = new ParseStore();
  if (existsSync(RECORDED_PARSES)) {
    for (const f of readdirSync(RECORDED_PARSES).sort())
      if (f.endsWith('.json.gz')) store.load(join(RECORDED_PARSES, f));
  }
  if (cache) store.load(PARSE_CACHE);
  return store;
}

/** The sentences of an input that extraction would send for a parse (`all`: every sentence, as recordings keep). */
export function sentencesToParse(input: ArticleInput, all = false): string[] {
  try {
    const p = prepareArticle(input);
    return (all ? p.sentences : candidateSentences(p)).map((s) => s.text);
  } catch {
    return [];
  }
}

/** How many candidate sentences of `inputs` the store lacks. */
export function missingParses(inputs: readonly ArticleInput[], store: ParseStore): string[] {
  return inputs.flatMap((i) => sentencesToParse(i)).filter((s) => !store.has(s));
}

/** Parses what the store lacks of `inputs` with the engine; returns how many sentences were parsed. */
export async function fillParses(
  inputs: readonly ArticleInput[],
  engine: Annotator,
  store: ParseStore,
  all = false,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const wanted = [...new Set(inputs.flatMap((i) => sentencesToParse(i, all)))].filter((s) => !store.has(s));
  let done = 0;
  for (let i = 0; i < wanted.length; i += 200) {
    done += await parseMissing(wanted.slice(i, i + 200), engine, store);
    onProgress?.(done, wanted.length);
  }
  return done;
}

/** The extractor evaluation runs: extract() reading the store's parses. */
export function extractorWith(
  store: ParseStore,
  options: Omit<ExtractOptions, 'parses'> = {},
): (input: ArticleInput) => ExtractionResult {
  return (input) => extract(input, { ...options, parses: store.lookup });
}
