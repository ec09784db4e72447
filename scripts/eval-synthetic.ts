/**
 * `npm run eval:synthetic`: coarse recall on the NGEC synthetic stories (../shared/data/ngec-synthetic-stories.jsonl
 * or $SYNTHETIC_JSONL): per labelled PLOVER root, the share of stories in which the extractor finds an event
 * of that root and the share with no event at all. Synthetic stories and pseudo-labels: recall only.
 */
import { readSynthetic, scoreSynthetic, syntheticAvailable, syntheticPath } from '../src/eval/synthetic.ts';

const path = syntheticPath();
if (!syntheticAvailable(path)) {
  console.error(`eval:synthetic: ${path} not found; set SYNTHETIC_JSONL`);
  process.exit(2);
}
const { extractorWith, fillParses, loadEvalParses, missingParses, PARSE_CACHE } = await import('../src/eval/parses.ts');
const stories = readSynthetic(path);
const inputs = stories.map((x) => ({ id: x.id, title: x.title, outlet: x.outlet, text: x.text }));
const store = loadEvalParses();
// `--parse`: parse the stories' candidate sentences with CoreNLP first (CORENLP_URL, else a local server), kept in the cache.
if (process.argv.includes('--parse')) {
  const { openNlp } = await import('../src/nlp/engine.ts');
  const engine = await openNlp({ log: (l) => console.error(l) });
  if (engine) {
    try {
      const n = await fillParses(inputs, engine.client, store, false, (d, total) => {
        if (d % 2000 === 0 || d === total) {
          console.error(`  parsed ${d}/${total}`);
          store.save(PARSE_CACHE);
        }
      });
      console.error(`parsed ${n} sentences`);
    } finally {
      await engine.close();
    }
  }
}
const missing = missingParses(inputs, store).length;
if (missing > 0)
  console.error(
    `eval:synthetic: ${missing} candidate sentences have no parse (read by the window rules): run with --parse`,
  );
const roles = (process.argv.find((a) => a.startsWith('--roles='))?.slice(8) ?? 'graph') as
  'graph' | 'window' | 'graph-only';
const t0 = performance.now();
const s = scoreSynthetic(stories, extractorWith(store, { roles }));
const f = (x: number): string => x.toFixed(3);
console.log(`synthetic stories: ${path}`);
console.log('root        stories  found  recall  no event  failed');
for (const r of s.roots) {
  console.log(
    `${r.root.padEnd(11)} ${String(r.stories).padStart(7)}  ${String(r.found).padStart(5)}  ${f(r.recall)}   ${f(r.emptyShare)}    ${r.failed}`,
  );
}
console.log(
  `all roots: recall ${f(s.recall)}, no event ${f(s.emptyShare)}, lowest root recall ${f(s.minRecall)} over ${s.stories} stories (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
