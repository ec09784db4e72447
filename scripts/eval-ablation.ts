/**
 * `npm run eval:ablation`: the extractor with each stage family switched off in turn, on the dev split, the
 * held-out split and the PLV sentences (end to end), from the recorded parses (test/gold/parses). Read the
 * held-out columns, do not tune on them: a switch is kept or dropped on its dev and PLV effect.
 */
import { extractorWith, loadEvalParses } from '../src/eval/parses.ts';
import { extractSentences, plvAvailable, plvPath, predictStrict, readPlv, scorePlv } from '../src/eval/plv.ts';
import { loadSplit, scoreSplit } from '../src/eval/split.ts';
import type { ExtractOptions } from '../src/ingest/extract.ts';

const store = loadEvalParses(false);
const configs: [string, Omit<ExtractOptions, 'parses'>][] = [
  ['full (graph roles, window fallback, entity mentions, discourse)', {}],
  ['- graph roles (the token-window extractor alone, no parse read)', { roles: 'window' }],
  ['- window fallback (graph roles only)', { roles: 'graph-only' }],
  ['- entity and agent-noun mentions (gazetteer only)', { mentions: 'gazetteer' }],
  ['- discourse on the parse (it/they, previous voice, labels)', { discourse: false }],
  ['+ PETRARCH2 dictionary verbs', { dictionaryVerbs: true }],
];
const dev = loadSplit('dev');
const heldout = loadSplit('heldout');
const plv = plvAvailable() ? readPlv(plvPath()).rows : [];
const f = (x: number): string => x.toFixed(3);
console.log(
  '| configuration | dev dyad P / R / F1 | dev actor-level F1 | held-out dyad P / R / F1 | held-out actor-level F1 | held-out mean article dyad F1 | PLV strict macro-F1 |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [name, options] of configs) {
  const extract = extractorWith(store, options);
  const d = scoreSplit('dev', dev, extract).total;
  const h = scoreSplit('heldout', heldout, extract).total;
  let p = NaN;
  if (plv.length > 0) {
    const results = extractSentences(plv, extract);
    p = scorePlv(
      plv.map((r) => ({ gold: r.gold, predicted: predictStrict(r, results.get(r.sentence) ?? null).predicted })),
    ).macroF1;
  }
  console.log(
    `| ${name} | ${f(d.dyads.precision)} / ${f(d.dyads.recall)} / ${f(d.dyads.f1)} | ${f(d.triples.f1)} | ${f(h.dyads.precision)} / ${f(h.dyads.recall)} / ${f(h.dyads.f1)} | ${f(h.triples.f1)} | ${f(h.meanArticleDyadF1)} | ${f(p)} |`,
  );
}
