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
const { extract } = await import('../src/ingest/extract.ts');
const t0 = performance.now();
const s = scoreSynthetic(readSynthetic(path), extract);
const f = (x: number): string => x.toFixed(3);
console.log(`synthetic stories: ${path}`);
console.log('root        stories  found  recall  no event  failed');
for (const r of s.roots) {
  console.log(`${r.root.padEnd(11)} ${String(r.stories).padStart(7)}  ${String(r.found).padStart(5)}  ${f(r.recall)}   ${f(r.emptyShare)}    ${r.failed}`);
}
console.log(`all roots: recall ${f(s.recall)}, no event ${f(s.emptyShare)}, lowest root recall ${f(s.minRecall)} over ${s.stories} stories (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
