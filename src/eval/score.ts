/**
 * Scoring of one extraction against its gold annotation (ANNOTATION.md §3). Pure functions: no I/O.
 *
 * Three measures, each precision / recall / F1 over sets:
 * - actor level: distinct (source, relation, target) triples, actors matched to the gold actors by country
 *   code (countries) or by normalised name / alias (everything else);
 * - dyad level: every actor rolled up to its state (OFFICIAL/AGENCY -> country, ALLIANCE stays itself,
 *   others -> country when set), every relation to its PLOVER root;
 * - actors: the set of actors found, an actor counting only with the right kind.
 * Optional gold items count neither for nor against. Predicted events flagged negated or hypothetical are
 * the extractor saying "this is not an event", so they are not scored.
 */
import { relationInfo } from '../ontology.ts';
import type { ActorKind, RelationName } from '../ontology.ts';
import type { ExtractedActor, ExtractedEvent, ExtractionResult } from '../ingest/types.ts';
import type { GoldActor, GoldArticle } from './gold.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** One scored item, readable: "USA ACCUSES CHN" or "Antony Blinken [OFFICIAL]". */
export interface ItemList {
  falsePositives: string[];
  falseNegatives: string[];
}

/** Counts per relation of the actor-level triples (a triple counts under its own relation). */
export type RelationCounts = Partial<Record<RelationName, Counts>>;

export interface ArticleScore {
  id: string;
  triples: Prf & ItemList & { byRelation: RelationCounts };
  dyads: Prf & ItemList;
  actors: Prf & ItemList & { byKind: Partial<Record<ActorKind, Counts>> };
  /** Of the true-positive triples, how many carry a gold date (null when no true positive). */
  dateAccuracy: { correct: number; total: number };
}

export interface TotalScore {
  articles: number;
  triples: Prf & { byRelation: Partial<Record<RelationName, Prf>> };
  /** Mean over articles of each article's dyad F1 (macro), beside the micro-averaged totals. */
  meanArticleDyadF1: number;
  dyads: Prf;
  actors: Prf & { byKind: Partial<Record<ActorKind, Prf>> };
  dateAccuracy: { correct: number; total: number };
}

/** One target: a measure of the totals and the value it must reach. */
export interface Target {
  name: string;
  threshold: number;
  measure: (total: TotalScore) => number;
}

const dyadF1 = (t: TotalScore): number => t.dyads.f1;
const tripleF1 = (t: TotalScore): number => t.triples.f1;
const dyadP = (t: TotalScore): number => t.dyads.precision;
const tripleP = (t: TotalScore): number => t.triples.precision;

/** The dev split's targets: dyad F1 ≥ 0.80, actor-level F1 ≥ 0.70, precision ≥ 0.85 at both levels. */
export const DEV_TARGETS: readonly Target[] = [
  { name: 'dyad F1', threshold: 0.8, measure: dyadF1 },
  { name: 'actor-level F1', threshold: 0.7, measure: tripleF1 },
  { name: 'dyad precision', threshold: 0.85, measure: dyadP },
  { name: 'actor-level precision', threshold: 0.85, measure: tripleP },
];

/** The held-out split's targets (the extraction issue's): dyad F1 ≥ 0.65 with precision ≥ 0.75, actor-level F1 ≥ 0.55, per-article mean dyad F1 ≥ 0.60. */
export const HELDOUT_TARGETS: readonly Target[] = [
  { name: 'dyad F1', threshold: 0.65, measure: dyadF1 },
  { name: 'dyad precision', threshold: 0.75, measure: dyadP },
  { name: 'actor-level F1', threshold: 0.55, measure: tripleF1 },
  { name: 'per-article mean dyad F1', threshold: 0.6, measure: (t) => t.meanArticleDyadF1 },
];

export interface TargetCheck {
  name: string;
  value: number;
  threshold: number;
  met: boolean;
}

