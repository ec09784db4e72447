// The regression gate: today's extractor against the values recorded in test/gold/gate.json (held-out dyad
// F1, held-out actor-level F1, PLV strict macro-F1). A change that lowers one by more than the tolerance
// fails here; so does a gain that was not recorded (npm run eval:gate -- --write, in the same commit).
import { describe, expect, it } from 'vitest';
import { checkGate, measureGate, readGate } from '../../src/eval/gate.ts';
import type { GateFile } from '../../src/eval/gate.ts';
import { plvAvailable, plvPath } from '../../src/eval/plv.ts';
import { extractorWith, loadEvalParses, missingParses } from '../../src/eval/parses.ts';
import { loadSplit } from '../../src/eval/split.ts';

describe('regression gate', () => {
  it('checkGate flags a fall beyond the tolerance and an unrecorded gain, and nothing else', () => {
    const gate: GateFile = {
      tolerance: 0.02,
      heldoutArticles: 1,
      values: { heldoutDyadF1: 0.5, heldoutActorLevelF1: 0.4, plvStrictMacroF1: 0.3 },
    };
    const checks = checkGate(gate, { heldoutDyadF1: 0.47, heldoutActorLevelF1: 0.39, plvStrictMacroF1: 0.32 });
    expect(checks.map((c) => c.verdict)).toEqual(['lower', 'ok', 'unrecorded gain']);
  });

  it('the held-out split and PLV strict scores are not below the recorded values', () => {
    expect(plvAvailable(), `the PLV set is needed: ${plvPath()} (set PLV_TSV)`).toBe(true);
    const gate = readGate();
    // The recorded engine output (npm run parses:record): every candidate sentence of the split has its parse.
    const store = loadEvalParses(false);
    expect(
      missingParses(
        loadSplit('heldout').map((i) => i.input),
        store,
      ),
      'held-out sentences without a recorded parse: npm run parses:record',
    ).toEqual([]);
    const { heldoutArticles, ...measured } = measureGate(extractorWith(store));
    expect(heldoutArticles, 'held-out articles measured (a new article changes the values: record again)').toBe(
      gate.heldoutArticles,
    );
    expect(heldoutArticles).toBeGreaterThanOrEqual(40);
    const bad = checkGate(gate, measured).filter((c) => c.verdict !== 'ok');
    expect(bad, 'lower than recorded, or a gain not recorded in test/gold/gate.json').toEqual([]);
  }, 120_000);
});
