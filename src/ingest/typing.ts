/**
 * Sentence-level typing: the relation between two given spans of one sentence (used by the PLV
 * evaluation, and by anyone who already knows the actors). Direction is preferred, not required:
 * an event from source to target wins; else one from target to source; else the trigger nearest to
 * the target between or right around the two spans.
 */
import type { RelationName } from '../ontology.ts';
import type { Mention } from './mentions.ts';
import { analyse } from './nlp.ts';
import { assignRoles } from './roles.ts';
import { findTriggers, type Trigger } from './triggers.ts';

export interface CharSpan {
  start: number;
  end: number;
}

export interface TypedRelation {
  relation: RelationName;
  rule: string;
  direction: 'forward' | 'reverse' | 'nearest';
}

function toMention(tokens: ReturnType<typeof analyse>[number]['tokens'], span: CharSpan, id: string): Mention | null {
  const idx = tokens.map((t, k) => (t.end > span.start && t.start < span.end ? k : -1)).filter((k) => k >= 0);
  if (idx.length === 0) return null;
  return { start: idx[0]!, end: idx[idx.length - 1]! + 1, actorIds: [id], locative: false, via: 'name' };
}

/** The relation of the event between `source` and `target` in `sentence`, or null. */
export function typeEventBetween(sentence: string, source: CharSpan, target: CharSpan): TypedRelation | null {
  const tokens = analyse(sentence).flatMap((s) => s.tokens);
  const src = toMention(tokens, source, 'S');
  const tgt = toMention(tokens, target, 'T');
  if (!src || !tgt) return null;
  const groups = [src, tgt].sort((a, b) => a.start - b.start);
  const inside = (k: number): boolean => groups.some((g) => k >= g.start && k < g.end);
  const triggers = findTriggers(tokens, inside);
  if (triggers.length === 0) return null;
  const all = assignRoles(tokens, groups, triggers, null);
  // A negated act ("did not attack") is no event: it may not come back as the nearest trigger either.
  const negated = new Set(all.filter((r) => r.negated).map((r) => r.trigger));
  const roles = all.filter((r) => !r.negated);
  const forward = roles.find((r) => r.source === src && r.target === tgt);
  if (forward) return { relation: forward.trigger.relation, rule: forward.rule, direction: 'forward' };
  const reverse = roles.find((r) => r.source === tgt && r.target === src);
  if (reverse) return { relation: reverse.trigger.relation, rule: reverse.rule, direction: 'reverse' };
  const lo = Math.min(src.start, tgt.start);
  const hi = Math.max(src.end, tgt.end);
  const score = (t: Trigger): number => {
    const between = t.start >= lo && t.start < hi ? 0 : 6;
    return between + Math.abs(t.start - tgt.start) * 0.1 - t.weight * 0.5;
  };
  const best = triggers.filter((t) => !negated.has(t)).sort((a, b) => score(a) - score(b))[0];
  return best ? { relation: best.relation, rule: `nearest:${best.pattern}`, direction: 'nearest' } : null;
}