/**
 * P/R/F1 from counts. With nothing predicted precision is 1 (no wrong claim), with nothing to find recall
 * is 1; F1 is 0 when both are 0.
 */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Case-, accent-, punctuation- and leading-"the"-insensitive form of a name: "the U.S. Department" -> "us department". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

function goldNames(a: GoldActor): Set<string> {
  return new Set([a.name, ...(a.aliases ?? [])].map(normalizeName).filter((n) => n !== ''));
}

function predNames(a: ExtractedActor): string[] {
  return [a.name, ...a.aliases].map(normalizeName).filter((n) => n !== '');
}

/**
 * Maps each predicted actor id to the key of the gold actor it is, or to `pred:<id>` when it is none.
 * Countries match by code; everything else by its name or aliases against the gold name or aliases
 * (a match on the predicted name itself wins over a match on an alias).
 */
export function matchActors(gold: readonly GoldActor[], predicted: readonly ExtractedActor[]): Map<string, string> {
  const countries = new Map<string, string>();
  for (const g of gold) if (g.kind === 'COUNTRY' && g.country) countries.set(g.country, g.key);
  const names = gold.filter((g) => g.kind !== 'COUNTRY').map((g) => ({ key: g.key, names: goldNames(g) }));

  const out = new Map<string, string>();
  for (const p of predicted) {
    let key: string | undefined;
    if (p.kind === 'COUNTRY') key = p.country ? countries.get(p.country) : undefined;
    else {
      for (const n of predNames(p)) {
        key = names.find((g) => g.names.has(n))?.key;
        if (key) break;
      }
    }
    out.set(p.id, key ?? `pred:${p.id}`);
  }
  return out;
}

interface ScoredSet {
  required: Map<string, string>;
  optional: Map<string, string>;
}

/** Which class each scored key falls in: true positive, false positive, false negative (optional gold items in none). */
function classify(
  gold: ScoredSet,
  predicted: ReadonlyMap<string, string>,
): { tp: string[]; fp: string[]; fn: string[] } {
  const tp: string[] = [];
  const fp: string[] = [];
  const fn: string[] = [];
  for (const k of predicted.keys()) {
    if (gold.required.has(k)) tp.push(k);
    else if (!gold.optional.has(k)) fp.push(k);
  }
  for (const k of gold.required.keys()) if (!predicted.has(k)) fn.push(k);
  return { tp, fp, fn };
}

/** Set comparison with optional gold items; maps are key -> readable label. */
function compare(gold: ScoredSet, predicted: Map<string, string>): Prf & ItemList {
  const { tp, fp, fn } = classify(gold, predicted);
  const falsePositives = fp.map((k) => predicted.get(k) ?? k);
  const falseNegatives = fn.map((k) => gold.required.get(k) ?? k);
  return { ...prf({ tp: tp.length, fp: fp.length, fn: fn.length }), falsePositives, falseNegatives };
}

/** Per-relation counts of triple keys `source|RELATION|target`. */
function countByRelation(gold: ScoredSet, predicted: ReadonlyMap<string, string>): RelationCounts {
  const out: RelationCounts = {};
  const classes = classify(gold, predicted);
  for (const field of ['tp', 'fp', 'fn'] as const) {
    for (const k of classes[field]) {
      const relation = k.split('|')[1] as RelationName;
      const c = (out[relation] ??= { tp: 0, fp: 0, fn: 0 });
      c[field] += 1;
    }
  }
  return out;
}

function addTo(set: ScoredSet, optional: boolean, key: string, label: string): void {
  if (optional) {
    if (!set.required.has(key)) set.optional.set(key, label);
  } else {
    set.required.set(key, label);
    set.optional.delete(key);
  }
}

/** The state an actor rolls up to at dyad level: `country:XXX`, or the actor itself. */
function stateOf(kind: ActorKind, country: string | null | undefined, self: string): string {
  if (kind === 'ALLIANCE') return self;
  return country ? `country:${country}` : self;
}

