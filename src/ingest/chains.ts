/**
 * Verb chains: when one trigger governs the next ("refused to meet", "suspended aid to", "agreed to lift
 * a ban on", "called for talks"), the governor decides the event, as the PLOVER codebook does
 * ("decline to meet" is REJECT, "reduce or stop aid" is SANCTION, "express intent to yield" is AGREE).
 * Also: a declined future act ("will not release", "won't attend talks") is a refusal.
 */
import { relationsOfClass, type RelationName } from '../ontology.ts';
import { LEXICON } from './data.ts';
import type { Token } from './nlp.ts';

/** How a governing trigger (4th column of data/triggers.tsv) turns the act it governs into another event. */
export type ChainClass = 'negate' | 'intend' | 'request' | 'threaten' | 'halt' | 'ease' | 'permit' | 'pass';

export const CHAIN_CLASSES = new Set<ChainClass>([
  'negate',
  'intend',
  'request',
  'threaten',
  'halt',
  'ease',
  'permit',
  'pass',
]);

/** The part of a trigger the chain rules need (structurally a subset of Trigger). */
export interface ChainLink {
  relation: RelationName;
  role: string;
  chain: ChainClass | null;
  start: number;
  end: number;
  weight: number;
  pattern: string;
}

const HOSTILE = relationsOfClass('hostile');
const COOPERATIVE = relationsOfClass('cooperative');
const YIELDING = relationsOfClass('yielding');
const RESTRICTIVE = relationsOfClass('restrictive');

/** The event a governor of class `cls` makes of the act `inner`; null leaves the two apart. */
export function composeChain(cls: ChainClass, inner: RelationName): RelationName | null {
  switch (cls) {
    case 'negate':
      return inner === 'DENIES' ? null : 'REJECTS';
    // "called for sanctions against X": X is not asked but blamed.
    case 'request':
      return HOSTILE.has(inner) || inner === 'INVESTIGATES' || inner === 'CHARGES' ? 'CONDEMNS' : 'REQUESTS';
    case 'threaten':
      return 'THREATENS';
    case 'intend':
      if (HOSTILE.has(inner) || inner === 'PROTESTS') return 'THREATENS';
      return COOPERATIVE.has(inner) || YIELDING.has(inner) ? 'AGREES' : null;
    case 'halt':
      // Stopping cooperation is a sanction; stopping hostilities or sanctions is a concession.
      if (COOPERATIVE.has(inner)) return 'SANCTIONS';
      if (inner === 'ASSAULTS' || inner === 'MOBILIZES' || inner === 'COERCES') return 'RETREATS';
      return inner === 'SANCTIONS' || inner === 'PROTESTS' ? 'CONCEDES' : null;
    case 'ease':
      return RESTRICTIVE.has(inner) ? 'CONCEDES' : null;
    case 'permit':
      return HOSTILE.has(inner) ? null : 'CONCEDES';
    // "ordered sanctions on", "sought to disrupt": the governed act is the event.
    case 'pass':
      return inner;
  }
}

/** Modals of a firm future or capacity: "will not", "cannot" refuse; "may not" does not. */
const MODALS = new Set(LEXICON.modals.filter((m) => !LEXICON.tentativeModals.includes(m)));
const NEGATORS = new Set(LEXICON.negators);
const LINK_WORDS = new Set(LEXICON.chainLinkWords);
const POSSESSIVES = new Set(LEXICON.possessiveDeterminers);
/** Verbs that pass the chain through: "will extend the curfew" is a threat as "will impose a curfew" is. */
const TRANSPARENT = new Set(LEXICON.transparentVerbs);
const GLUE_POS = new Set(['DET', 'ADJ', 'ADV', 'NUM', 'PART', 'AUX']);
const GAP = 4;

/**
 * Whether the tokens between a governor and the act it would govern are only the glue of a verb chain:
 * "to", "for", determiners, adjectives, adverbs, numbers, auxiliaries, or (before a noun act) its
 * modifiers — no clause boundary, no other verb, no argument.
 */
function linked(tokens: readonly Token[], head: ChainLink, inner: ChainLink, blocked: (k: number) => boolean): boolean {
  if (inner.start < head.end || inner.start - head.end > 2 * GAP) return false;
  // Hyphens split compounds ("long - standing"): they do not count towards the gap.
  if (tokens.slice(head.end, inner.start).filter((t) => t.text !== '-').length > GAP) return false;
  const headTok = tokens[head.end - 1];
  const innerTok = tokens[inner.start];
  if (!headTok || !innerTok) return false;
  // A modal governs a verb only ("will meet", "will extend the curfew"), never a noun ("will be a meeting").
  if (head.role === 'head' && MODALS.has(headTok.lower)) {
    const at = tokens
      .slice(head.end, inner.start + 1)
      .findIndex((t) => t.pos !== 'ADV' && t.pos !== 'AUX' && t.pos !== 'PART');
    // The governed word is a verb, or the act itself however wink tags it ("would free", "would sanction").
    if (at < 0 || (tokens[head.end + at]?.pos !== 'VERB' && head.end + at !== inner.start)) return false;
  }
  const nominalHead = tokens[head.start]?.pos === 'NOUN';
  for (let k = head.end; k < inner.start; k += 1) {
    const t = tokens[k]!;
    if (blocked(k)) return false;
    if (NEGATORS.has(t.lower)) return false;
    if (
      (t.pos === 'VERB' && TRANSPARENT.has(t.lemma)) ||
      LINK_WORDS.has(t.lower) ||
      POSSESSIVES.has(t.lower) ||
      t.text === '-' ||
      t.lemma === 'be' ||
      t.lemma === 'have'
    )
      continue;
    if (t.lower === 'of' && nominalHead) continue;
    if (GLUE_POS.has(t.pos)) continue;
    // Noun modifiers of a noun act: "food supplies", "U.N.-brokered talks", "Iran's request".
    if ((t.pos === 'NOUN' || t.pos === 'PROPN') && innerTok.pos === 'NOUN') continue;
    return false;
  }
  return true;
}

