/**
 * `npm run eval:agreement [-- --verbose]`: agreement between the two independent annotations of the held-out
 * split (test/gold/heldout/annotators/a and …/b, written before adjudication), annotator B's required items
 * scored against annotator A's with the eval's measures (lenient: a triple one requires and the other marks
 * optional counts neither way; strict: optional counts as not listed), and each annotator against the adjudicated gold
 * (test/gold/heldout/*.json). `--verbose` lists the disagreements per article.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { agreement, strictAgreement } from '../src/eval/agreement.ts';
import { goldFilesIn, loadGoldFile } from '../src/eval/gold.ts';
import type { GoldArticle } from '../src/eval/gold.ts';
import { totalScore } from '../src/eval/score.ts';
import type { ArticleScore, Prf } from '../src/eval/score.ts';
import { splitDir } from '../src/eval/split.ts';

const dir = splitDir('heldout');
const verbose = process.argv.includes('--verbose');
const load = (sub: string): Map<string, GoldArticle> => {
  const d = join(dir, sub);
  return new Map(existsSync(d) ? goldFilesIn(d).map((p) => [basename(p, '.json'), loadGoldFile(p).gold] as const) : []);
};
const a = load('annotators/a');
const b = load('annotators/b');
const adjudicated = load('.');
const f = (x: number): string => x.toFixed(2);
const cell = (s: Prf): string => `${f(s.precision)} ${f(s.recall)} ${f(s.f1)}`;

function report(label: string, pairs: [string, GoldArticle, GoldArticle][], strict = false): void {
  if (pairs.length === 0) {
    console.log(`${label}: no articles annotated by both`);
    return;
  }
  const rows: ArticleScore[] = pairs.map(([, ref, other]) =>
    strict ? strictAgreement(ref, other) : agreement(ref, other),
  );
  const t = totalScore(rows);
  console.log(`\n${label}: ${pairs.length} articles (P R F1, the second annotation scored against the first)`);
  if (verbose) {
    const w = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows)
      console.log(`  ${r.id.padEnd(w)}  triples ${cell(r.triples)}  dyads ${cell(r.dyads)}  actors ${cell(r.actors)}`);
  }
  console.log(
    `  actor-level triples ${cell(t.triples)}  (both ${t.triples.tp}, first only ${t.triples.fn}, second only ${t.triples.fp})`,
  );
  console.log(
    `  dyad-level          ${cell(t.dyads)}  (both ${t.dyads.tp}, first only ${t.dyads.fn}, second only ${t.dyads.fp})`,
  );
  console.log(
    `  actors              ${cell(t.actors)}  (both ${t.actors.tp}, first only ${t.actors.fn}, second only ${t.actors.fp})`,
  );
  console.log(
    `  per-article mean dyad F1 ${f(t.meanArticleDyadF1)}; dates equal on ${t.dateAccuracy.correct}/${t.dateAccuracy.total} shared triples`,
  );
  if (verbose) {
    for (const r of rows) {
      const diff = [
        ...r.triples.falseNegatives.map((x) => `    first only:  ${x}`),
        ...r.triples.falsePositives.map((x) => `    second only: ${x}`),
      ];
      if (diff.length > 0) console.log(`  ${r.id}\n${diff.join('\n')}`);
    }
  }
}

const both = [...a.keys()].filter((id) => b.has(id)).sort();
const pairsAB: [string, GoldArticle, GoldArticle][] = both.map((id) => [id, a.get(id)!, b.get(id)!]);
report(
  'annotator B against annotator A (before adjudication; an item required by one and optional for the other counts neither way)',
  pairsAB,
);
report(
  'annotator B against annotator A, strict (before adjudication; optional items count as not listed)',
  pairsAB,
  true,
);
report(
  'annotator A against the adjudicated gold',
  [...a.keys()]
    .filter((id) => adjudicated.has(id))
    .sort()
    .map((id) => [id, adjudicated.get(id)!, a.get(id)!]),
);
report(
  'annotator B against the adjudicated gold',
  [...b.keys()]
    .filter((id) => adjudicated.has(id))
    .sort()
    .map((id) => [id, adjudicated.get(id)!, b.get(id)!]),
);
