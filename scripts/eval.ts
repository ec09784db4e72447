/**
 * `npm run eval [-- --split dev|heldout] [--verbose] [--json] [--only ID]`: runs extract() over the gold
 * articles of test/gold/dev (the split rules may be tuned on) and test/gold/heldout (annotated before any
 * rule saw it; never tuned on) and prints, per split and separately: actor-level, dyad-level and actor
 * scores per article and in total, the per-article mean dyad F1, actors by kind, date accuracy, the split's
 * targets, and for the held-out split the per-relation P/R/F1. Exit 0 whenever it ran (targets are
 * reported, not enforced: the regression gate is test/unit/eval-gate.test.ts); 1 on a broken gold file;
 * 2 on bad arguments or a missing extractor.
 */
import { parseArgs } from 'node:util';
import { GoldFileError } from '../src/eval/gold.ts';
import { checkTargets, DEV_TARGETS, HELDOUT_TARGETS } from '../src/eval/score.ts';
import type { ArticleScore, Prf, TargetCheck, TotalScore } from '../src/eval/score.ts';
import { loadSplit, scoreSplit, SPLITS, splitDir } from '../src/eval/split.ts';
import type { GoldItem, Split, SplitScore } from '../src/eval/split.ts';
import { RELATION_NAMES } from '../src/ontology.ts';
import type { ArticleInput, ExtractionResult } from '../src/ingest/types.ts';
import type { RoleReading } from '../src/ingest/extract.ts';

const ROLE_READINGS: readonly string[] = ['graph', 'window', 'graph-only'];

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
    lines.push(
      `${r.id.padEnd(idWidth)}  ${cell(r.triples).padEnd(18)}  ${cell(r.dyads).padEnd(14)}  ${cell(r.actors).padEnd(14)}  ${gold}/${pred}${err}`,
    );
  }
  lines.push('-'.repeat(head.length));
  lines.push(
    `${'TOTAL'.padEnd(idWidth)}  ${cell(total.triples).padEnd(18)}  ${cell(total.dyads).padEnd(14)}  ${cell(total.actors).padEnd(14)}  ${total.triples.tp + total.triples.fn}/${total.triples.tp + total.triples.fp}`,
  );
  return lines.join('\n');
}

