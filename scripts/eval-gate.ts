/**
 * `npm run eval:gate [-- --write]`: measures the regression gate's three values (held-out dyad F1, held-out
 * actor-level F1, PLV strict macro-F1) and compares them with test/gold/gate.json; `--write` records them.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { checkGate, GATE_FILE, measureGate, readGate } from '../src/eval/gate.ts';
import type { GateFile } from '../src/eval/gate.ts';

const { extractorWith, loadEvalParses } = await import('../src/eval/parses.ts');
// Recorded parses only (test/gold/parses), as the gate test reads them: no local cache, no engine.
const { heldoutArticles, ...values } = measureGate(extractorWith(loadEvalParses(false)));
const old = existsSync(GATE_FILE) ? readGate() : null;
if (old) {
  for (const c of checkGate(old, values))
    console.log(
      `${c.measure.padEnd(20)} recorded ${c.recorded.toFixed(4)}  measured ${c.measured.toFixed(4)}  ${c.verdict}`,
    );
  if (old.heldoutArticles !== heldoutArticles)
    console.log(`held-out articles: recorded ${old.heldoutArticles}, now ${heldoutArticles}`);
} else console.log(JSON.stringify({ heldoutArticles, ...values }));
if (process.argv.includes('--write')) {
  const gate: GateFile = {
    $comment:
      'Regression gate (src/eval/gate.ts, test/unit/eval-gate.test.ts): a change may not lower a value by more than the tolerance; a gain is recorded here in the same commit (npm run eval:gate -- --write).',
    tolerance: old?.tolerance ?? 0.02,
    heldoutArticles,
    values,
  };
  writeFileSync(GATE_FILE, `${JSON.stringify(gate, null, 2)}\n`);
  console.log(`recorded in ${GATE_FILE}`);
}
