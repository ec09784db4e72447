/**
 * `npm run eval:plv`: sentence-level event typing on the PLV dev set (../shared/data/plv-train.tsv or
 * $PLV_TSV). For each row, the relation typed between the marked source and target is mapped to its
 * PLOVER root (CONCEDE and RETREAT count as YIELD) and compared with gold_root. Direction is preferred
 * but not required (see src/ingest/typing.ts). Prints accuracy, macro-F1, per-class P/R/F1, confusions;
 * `--errors` first prints every wrong row (gold, predicted, rule, direction, marked sentence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { relationInfo } from '../src/ontology.ts';
import { typeEventBetween } from '../src/ingest/typing.ts';

const path = process.env.PLV_TSV ?? resolve(process.cwd(), '../shared/data/plv-train.tsv');
if (!existsSync(path)) {
  console.error(`eval:plv: ${path} not found; set PLV_TSV to the PLV training TSV`);
  process.exit(2);
}

/** Tab-separated values with RFC 4180 quoting. */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '\t') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Removes <s>…</s> and <t>…</t> and returns the sentence with both spans. */
function unmark(marked: string): { sentence: string; s: { start: number; end: number }; t: { start: number; end: number } } | null {
  let out = '';
  const open: Record<string, number> = {};
  const spans: Record<string, { start: number; end: number }> = {};
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
  return spans.s && spans.t ? { sentence: out, s: spans.s, t: spans.t } : null;
}

const rows = parseTsv(readFileSync(path, 'utf8'));
const header = rows[0] ?? [];
const col = (name: string): number => header.indexOf(name);
const cMarked = col('marked_sentence');
const cGold = col('gold_root');
const toRoot = (plover: string): string => (plover === 'CONCEDE' || plover === 'RETREAT' ? 'YIELD' : plover);
const confusion = new Map<string, Map<string, number>>();
let n = 0;
let correct = 0;
let skipped = 0;
const showErrors = process.argv.includes('--errors');
const t0 = performance.now();
for (const r of rows.slice(1)) {
  const gold = r[cGold];
  const parsed = unmark(r[cMarked] ?? '');
  if (!gold || !parsed) { skipped += 1; continue; }
  const typed = typeEventBetween(parsed.sentence, parsed.s, parsed.t);
  const pred = typed ? toRoot(relationInfo(typed.relation).plover) : 'NONE';
  n += 1;
  if (pred === gold) correct += 1;
  else if (showErrors) console.log(`${gold}\t${pred}\t${typed?.rule ?? '-'}\t${typed?.direction ?? '-'}\t${r[cMarked] ?? ''}`);
  const m = confusion.get(gold) ?? new Map<string, number>();
  m.set(pred, (m.get(pred) ?? 0) + 1);
  confusion.set(gold, m);
}
const classes = [...confusion.keys()].sort();
const f = (x: number): string => x.toFixed(3);
let macro = 0;
console.log(`PLV dev set: ${path}`);
console.log(`rows scored: ${n} (skipped ${skipped}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('class       gold  pred  P      R      F1');
for (const c of classes) {
  const tp = confusion.get(c)?.get(c) ?? 0;
  const goldN = [...(confusion.get(c)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const predN = [...confusion.values()].reduce((a, m) => a + (m.get(c) ?? 0), 0);
  const p = predN ? tp / predN : 0;
  const rc = goldN ? tp / goldN : 0;
  const f1 = p + rc ? (2 * p * rc) / (p + rc) : 0;
  macro += f1;
  console.log(`${c.padEnd(11)} ${String(goldN).padStart(4)}  ${String(predN).padStart(4)}  ${f(p)}  ${f(rc)}  ${f(f1)}`);
}
console.log(`accuracy: ${f(correct / n)}   macro-F1: ${f(macro / classes.length)}   (no event found: ${[...confusion.values()].reduce((a, m) => a + (m.get('NONE') ?? 0), 0)})`);
console.log('confusions (gold -> predicted: count), largest first:');
const pairs = [...confusion.entries()].flatMap(([g, m]) => [...m.entries()].filter(([p]) => p !== g).map(([p, k]) => ({ g, p, k })));
for (const { g, p, k } of pairs.sort((a, b) => b.k - a.k).slice(0, 25)) console.log(`  ${g} -> ${p}: ${k}`);
