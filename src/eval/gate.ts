/**
 * The regression gate: the held-out dyad F1, the held-out actor-level F1 and the PLV strict macro-F1,
 * recorded in test/gold/gate.json. test/unit/eval-gate.test.ts fails when a change lowers any of them by
 * more than the tolerance (0.02), or raises one without recording it (the file must say where we stand);
 * `npm run eval:gate -- --write` records the current values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleInput, ExtractionResult } from '../ingest/types.ts';
import { extractSentences, plvPath, predictStrict, readPlv, scorePlv } from './plv.ts';
import { GOLD_ROOT, loadSplit, scoreSplit } from './split.ts';

export const GATE_FILE = join(GOLD_ROOT, 'gate.json');

export const GATE_MEASURES = ['heldoutDyadF1', 'heldoutActorLevelF1', 'plvStrictMacroF1'] as const;
export type GateMeasure = (typeof GATE_MEASURES)[number];
export type GateValues = Record<GateMeasure, number>;

export interface GateFile {
  $comment?: string;
  /** How far a measure may fall below its recorded value before the gate fails. */
  tolerance: number;
  /** Heldout articles the values were measured on (a new article changes them: record again). */
  heldoutArticles: number;
  values: GateValues;
}

export function readGate(path = GATE_FILE): GateFile {
  return JSON.parse(readFileSync(path, 'utf8')) as GateFile;
}

/** The three gate measures of `extract`, on the held-out split and on the PLV set. */
export function measureGate(
  extract: (input: ArticleInput) => ExtractionResult,
  plv = plvPath(),
): GateValues & { heldoutArticles: number } {
  const items = loadSplit('heldout');
  const { total } = scoreSplit('heldout', items, extract);
  const { rows } = readPlv(plv);
  const results = extractSentences(rows, extract);
  const strict = scorePlv(
    rows.map((r) => ({ gold: r.gold, predicted: predictStrict(r, results.get(r.sentence) ?? null).predicted })),
  );
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    heldoutArticles: items.length,
    heldoutDyadF1: round(total.dyads.f1),
    heldoutActorLevelF1: round(total.triples.f1),
    plvStrictMacroF1: round(strict.macroF1),
  };
}

export interface GateCheck {
  measure: GateMeasure;
  recorded: number;
  measured: number;
  /** 'lower' when it fell by more than the tolerance; 'unrecorded gain' when it rose by more than 0.005 without the file saying so. */
  verdict: 'ok' | 'lower' | 'unrecorded gain';
}

export function checkGate(gate: GateFile, measured: GateValues): GateCheck[] {
  return GATE_MEASURES.map((measure) => {
    const recorded = gate.values[measure];
    const value = measured[measure];
    const verdict = value < recorded - gate.tolerance ? 'lower' : value > recorded + 0.005 ? 'unrecorded gain' : 'ok';
    return { measure, recorded, measured: value, verdict };
  });
}