function scoredEvents(result: ExtractionResult): ExtractedEvent[] {
  return result.events.filter((e) => !e.negated && !e.hypothetical);
}

/** Scores one article's extraction against its gold annotation. */
export function scoreArticle(gold: GoldArticle, result: ExtractionResult): ArticleScore {
  const goldByKey = new Map(gold.actors.map((a) => [a.key, a]));
  const predById = new Map(result.actors.map((a) => [a.id, a]));
  const match = matchActors(gold.actors, result.actors);

  const goldLabel = (key: string): string => {
    const a = goldByKey.get(key);
    return a ? (a.kind === 'COUNTRY' ? (a.country ?? a.name) : a.name) : key;
  };
  const predLabel = (id: string): string => {
    const key = match.get(id);
    if (key && !key.startsWith('pred:')) return goldLabel(key);
    const a = predById.get(id);
    return a ? (a.kind === 'COUNTRY' && a.country ? a.country : `${a.name}?`) : `${id}?`;
  };
  // An event may name an actor missing from result.actors: it is then an unmatched actor.
  const predKey = (id: string): string => match.get(id) ?? `pred:${id}`;

  // Dyad identity of a gold actor and of a predicted actor. An unmatched, non-rolled-up actor stays itself.
  const goldState = (key: string): string => {
    const a = goldByKey.get(key);
    return a ? stateOf(a.kind, a.country, key) : key;
  };
  const predState = (id: string): string => {
    const a = predById.get(id);
    return a ? stateOf(a.kind, a.country, predKey(id)) : predKey(id);
  };
  const stateLabel = (state: string, fallback: string): string =>
    state.startsWith('country:') ? state.slice(8) : fallback;

  const goldTriples: ScoredSet = { required: new Map(), optional: new Map() };
  const goldDyads: ScoredSet = { required: new Map(), optional: new Map() };
  const goldDates = new Map<string, Set<string>>();
  for (const e of gold.events) {
    const t = `${e.source}|${e.relation}|${e.target}`;
    addTo(goldTriples, e.optional === true, t, `${goldLabel(e.source)} ${e.relation} ${goldLabel(e.target)}`);
    const plover = relationInfo(e.relation).plover;
    const s = goldState(e.source);
    const o = goldState(e.target);
    addTo(
      goldDyads,
      e.optional === true,
      `${s}|${plover}|${o}`,
      `${stateLabel(s, goldLabel(e.source))} ${plover} ${stateLabel(o, goldLabel(e.target))}`,
    );
    if (e.date) goldDates.set(t, (goldDates.get(t) ?? new Set()).add(e.date));
  }

  const predTriples = new Map<string, string>();
  const predDyads = new Map<string, string>();
  const predDates = new Map<string, Set<string>>();
  for (const e of scoredEvents(result)) {
    const t = `${predKey(e.source)}|${e.relation}|${predKey(e.target)}`;
    predTriples.set(t, `${predLabel(e.source)} ${e.relation} ${predLabel(e.target)}`);
    const plover = relationInfo(e.relation).plover;
    const s = predState(e.source);
    const o = predState(e.target);
    predDyads.set(
      `${s}|${plover}|${o}`,
      `${stateLabel(s, predLabel(e.source))} ${plover} ${stateLabel(o, predLabel(e.target))}`,
    );
    if (e.date) predDates.set(t, (predDates.get(t) ?? new Set()).add(e.date));
  }

  let correct = 0;
  let total = 0;
  for (const t of predTriples.keys()) {
    const gd = goldDates.get(t);
    if (!goldTriples.required.has(t) || !gd) continue;
    total += 1;
    if ([...(predDates.get(t) ?? [])].some((d) => gd.has(d))) correct += 1;
  }

  return {
    id: gold.id,
    triples: { ...compare(goldTriples, predTriples), byRelation: countByRelation(goldTriples, predTriples) },
    dyads: compare(goldDyads, predDyads),
    actors: scoreActors(gold.actors, result.actors, match),
    dateAccuracy: { correct, total },
  };
}

