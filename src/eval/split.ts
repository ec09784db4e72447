/**
 * The gold splits of test/gold/ (dev: free to tune on; heldout: annotated before any rule saw it, never tuned
 * on) and the scoring of an extractor over one of them. Used by `npm run eval` and the regression gate.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, ExtractionResult } from '../ingest/types.ts';
import { goldFilesIn, inputFormat, loadGoldFile } from './gold.ts';
import type { GoldArticle } from './gold.ts';
import { scoreArticle, totalScore } from './score.ts';
import type { ArticleScore, TotalScore } from './score.ts';

export const SPLITS = ['dev', 'heldout'] as const;
export type Split = (typeof SPLITS)[number];

export const GOLD_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/gold');

export function splitDir(split: Split): string {
  return join(GOLD_ROOT, split);
}

export interface GoldItem {
  gold: GoldArticle;
  /** The article as the extractor gets it: a .txt input whole (it parses its header block), an .html input as html. */
  input: ArticleInput;
}

/** Reads and validates every gold file of a split (or the one whose id is `only`); throws GoldFileError on a broken one. */
export function loadSplit(split: Split, only?: string): GoldItem[] {
  const out: GoldItem[] = [];
  for (const path of goldFilesIn(splitDir(split))) {
    if (only !== undefined && !path.endsWith(`/${only}.json`)) continue;
    const { gold, content } = loadGoldFile(path);
    const meta: ArticleInput = { id: gold.id };
    if (gold.url) meta.url = gold.url;
    if (gold.outlet) meta.outlet = gold.outlet;
    if (gold.publishedAt) meta.publishedAt = gold.publishedAt;
    if (gold.title) meta.title = gold.title;
    out.push({ gold, input: inputFormat(gold) === 'html' ? { ...meta, html: content } : { ...meta, text: content } });
  }
  return out;
}

export interface SplitScore {
  split: Split;
  rows: ArticleScore[];
  total: TotalScore;
  /** Article id -> first line of the error, for articles whose extraction threw (scored as empty). */
  errors: Map<string, string>;
}

/** Runs `extract` over every item and scores it; an article whose extraction throws scores as an empty extraction. */
export function scoreSplit(
  split: Split,
  items: readonly GoldItem[],
  extract: (input: ArticleInput) => ExtractionResult,
): SplitScore {
  const errors = new Map<string, string>();
  const rows: ArticleScore[] = [];
  for (const { gold, input } of items) {
    let result: ExtractionResult;
    try {
      result = extract(input);
    } catch (err) {
      errors.set(gold.id, (err as Error).message.split('\n')[0] ?? 'error');
      result = {
        id: gold.id,
        article: { title: null, outlet: null, url: null, publishedAt: null, dateline: null, text: '' },
        actors: [],
        events: [],
        warnings: [],
      };
    }
    rows.push(scoreArticle(gold, result));
  }
  return { split, rows, total: totalScore(rows), errors };
}
