/**
 * One article's extraction as ingest runs it: the input and the dependency parses of its candidate sentences,
 * both plain data (they cross to a worker thread by structured clone). The extraction threads
 * (src/pipeline/extract-worker.ts) run this module, so it imports nothing but the extractor.
 */
import { candidateSentences, extract, prepareArticle } from './extract.ts';
import type { ParseLookup, SentenceParse } from './parses.ts';
import type { ArticleInput, ExtractionResult } from './types.ts';

/** Sentence text -> parse, for the candidate sentences of one article. */
export type ArticleParses = Record<string, SentenceParse>;

export interface ExtractTask {
  input: ArticleInput;
  parses: ArticleParses;
}

/** Reads an ArticleParses; own keys only, so a sentence such as "constructor" finds no inherited member. */
export function lookupIn(parses: ArticleParses): ParseLookup {
  return (text) => (Object.hasOwn(parses, text) ? parses[text] : undefined);
}

/** The distinct texts of an article's candidate sentences (the ones the engine is asked to parse). */
export function candidateTexts(input: ArticleInput): string[] {
  return [...new Set(candidateSentences(prepareArticle(input)).map((s) => s.text))];
}

export function extractTask(task: ExtractTask): ExtractionResult {
  return extract(task.input, { parses: lookupIn(task.parses) });
}
