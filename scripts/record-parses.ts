/**
 * `npm run parses:record [-- --only dev|heldout|fixtures|plv]`: parses every sentence of the gold splits, the
 * unit tests' example sentences (test/fixtures/graph-sentences.txt) and every PLV sentence with CoreNLP (CORENLP_URL, else the local server, started and stopped here) and writes
 * test/gold/parses/<name>.json.gz: the recorded engine output unit tests and `npm run eval` read without
 * a server. Re-run after a gold text, the PLV file or the engine's settings change (the store's format line
 * names the engine and its annotators; a mismatch is refused when loading).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fillParses, RECORDED_PARSES, sentencesToParse } from '../src/eval/parses.ts';
import { plvAvailable, plvPath, readPlv } from '../src/eval/plv.ts';
import { loadSplit } from '../src/eval/split.ts';
import { parseKey, ParseStore } from '../src/ingest/parses.ts';
import type { ArticleInput } from '../src/ingest/types.ts';
import { openNlp } from '../src/nlp/engine.ts';

const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const sets: [string, () => ArticleInput[]][] = [
  ['dev', () => loadSplit('dev').map((i) => i.input)],
  ['heldout', () => loadSplit('heldout').map((i) => i.input)],
  // Our own example sentences for the graph stages' unit tests, one per line (# comments).
  [
    'fixtures',
    () =>
      readFileSync(new URL('../test/fixtures/graph-sentences.txt', import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#'))
        .map((text, k) => ({ id: `fixture-${k}`, text })),
  ],
  [
    'plv',
    () =>
      plvAvailable()
        ? [...new Set(readPlv(plvPath()).rows.map((r) => r.sentence))].map((text, k) => ({ id: `plv-${k}`, text }))
        : [],
  ],
];
const engine = await openNlp({ log: (l) => console.error(l) });
if (!engine) {
  console.error('parses:record: CORENLP_URL=none: no engine to parse with');
  process.exit(2);
}
try {
  for (const [name, inputs] of sets) {
    if (args.only && args.only !== name) continue;
    const file = join(RECORDED_PARSES, `${name}.json.gz`);
    const list = inputs();
    const store = new ParseStore().load(file);
    const t0 = Date.now();
    const parsed = await fillParses(list, engine.client, store, true, (d, n) => console.error(`  ${name}: ${d}/${n}`));
    const keep = new Set(list.flatMap((i) => sentencesToParse(i, true)).map(parseKey));
    const kept = store.save(file, keep);
    console.log(
      `${name}: ${list.length} texts, ${kept} sentences recorded (${parsed} parsed now, ${((Date.now() - t0) / 1000).toFixed(1)} s) -> ${file}`,
    );
  }
} finally {
  await engine.close();
}
