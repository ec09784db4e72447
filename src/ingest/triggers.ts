/** Event triggers: the lexicon of data/triggers.tsv compiled once, matched over a sentence's tokens. */
import { isRelationName, type RelationName } from '../ontology.ts';
import { CHAIN_CLASSES, composeChains, type ChainClass } from './chains.ts';
import { LEXICON, TRIGGER_ROWS } from './data.ts';
import type { Token } from './nlp.ts';
import { WordFilter } from './wordfilter.ts';

/** `head`: a governor only ("will", "fail to"), never an event by itself; see chains.ts. */
export type TriggerRole = 'act' | 'accuse-content' | 'deny-content' | 'judge-content' | 'head';

/** One pattern word: its alternatives, and the part of speech it must have when the pattern says so ("strike/VERB"). */
interface Part {
  words: Set<string>;
  pos: Set<string> | null;
}

interface Pattern {
  relation: RelationName;
  role: TriggerRole;
  chain: ChainClass | null;
  parts: (Part | 'gap')[];
  weight: number;
  source: string;
}

export interface Trigger {
  relation: RelationName;
  role: TriggerRole;
  /** How this trigger governs a following one ("refused to meet"), if it can. */
  chain: ChainClass | null;
  /** Token range in the sentence, end exclusive. */
  start: number;
  end: number;
  weight: number;
  pattern: string;
}

const ROLES = new Set<TriggerRole>(['act', 'accuse-content', 'deny-content', 'judge-content', 'head']);
const GAP = 3;

function compilePart(text: string): Part {
  const m = /^(.+)\/([A-Z,]+)$/.exec(text);
  return { words: new Set((m?.[1] ?? text).toLowerCase().split('|')), pos: m?.[2] ? new Set(m[2].split(',')) : null };
}

function compile(): Map<string, Pattern[]> {
  const index = new Map<string, Pattern[]>();
  for (const row of TRIGGER_ROWS) {
    if (!isRelationName(row.relation)) throw new Error(`data/triggers.tsv: unknown relation ${row.relation}`);
    if (!ROLES.has(row.role as TriggerRole)) throw new Error(`data/triggers.tsv: unknown role ${row.role}`);
    if (row.chain !== '' && !CHAIN_CLASSES.has(row.chain as ChainClass))
      throw new Error(`data/triggers.tsv: unknown chain class ${row.chain}`);
    if (row.role === 'head' && row.chain === '')
      throw new Error(`data/triggers.tsv: a head needs a chain class: ${row.pattern}`);
    const parts = row.pattern.split(/\s+/).map((p) => (p === '*' ? ('gap' as const) : compilePart(p)));
    const first = parts[0];
    if (!first || first === 'gap')
      throw new Error(`data/triggers.tsv: pattern may not start with a gap: ${row.pattern}`);
    const pattern: Pattern = {
      relation: row.relation,
      role: row.role as TriggerRole,
      chain: row.chain === '' ? null : (row.chain as ChainClass),
      parts,
      weight: parts.filter((p) => p !== 'gap').length,
      source: row.pattern,
    };
    for (const key of first.words) {
      const list = index.get(key) ?? [];
      list.push(pattern);
      index.set(key, list);
    }
  }
  return index;
}

const INDEX = compile();
/** The words that start a pattern, for a quick "no pattern here" before the index. */
const FIRST_WORDS = new WordFilter(INDEX.keys());

const MODALS = new Set([...LEXICON.modals, ...LEXICON.modalContractions]);

/** wink's tag, except that a word right after a modal or an infinitival "to" is a verb ("would free"). */
function posAt(tokens: readonly Token[], k: number): string {
  const prev = tokens[k - 1];
  return prev && (MODALS.has(prev.lower) || (prev.lower === 'to' && prev.pos === 'PART'))
    ? 'VERB'
    : (tokens[k]?.pos ?? 'X');
}

function fits(part: Part, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  return (
    !!t && (part.words.has(t.lemma) || part.words.has(t.lower)) && (part.pos === null || part.pos.has(posAt(tokens, k)))
  );
}

/** End (exclusive) of a match of `p` at token i, or -1. */
function matchPattern(p: Pattern, tokens: readonly Token[], i: number, blocked: (k: number) => boolean): number {
  let k = i;
  for (let n = 0; n < p.parts.length; n += 1) {
    const part = p.parts[n]!;
    if (part === 'gap') {
      const nextPart = p.parts[n + 1];
      if (!nextPart || nextPart === 'gap') return -1;
      let found = -1;
      for (let g = k; g <= k + GAP && g < tokens.length; g += 1)
        if (fits(nextPart, tokens, g) && !blocked(g)) {
          found = g;
          break;
        }
      if (found < 0) return -1;
      k = found + 1;
      n += 1;
      continue;
    }
    if (!fits(part, tokens, k) || blocked(k)) return -1;
    k += 1;
  }
  return k;
}

function addMatches(
  found: Trigger[],
  patterns: readonly Pattern[] | undefined,
  tokens: readonly Token[],
  i: number,
  blocked: (k: number) => boolean,
): void {
  if (!patterns) return;
  for (const p of patterns) {
    const end = matchPattern(p, tokens, i, blocked);
    if (end > i)
      found.push({
        relation: p.relation,
        role: p.role,
        chain: p.chain,
        start: i,
        end,
        weight: p.weight,
        pattern: p.source,
      });
  }
}

/** All triggers of a sentence; where patterns overlap, the heavier (more words) wins; verb chains are composed. */
export function findTriggers(tokens: readonly Token[], blocked: (k: number) => boolean = () => false): Trigger[] {
  const found: Trigger[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (blocked(i)) continue;
    // "Russia-backed", "Saudi-led": a compound modifier describes, it reports no event.
    if (tokens[i - 1]?.text === '-' && t.lower.endsWith('ed') && tokens[i - 1]!.end === t.start) continue;
    if (FIRST_WORDS.mayHave(t.lemma)) addMatches(found, INDEX.get(t.lemma), tokens, i, blocked);
    if (t.lower !== t.lemma && FIRST_WORDS.mayHave(t.lower)) addMatches(found, INDEX.get(t.lower), tokens, i, blocked);
  }
  if (found.length === 0) return [];
  // Drop a trigger when a heavier one covers one of its tokens (e.g. "reject … allegations" over "reject").
  const kept = found.filter(
    (a) => !found.some((b) => b !== a && b.weight > a.weight && b.start <= a.start && a.start < b.end),
  );
  const seen = new Set<string>();
  const distinct = kept.filter((tr) => {
    const key = `${tr.relation}:${tr.start}:${tr.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return composeChains(tokens, distinct, blocked);
}