function formatTotals(split: Split, total: TotalScore): string {
  const lines: string[] = [];
  const line = (label: string, s: Prf): string =>
    `${split} ${label.padEnd(12)} P=${pct(s.precision)} R=${pct(s.recall)} F1=${pct(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  lines.push(line('actor-level', total.triples));
  lines.push(line('dyad-level', total.dyads));
  lines.push(`${split} per-article mean dyad F1 ${pct(total.meanArticleDyadF1)} over ${total.articles} articles`);
  lines.push(line('actors', total.actors));
  const kinds = Object.entries(total.actors.byKind).map(([k, s]) => `${k} ${pct(s.f1)} (${s.tp}/${s.fp}/${s.fn})`);
  if (kinds.length > 0) lines.push(`  actors by kind, F1 (tp/fp/fn): ${kinds.join(', ')}`);
  const d = total.dateAccuracy;
  lines.push(
    `  dates right on ${d.correct}/${d.total} true-positive triples${d.total > 0 ? ` (${pct(d.correct / d.total)})` : ''}`,
  );
  return lines.join('\n');
}

function formatRelations(total: TotalScore): string {
  const lines = ['per relation (actor-level triples)', 'relation       gold  pred  P     R     F1'];
  for (const r of RELATION_NAMES) {
    const s = total.triples.byRelation[r];
    if (!s) continue;
    lines.push(
      `${r.padEnd(13)}  ${String(s.tp + s.fn).padStart(4)}  ${String(s.tp + s.fp).padStart(4)}  ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`,
    );
  }
  return lines.join('\n');
}

function formatTargets(checks: readonly TargetCheck[]): string {
  const lines = checks.map(
    (c) => `  ${c.met ? 'MET    ' : 'NOT MET'}  ${c.name} ${pct(c.value)} (target ≥ ${pct(c.threshold)})`,
  );
  return [`Targets: ${checks.every((c) => c.met) ? 'all met' : 'not all met'}`, ...lines].join('\n');
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

function stripLists(r: ArticleScore): unknown {
  const strip = ({
    falsePositives: _fp,
    falseNegatives: _fn,
    ...rest
  }: {
    falsePositives: string[];
    falseNegatives: string[];
  }): unknown => rest;
  return { ...r, triples: strip(r.triples), dyads: strip(r.dyads), actors: strip(r.actors) };
}

const targetsOf = (split: Split) => (split === 'dev' ? DEV_TARGETS : HELDOUT_TARGETS);

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        verbose: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
        only: { type: 'string' },
        split: { type: 'string' },
        roles: { type: 'string' },
      },
    }).values;
    if (args.roles !== undefined && !ROLE_READINGS.includes(args.roles))
      throw new Error(`--roles must be one of ${ROLE_READINGS.join(', ')}`);
    if (args.split !== undefined && !(SPLITS as readonly string[]).includes(args.split))
      throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
  } catch (err) {
    console.error(
      `eval: ${(err as Error).message}\nusage: npm run eval -- [--split dev|heldout] [--verbose] [--json] [--only ID] [--roles graph|window|graph-only]`,
    );
    return 2;
  }
  const splits: Split[] = args.split ? [args.split as Split] : [...SPLITS];

  const loaded: [Split, GoldItem[]][] = [];
  try {
    for (const s of splits) loaded.push([s, loadSplit(s, args.only)]);
  } catch (err) {
    if (err instanceof GoldFileError) {
      console.error(`eval: broken gold file\n${err.message}`);
      return 1;
    }
    throw err;
  }
  if (loaded.every(([, items]) => items.length === 0)) {
    console.error(
      args.only
        ? `eval: no gold file with id ${args.only}`
        : `eval: no gold files in ${splits.map(splitDir).join(', ')}`,
    );
    return 1;
  }

  let extract: (input: ArticleInput) => ExtractionResult;
  try {
    const { extractorWith, loadEvalParses, missingParses } = await import('../src/eval/parses.ts');
    const store = loadEvalParses();
    const missing = missingParses(
      loaded.flatMap(([, items]) => items.map((i) => i.input)),
      store,
    );
    if (missing.length > 0)
      console.error(
        `eval: ${missing.length} candidate sentences have no recorded parse (read by the window rules): npm run parses:record`,
      );
    extract = extractorWith(store, { roles: (args.roles ?? 'graph') as RoleReading });
  } catch (err) {
    console.error(`eval: cannot load the extractor (src/ingest/extract.ts): ${(err as Error).message}`);
    return 2;
  }

  const scores: SplitScore[] = loaded
    .filter(([, items]) => items.length > 0)
    .map(([s, items]) => scoreSplit(s, items, extract));
  if (args.json) {
    const out = scores.map((sc) => ({
      split: sc.split,
      articles: sc.rows.map((r) => (args.verbose ? r : stripLists(r))),
      total: sc.total,
      targets: checkTargets(sc.total, targetsOf(sc.split)),
      errors: Object.fromEntries(sc.errors),
    }));
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  for (const sc of scores) {
    const title =
      sc.split === 'dev'
        ? 'DEV split (test/gold/dev: rules may be tuned on it)'
        : 'HELD-OUT split (test/gold/heldout: never tuned on; its numbers are the ones that count)';
    console.log(`\n=== ${title}: ${sc.rows.length} articles\n`);
    console.log(formatTable(sc.rows, sc.total, sc.errors));
    console.log('');
    console.log(formatTotals(sc.split, sc.total));
    if (sc.split === 'heldout') console.log(`\n${formatRelations(sc.total)}`);
    console.log('');
    console.log(formatTargets(checkTargets(sc.total, targetsOf(sc.split))));
    if (args.verbose) {
      const details = formatErrors(sc.rows);
      if (details) console.log(`\nFalse positives / false negatives\n\n${details}`);
    }
  }
  return 0;
}

process.exitCode = await main();