/** The start of "will not", "won't", "did not", "never" right before token `at`, or -1. */
function negatedFuture(tokens: readonly Token[], at: number): { start: number; modal: boolean } | null {
  let k = at - 1;
  // "will not begin talks", "will never stop its war": adverbs and pass-through verbs sit between.
  while (
    k >= 0 &&
    (tokens[k]!.pos === 'ADV' || (tokens[k]!.pos === 'VERB' && TRANSPARENT.has(tokens[k]!.lemma))) &&
    !NEGATORS.has(tokens[k]!.lower)
  )
    k -= 1;
  const neg = tokens[k];
  if (!neg || !NEGATORS.has(neg.lower)) return null;
  const aux = tokens[k - 1];
  if (aux && (MODALS.has(aux.lemma) || MODALS.has(aux.lower))) return { start: k - 1, modal: true };
  return { start: k, modal: false };
}

/** One phrase, one act: "provide military aid", "humanitarian aid" are single triggers. */
function mergeRuns<T extends ChainLink>(tokens: readonly Token[], sorted: T[], blocked: (k: number) => boolean): T[] {
  const out: T[] = [];
  for (const tr of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.role === 'act' &&
      tr.role === 'act' &&
      prev.relation === tr.relation &&
      tr.start >= prev.end &&
      linked(tokens, prev, tr, blocked)
    ) {
      out[out.length - 1] = {
        ...prev,
        end: tr.end,
        weight: prev.weight + tr.weight,
        chain: prev.chain ?? tr.chain,
        pattern: `${prev.pattern} ${tr.pattern}`,
      };
    } else out.push(tr);
  }
  return out;
}

/**
 * Composes governor + governed act into one trigger (right to left, so "refused to lift sanctions" is
 * refuse(lift(sanctions))), turns declined future acts into refusals, and drops governors that govern
 * nothing and exist only as governors (role "head").
 */
export function composeChains<T extends ChainLink>(
  tokens: readonly Token[],
  triggers: readonly T[],
  blocked: (k: number) => boolean,
): T[] {
  let list = mergeRuns(
    tokens,
    [...triggers].sort((a, b) => a.start - b.start || b.weight - a.weight),
    blocked,
  );
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const head = list[i];
    if (!head?.chain) continue;
    const next = list.find((o) => o !== head && o.start >= head.end && o.role !== 'head' && o.role === 'act');
    if (!next || !linked(tokens, head, next, blocked)) continue;
    // "pledged support for", "promised Washington's backing": promising support is voicing it.
    if (head.chain === 'intend' && next.relation === 'SUPPORTS' && tokens[next.start]?.pos === 'NOUN') continue;
    const relation = composeChain(head.chain, next.relation);
    if (!relation) continue;
    const merged: T = {
      ...next,
      relation,
      role: 'act',
      chain: null,
      start: head.start,
      weight: head.weight + next.weight,
      pattern: `${head.pattern} > ${next.pattern}`,
    };
    // The governed act and any other reading of the same words give way to the chain.
    list = list.filter(
      (o) =>
        o !== head && !(o.start >= next.start && o.start < next.end) && !(o.start >= head.start && o.start < head.end),
    );
    list.splice(i, 0, merged);
    list.sort((a, b) => a.start - b.start || b.weight - a.weight);
    i = list.indexOf(merged);
  }
  list = list.map((tr) => {
    if (tr.role !== 'act' || !(COOPERATIVE.has(tr.relation) || YIELDING.has(tr.relation))) return tr;
    const neg = negatedFuture(tokens, tr.start);
    // "will not release", "won't meet": a refusal; "did not release": only declining to yield is one.
    if (!neg || (!neg.modal && !YIELDING.has(tr.relation) && tr.relation !== 'AGREES')) return tr;
    return {
      ...tr,
      relation: 'REJECTS' as RelationName,
      start: neg.start,
      weight: tr.weight + 1,
      pattern: `not > ${tr.pattern}`,
    };
  });
  return list.filter((tr) => tr.role !== 'head');
}
