/**
 * `npm run eval [-- --verbose] [-- --json] [-- --only ID]`: runs extract() over every gold article of
 * test/gold/ and prints actor-level, dyad-level and actor scores per article and in total, and whether the
 * project's targets are met. Exit 0 whenever it ran (targets are reported, not enforced); 1 on a broken
 * gold file; 2 on bad arguments or a missing extractor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evidenceHaystack, GoldFileError, inputFormat, validateGold } from '../src/eval/gold.ts';
import type { GoldArticle } from '../src/eval/gold.ts';
import { checkTargets, scoreArticle, totalScore } from '../src/eval/score.ts';
import type { ArticleScore, Prf, TargetCheck, TotalScore } from '../src/eval/score.ts';
import type { ArticleInput, ExtractionResult } from '../src/ingest/types.ts';

const GOLD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../test/gold');

interface LoadedGold {
  gold: GoldArticle;
  input: ArticleInput;
}

/** Reads and validates every gold file (or the one with `only` as id); throws GoldFileError on the first broken one. */
function loadGold(only: string | undefined): LoadedGold[] {
  const files = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).sort();
  const out: LoadedGold[] = [];
  for (const f of files) {
    const path = join(GOLD_DIR, f);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new GoldFileError(path, [`not valid JSON: ${(err as Error).message}`]);
    }
    const id = (data as { id?: unknown }).id;
    if (only !== undefined && id !== only) continue;
    const inputRef = (data as { input?: unknown }).input;
    if (typeof inputRef !== 'string') throw new GoldFileError(path, ['input must be a string']);
    let content: string;
    try {
      content = readFileSync(join(GOLD_DIR, inputRef), 'utf8');
    } catch {
      throw new GoldFileError(path, [`input file ${inputRef} cannot be read`]);
    }
    const partial = data as Pick<GoldArticle, 'format' | 'input'>;
    const gold = validateGold(data, path, evidenceHaystack(partial, content));
    const meta = {
      id: gold.id,
      ...(gold.url ? { url: gold.url } : {}),
      ...(gold.outlet ? { outlet: gold.outlet } : {}),
      ...(gold.publishedAt ? { publishedAt: gold.publishedAt } : {}),
      ...(gold.title ? { title: gold.title } : {}),
    };
    // A .txt input goes in whole: the extractor parses its header block itself.
    out.push({ gold, input: inputFormat(gold) === 'html' ? { ...meta, html: content } : { ...meta, text: content } });
  }
  return out;
}

const pct = (x: number): string => x.toFixed(2);
const cell = (s: Prf): string => `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`;

function formatTable(rows: readonly ArticleScore[], total: TotalScore, errors: Map<string, string>): string {
  const idWidth = Math.max(5, ...rows.map((r) => r.id.length));
  const head = `${'id'.padEnd(idWidth)}  ${'actor-level P R F1'.padEnd(18)}  ${'dyad P R F1'.padEnd(14)}  ${'actors P R F1'.padEnd(14)}  gold/pred triples`;
  const lines = [head, '-'.repeat(head.length)];
  for (const r of rows) {
    const gold = r.triples.tp + r.triples.fn;
    const pred = r.triples.tp + r.triples.fp;
    const err = errors.has(r.id) ? `  ERROR: ${errors.get(r.id)}` : '';
    lines.push(`${r.id.padEnd(idWidth)}  ${cell(r.triples).padEnd(18)}  ${cell(r.dyads).padEnd(14)}  ${cell(r.actors).padEnd(14)}  ${gold}/${pred}${err}`);
  }
  lines.push('-'.repeat(head.length));
  lines.push(`${'TOTAL'.padEnd(idWidth)}  ${cell(total.triples).padEnd(18)}  ${cell(total.dyads).padEnd(14)}  ${cell(total.actors).padEnd(14)}  ${total.triples.tp + total.triples.fn}/${total.triples.tp + total.triples.fp}`);
  lines.push('');
  lines.push(`TOTAL actor-level  P=${pct(total.triples.precision)} R=${pct(total.triples.recall)} F1=${pct(total.triples.f1)}  (tp ${total.triples.tp}, fp ${total.triples.fp}, fn ${total.triples.fn})`);
  lines.push(`TOTAL dyad-level   P=${pct(total.dyads.precision)} R=${pct(total.dyads.recall)} F1=${pct(total.dyads.f1)}  (tp ${total.dyads.tp}, fp ${total.dyads.fp}, fn ${total.dyads.fn})`);
  lines.push(`TOTAL actors       P=${pct(total.actors.precision)} R=${pct(total.actors.recall)} F1=${pct(total.actors.f1)}  (tp ${total.actors.tp}, fp ${total.actors.fp}, fn ${total.actors.fn})`);
  const kinds = Object.entries(total.actors.byKind).map(([k, s]) => `${k} ${pct(s.f1)} (${s.tp}/${s.fp}/${s.fn})`);
  if (kinds.length > 0) lines.push(`  actors by kind, F1 (tp/fp/fn): ${kinds.join(', ')}`);
  if (total.dateAccuracy.total > 0) lines.push(`  dates right on ${total.dateAccuracy.correct}/${total.dateAccuracy.total} true-positive triples`);
  return lines.join('\n');
}