function scoreActors(
  gold: readonly GoldActor[],
  predicted: readonly ExtractedActor[],
  match: Map<string, string>,
): ArticleScore['actors'] {
  const goldSet: ScoredSet = { required: new Map(), optional: new Map() };
  const kindOf = new Map<string, ActorKind>();
  for (const g of gold) {
    const k = `${g.key}|${g.kind}`;
    addTo(goldSet, g.optional === true, k, `${g.name} [${g.kind}]`);
    kindOf.set(k, g.kind);
  }
  const predSet = new Map<string, string>();
  for (const p of predicted) {
    const k = `${match.get(p.id) ?? `pred:${p.id}`}|${p.kind}`;
    predSet.set(k, `${p.name} [${p.kind}]`);
    kindOf.set(k, p.kind);
  }
  const result = compare(goldSet, predSet);

  const byKind: Partial<Record<ActorKind, Counts>> = {};
  const bump = (k: string, field: keyof Counts): void => {
    const kind = kindOf.get(k);
    if (!kind) return;
    const c = (byKind[kind] ??= { tp: 0, fp: 0, fn: 0 });
    c[field] += 1;
  };
  for (const k of predSet.keys()) {
    if (goldSet.required.has(k)) bump(k, 'tp');
    else if (!goldSet.optional.has(k)) bump(k, 'fp');
  }
  for (const k of goldSet.required.keys()) if (!predSet.has(k)) bump(k, 'fn');
  return { ...result, byKind };
}

function sum(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

const ZERO: Counts = { tp: 0, fp: 0, fn: 0 };

/** Micro-averaged totals: counts summed over all articles, then P/R/F1. */
export function totalScore(rows: readonly ArticleScore[]): TotalScore {
  let triples = ZERO;
  let dyads = ZERO;
  let actors = ZERO;
  const kinds: Partial<Record<ActorKind, Counts>> = {};
  const relations: RelationCounts = {};
  let correct = 0;
  let total = 0;
  for (const r of rows) {
    triples = sum(triples, r.triples);
    dyads = sum(dyads, r.dyads);
    actors = sum(actors, r.actors);
    for (const [kind, c] of Object.entries(r.actors.byKind) as [ActorKind, Counts][])
      kinds[kind] = sum(kinds[kind] ?? ZERO, c);
    for (const [relation, c] of Object.entries(r.triples.byRelation) as [RelationName, Counts][])
      relations[relation] = sum(relations[relation] ?? ZERO, c);
    correct += r.dateAccuracy.correct;
    total += r.dateAccuracy.total;
  }
  const byKind: Partial<Record<ActorKind, Prf>> = {};
  for (const [kind, c] of Object.entries(kinds) as [ActorKind, Counts][]) byKind[kind] = prf(c);
  const byRelation: Partial<Record<RelationName, Prf>> = {};
  for (const [relation, c] of Object.entries(relations) as [RelationName, Counts][]) byRelation[relation] = prf(c);
  const meanArticleDyadF1 = rows.length === 0 ? 0 : rows.reduce((a, r) => a + r.dyads.f1, 0) / rows.length;
  return {
    articles: rows.length,
    triples: { ...prf(triples), byRelation },
    meanArticleDyadF1,
    dyads: prf(dyads),
    actors: { ...prf(actors), byKind },
    dateAccuracy: { correct, total },
  };
}

/** Which of the project's targets the totals meet. */
export function checkTargets(total: TotalScore, targets: readonly Target[] = DEV_TARGETS): TargetCheck[] {
  return targets.map(({ name, threshold, measure }) => {
    const value = measure(total);
    return { name, value, threshold, met: value >= threshold };
  });
}
