/**
 * `npm run eval:plv [-- --strict] [-- --errors]`: event typing on the PLV dev set
 * (../shared/data/plv-train.tsv or $PLV_TSV); see src/eval/plv.ts.
 * - default, actors given: the relation typed between the marked source and target (src/ingest/typing.ts);
 * - `--strict`, end to end: every distinct sentence extracted as a one-sentence article; right when an event
 *   runs from the marked source to the marked target with the gold root. Prints accuracy, macro-F1 over the
 *   gold classes, pairs found, typed-right-when-found, beside the actors-given figures.
 * Both print per-class P/R/F1 and the largest confusions; `--errors` first lists every wrong row.
 */
import { relationInfo } from '../src/ontology.ts';
import { typeEventBetween } from '../src/ingest/typing.ts';
import { extractSentences, plvAvailable, plvPath, predictStrict, readPlv, scorePlv } from '../src/eval/plv.ts';
import type { PlvRow, PlvScore } from '../src/eval/plv.ts';

const path = plvPath();
if (!plvAvailable(path)) {
  console.error(`eval:plv: ${path} not found; set PLV_TSV to the PLV training TSV`);
  process.exit(2);
}
const strict = process.argv.includes('--strict');
const showErrors = process.argv.includes('--errors');
const f = (x: number): string => x.toFixed(3);
const toRoot = (plover: string): string => (plover === 'CONCEDE' || plover === 'RETREAT' ? 'YIELD' : plover);

function actorsGiven(rows: readonly PlvRow[], print: boolean): PlvScore {
  const pairs = rows.map((r) => {
    const typed = typeEventBetween(r.sentence, r.source, r.target);
    const predicted = typed ? toRoot(relationInfo(typed.relation).plover) : 'NONE';
    if (print && predicted !== r.gold)
      console.log(`${r.gold}\t${predicted}\t${typed?.rule ?? '-'}\t${typed?.direction ?? '-'}\t${r.marked}`);
    return { gold: r.gold, predicted };
  });
  return scorePlv(pairs);
}

function printScore(label: string, s: PlvScore): void {
  console.log(`\n${label}`);
  console.log('class       gold  pred  P      R      F1');
  for (const c of s.classes)
    console.log(
      `${c.cls.padEnd(11)} ${String(c.gold).padStart(4)}  ${String(c.predicted).padStart(4)}  ${f(c.precision)}  ${f(c.recall)}  ${f(c.f1)}`,
    );
  console.log(`accuracy: ${f(s.accuracy)}   macro-F1: ${f(s.macroF1)}   (no event found: ${s.none})`);
  console.log('confusions (gold -> predicted: count), largest first:');
  for (const c of s.confusions.slice(0, 25)) console.log(`  ${c.gold} -> ${c.predicted}: ${c.count}`);
}

const t0 = performance.now();
const { rows, skipped } = readPlv(path);
console.log(`PLV dev set: ${path}`);
console.log(`rows scored: ${rows.length} (skipped ${skipped})`);

if (!strict) {
  printScore('actors given (typing between the marked spans)', actorsGiven(rows, showErrors));
} else {
  const { extractorWith, loadEvalParses } = await import('../src/eval/parses.ts');
  const roles = (process.argv.find((a) => a.startsWith('--roles='))?.slice(8) ?? 'graph') as
    'graph' | 'window' | 'graph-only';
  const results = extractSentences(rows, extractorWith(loadEvalParses(), { roles }));
  const predictions = rows.map((r) => ({ row: r, ...predictStrict(r, results.get(r.sentence) ?? null) }));
  if (showErrors) {
    for (const p of predictions)
      if (p.predicted !== p.row.gold) console.log(`${p.row.gold}\t${p.predicted}\t${p.rule ?? '-'}\t${p.row.marked}`);
  }
  const strictScore = scorePlv(predictions.map((p) => ({ gold: p.row.gold, predicted: p.predicted })));
  const found = predictions.filter((p) => p.pairFound);
  const typedRight = found.filter((p) => p.predicted === p.row.gold).length;
  const given = actorsGiven(rows, false);
  printScore(`strict, end to end (${results.size} distinct sentences extracted as one-sentence articles)`, strictScore);
  console.log('\nsummary                      strict   actors given');
  console.log(`accuracy                     ${f(strictScore.accuracy)}    ${f(given.accuracy)}`);
  console.log(`macro-F1                     ${f(strictScore.macroF1)}    ${f(given.macroF1)}`);
  console.log(`pairs found                  ${found.length}/${rows.length} (${f(found.length / rows.length)})`);
  console.log(
    `typed right when found       ${typedRight}/${found.length} (${f(found.length ? typedRight / found.length : 0)})`,
  );
}
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