function formatTargets(checks: readonly TargetCheck[]): string {
  const lines = checks.map((c) => `  ${c.met ? 'MET    ' : 'NOT MET'}  ${c.name} ${pct(c.value)} (target ≥ ${pct(c.threshold)})`);
  const all = checks.every((c) => c.met);
  return [`Targets: ${all ? 'all met' : 'not all met'}`, ...lines].join('\n');
}

function formatErrors(rows: readonly ArticleScore[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const parts: string[] = [];
    const list = (label: string, items: readonly string[]): void => {
      if (items.length > 0) parts.push(`  ${label}:\n${items.map((x) => `    ${x}`).join('\n')}`);
    };
    list('triple FP', r.triples.falsePositives);
    list('triple FN', r.triples.falseNegatives);
    list('dyad FP', r.dyads.falsePositives);
    list('dyad FN', r.dyads.falseNegatives);
    list('actor FP', r.actors.falsePositives);
    list('actor FN', r.actors.falseNegatives);
    if (parts.length > 0) out.push(`${r.id}\n${parts.join('\n')}`);
  }
  return out.join('\n\n');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' }, only: { type: 'string' } } }).values;
  } catch (err) {
    console.error(`eval: ${(err as Error).message}\nusage: npm run eval -- [--verbose] [--json] [--only ID]`);
    return 2;
  }

  let loaded: LoadedGold[];
  try {
    loaded = loadGold(args.only);
  } catch (err) {
    if (err instanceof GoldFileError) {
      console.error(`eval: broken gold file\n${err.message}`);
      return 1;
    }
    throw err;
  }
  if (loaded.length === 0) {
    console.error(args.only ? `eval: no gold file with id ${args.only}` : `eval: no gold files in ${GOLD_DIR}`);
    return 1;
  }

  let extract: (input: ArticleInput) => ExtractionResult;
  try {
    ({ extract } = (await import('../src/ingest/extract.ts')) as { extract: typeof extract });
  } catch (err) {
    console.error(`eval: cannot load the extractor (src/ingest/extract.ts): ${(err as Error).message}`);
    return 2;
  }

  const errors = new Map<string, string>();
  const rows: ArticleScore[] = [];
  for (const { gold, input } of loaded) {
    let result: ExtractionResult;
    try {
      result = extract(input);
    } catch (err) {
      // One failing article must not hide the others: it scores as an empty extraction, flagged.
      errors.set(gold.id, (err as Error).message.split('\n')[0] ?? 'error');
      result = { id: gold.id, article: { title: null, outlet: null, url: null, publishedAt: null, dateline: null, text: '' }, actors: [], events: [], warnings: [] };
    }
    rows.push(scoreArticle(gold, result));
  }
  const total = totalScore(rows);
  const targets = checkTargets(total);

  if (args.json) {
    const articles = rows.map((r) => (args.verbose ? r : stripLists(r)));
    console.log(JSON.stringify({ articles, total, targets, errors: Object.fromEntries(errors) }, null, 2));
    return 0;
  }
  console.log(formatTable(rows, total, errors));
  console.log('');
  console.log(formatTargets(targets));
  if (args.verbose) {
    const details = formatErrors(rows);
    if (details) console.log(`\nFalse positives / false negatives\n\n${details}`);
  }
  return 0;
}

function stripLists(r: ArticleScore): unknown {
  const strip = ({ falsePositives: _fp, falseNegatives: _fn, ...rest }: { falsePositives: string[]; falseNegatives: string[] }): unknown => rest;
  return { ...r, triples: strip(r.triples), dyads: strip(r.dyads), actors: strip(r.actors) };
}

process.exitCode = await main();
