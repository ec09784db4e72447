/**
 * The PLV sentence set (../shared/data/plv-train.tsv: one marked source `<s>…</s>` and target `<t>…</t>`
 * per row, and the PLOVER root of the event between them) and its two scorings:
 * - actors given: the relation typed between the two marked spans (src/ingest/typing.ts);
 * - strict, end to end: each distinct sentence is extracted as a one-sentence article; a row is right when
 *   an event's source mention overlaps the marked source span, its target mention overlaps the marked
 *   target span, and its PLOVER root is the gold root; a row with no such pair predicts NONE.
 * CONCEDE and RETREAT count as YIELD (the older name the set uses). Pure but for reading the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { relationInfo } from '../ontology.ts';
import type { RelationName } from '../ontology.ts';
import type { ExtractionResult, ArticleInput, Span } from '../ingest/types.ts';

export interface CharSpan {
  start: number;
  end: number;
}

export interface PlvRow {
  /** The sentence without its marks. */
  sentence: string;
  marked: string;
  source: CharSpan;
  target: CharSpan;
  gold: string;
}

/** Where the set is: $PLV_TSV, else ../shared/data/plv-train.tsv beside the repository. */
export function plvPath(cwd = process.cwd()): string {
  return process.env.PLV_TSV ?? resolve(cwd, '../shared/data/plv-train.tsv');
}

export function plvAvailable(path = plvPath()): boolean {
  return existsSync(path);
}

/** Tab-separated values with RFC 4180 quoting. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '\t') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Removes <s>…</s> and <t>…</t> and returns the sentence with both spans, or null when a mark is missing. */
export function unmark(marked: string): { sentence: string; source: CharSpan; target: CharSpan } | null {
  let out = '';
  const open: Record<string, number> = {};
  const spans: Record<string, CharSpan> = {};
  const re = /<\/?([st])>/g;
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    out += marked.slice(last, m.index);
    last = m.index + m[0].length;
    const tag = m[1]!;
    if (m[0][1] === '/') spans[tag] = { start: open[tag] ?? 0, end: out.length };
    else open[tag] = out.length;
  }
  out += marked.slice(last);
  return spans.s && spans.t ? { sentence: out, source: spans.s, target: spans.t } : null;
}

/** The rows of the set with a gold root and both marks; `skipped` counts the others. */
export function readPlv(path = plvPath()): { rows: PlvRow[]; skipped: number } {
  const table = parseTsv(readFileSync(path, 'utf8'));
  const header = table[0] ?? [];
  const cMarked = header.indexOf('marked_sentence');
  const cGold = header.indexOf('gold_root');
  if (cMarked < 0 || cGold < 0) throw new Error(`${path}: no marked_sentence or gold_root column`);
  const rows: PlvRow[] = [];
  let skipped = 0;
  for (const r of table.slice(1)) {
    const gold = r[cGold];
    const marked = r[cMarked] ?? '';
    const parsed = unmark(marked);
    if (!gold || !parsed) {
      skipped += 1;
      continue;
    }
    rows.push({ ...parsed, marked, gold });
  }
  return { rows, skipped };
}

/** A relation's PLOVER root as the set names it (CONCEDE and RETREAT are YIELD there). */
export function plvRoot(relation: RelationName): string {
  const plover = relationInfo(relation).plover;
  return plover === 'CONCEDE' || plover === 'RETREAT' ? 'YIELD' : plover;
}

export interface StrictPrediction {
  /** The predicted root, or NONE when no event links the two spans. */
  predicted: string;
  /** Whether some scored event runs from the marked source to the marked target, whatever its type. */
  pairFound: boolean;
  rule: string | null;
}

const overlaps = (a: CharSpan, b: CharSpan): boolean => a.start < b.end && b.start < a.end;

/**
 * The offset of the extractor's clean text inside the sentence (cleaning may drop a dateline or trim), or
 * null when neither contains the other.
 */
function cleanOffset(sentence: string, clean: string): number | null {
  const inside = sentence.indexOf(clean);
  if (inside >= 0) return inside;
  const inClean = clean.indexOf(sentence);
  return inClean >= 0 ? -inClean : null;
}

/** A mention's span in sentence coordinates: by offset when the texts align, else by its first occurrence. */
function inSentence(span: Span, sentence: string, offset: number | null): CharSpan | null {
  if (offset !== null) return { start: span.start + offset, end: span.end + offset };
  const at = sentence.indexOf(span.text);
  return at >= 0 ? { start: at, end: at + span.text.length } : null;
}

/** Strict end-to-end prediction for one row from the extraction of its sentence (null: extraction failed). */
export function predictStrict(row: PlvRow, result: ExtractionResult | null): StrictPrediction {
  if (!result) return { predicted: 'NONE', pairFound: false, rule: null };
  const offset = cleanOffset(row.sentence, result.article.text);
  let found: { root: string; rule: string } | null = null;
  for (const e of result.events) {
    if (e.negated || e.hypothetical) continue;
    const s = inSentence(e.sourceMention, row.sentence, offset);
    const t = inSentence(e.targetMention, row.sentence, offset);
    if (!s || !t || !overlaps(s, row.source) || !overlaps(t, row.target)) continue;
    const root = plvRoot(e.relation);
    if (root === row.gold) return { predicted: root, pairFound: true, rule: e.rule };
    found ??= { root, rule: e.rule };
  }
  return found
    ? { predicted: found.root, pairFound: true, rule: found.rule }
    : { predicted: 'NONE', pairFound: false, rule: null };
}

/** Extracts each distinct sentence once as a one-sentence article; a sentence whose extraction throws maps to null. */
export function extractSentences(
  rows: readonly PlvRow[],
  extract: (input: ArticleInput) => ExtractionResult,
): Map<string, ExtractionResult | null> {
  const out = new Map<string, ExtractionResult | null>();
  for (const { sentence } of rows) {
    if (out.has(sentence)) continue;
    try {
      out.set(sentence, extract({ id: `plv-${out.size}`, text: sentence }));
    } catch {
      out.set(sentence, null);
    }
  }
  return out;
}

export interface ClassScore {
  cls: string;
  gold: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface PlvScore {
  rows: number;
  accuracy: number;
  /** Macro-F1 over the gold classes (NONE is never a gold class, so predicting it only costs recall). */
  macroF1: number;
  classes: ClassScore[];
  /** How many rows predicted NONE. */
  none: number;
  confusions: { gold: string; predicted: string; count: number }[];
}

/** Accuracy, per-class P/R/F1 and macro-F1 over the gold classes, from (gold, predicted) pairs. */
export function scorePlv(pairs: readonly { gold: string; predicted: string }[]): PlvScore {
  const confusion = new Map<string, Map<string, number>>();
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    if (gold === predicted) correct += 1;
    const m = confusion.get(gold) ?? new Map<string, number>();
    m.set(predicted, (m.get(predicted) ?? 0) + 1);
    confusion.set(gold, m);
  }
  const classes: ClassScore[] = [...confusion.keys()].sort().map((cls) => {
    const tp = confusion.get(cls)?.get(cls) ?? 0;
    const gold = [...(confusion.get(cls)?.values() ?? [])].reduce((a, b) => a + b, 0);
    const predicted = [...confusion.values()].reduce((a, m) => a + (m.get(cls) ?? 0), 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = gold ? tp / gold : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { cls, gold, predicted, precision, recall, f1 };
  });
  const confusions = [...confusion.entries()]
    .flatMap(([gold, m]) =>
      [...m.entries()].filter(([p]) => p !== gold).map(([predicted, count]) => ({ gold, predicted, count })),
    )
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted));
  return {
    rows: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: classes.length ? classes.reduce((a, c) => a + c.f1, 0) / classes.length : 0,
    classes,
    none: pairs.filter((p) => p.predicted === 'NONE').length,
    confusions,
  };
}
