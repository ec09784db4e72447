/**
 * The gazetteer: every known name (countries from world-countries plus data/ additions, organisations,
 * agencies, leaders, titles) in a token trie, matched longest-first over a sentence's tokens.
 */
import { COUNTRIES as countries } from './countries.ts';
import type { ActorKind } from '../ontology.ts';
import { AGENCIES, COUNTRY_EXTRAS, GENERIC_AGENCIES, LEADERS, LEXICON, ORGANIZATIONS } from './data.ts';
import { tokenizePhrases, type Token } from './nlp.ts';
import { WordFilter } from './wordfilter.ts';

export type GazetteerEntry =
  | { type: 'country'; iso: string; form: 'name' | 'capital' | 'ambiguous' }
  | { type: 'demonym'; iso: string }
  | { type: 'named'; id: string; kind: ActorKind; name: string; country: string | null; aliases: string[] }
  | { type: 'generic-agency'; slug: string; name: string }
  | { type: 'leader'; name: string; country: string | null; title: string; affiliation: string | null }
  | { type: 'title'; title: string };

/** `surface`: the phrase's tokens joined by spaces, typographic apostrophes made straight (as `surfaceKey` makes a match's). */
interface Terminal {
  entry: GazetteerEntry;
  surface: string;
  caseSensitive: boolean;
  capitalised: boolean;
}
interface TrieNode {
  next: Map<string, TrieNode>;
  terminals: Terminal[];
}

const root: TrieNode = { next: new Map(), terminals: [] };

/** Normalises typographic apostrophes so "China’s" and "China's" meet in the trie (`lower`: the token lower-cased). */
function keyOf(lower: string): string {
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** Phrases to add, in order: they are tokenized all at once (see tokenizePhrases), then put in the trie. */
const pending: { phrase: string; entry: GazetteerEntry; caseSensitive: boolean | undefined }[] = [];

function add(phrase: string, entry: GazetteerEntry, caseSensitive?: boolean): void {
  pending.push({ phrase, entry, caseSensitive });
}

/** `words`: the phrase's token texts. */
function insert(
  phrase: string,
  words: readonly string[],
  entry: GazetteerEntry,
  caseSensitive: boolean | undefined,
): void {
  if (words.length === 0) return;
  let node = root;
  for (const w of words) {
    const key = keyOf(w.toLowerCase());
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map(), terminals: [] };
      node.next.set(key, child);
    }
    node = child;
  }
  // One-word names are case-sensitive ("US" is not "us", "Nato" is not "nato"); longer ones are not.
  // A proper name written capitalised in the data must start with a capital in the text too ("Group of Seven", not "a group of seven").
  const capitalised = entry.type === 'named' && /^[A-Z]/.test(phrase);
  node.terminals.push({
    entry,
    surface: words.join(' ').replace(/’/g, "'"),
    caseSensitive: caseSensitive ?? words.length === 1,
    capitalised,
  });
}

const SHORT_CODES_OK = new Set(COUNTRY_EXTRAS.shortCodes);

function buildCountries(): void {
  const skip = new Set(COUNTRY_EXTRAS.skipNames);
  const ambiguous = new Set(COUNTRY_EXTRAS.ambiguousNames);
  for (const c of countries) {
    const iso = c.cca3;
    const names = new Set<string>([c.name.common, c.name.official, ...c.altSpellings]);
    for (const n of names) {
      if (ambiguous.has(n)) {
        add(n, { type: 'country', iso, form: 'ambiguous' });
        continue;
      }
      // The skip list is for capitals and demonyms that are other words; a state's own short name always counts.
      if ((skip.has(n) && n !== c.name.common) || /[^\x20-\x7E\u00C0-\u024F]/.test(n)) continue;
      if (n.length <= 4 && n === n.toUpperCase() && !SHORT_CODES_OK.has(n)) continue;
      add(n, { type: 'country', iso, form: 'name' });
      if (
        /^the /i.test(n) === false &&
        /^(?:United|Republic|Kingdom|Democratic|Federal|Islamic|Czech|Netherlands|Philippines|Bahamas|Gambia)/.test(n)
      ) {
        add(`the ${n}`, { type: 'country', iso, form: 'name' }, false);
      }
    }
    for (const cap of c.capital ?? []) if (!skip.has(cap)) add(cap, { type: 'country', iso, form: 'capital' });
    const dem = c.demonyms?.eng;
    // Territories share their state's demonym ("American" is also the Northern Mariana Islands'): skip them.
    if (c.independent)
      for (const d of new Set([dem?.m, dem?.f])) if (d && !skip.has(d)) add(d, { type: 'demonym', iso });
  }
  for (const [iso, list] of Object.entries(COUNTRY_EXTRAS.aliases))
    for (const n of list) add(n, { type: 'country', iso, form: 'name' });
  for (const [iso, list] of Object.entries(COUNTRY_EXTRAS.demonyms))
    for (const d of list) add(d, { type: 'demonym', iso });
  for (const [seat, iso] of Object.entries(COUNTRY_EXTRAS.seatsOfGovernment))
    add(seat, { type: 'country', iso, form: 'capital' });
}

function buildNamed(): void {
  for (const o of ORGANIZATIONS) {
    const entry: GazetteerEntry = {
      type: 'named',
      id: o.id,
      kind: o.kind,
      name: o.name,
      country: o.country ?? null,
      aliases: o.aliases,
    };
    for (const n of new Set([o.name, ...o.aliases])) add(n, entry);
  }
  for (const a of AGENCIES) {
    const entry: GazetteerEntry = {
      type: 'named',
      id: `agency:${a.country.toLowerCase()}:${a.slug}`,
      kind: 'AGENCY',
      name: a.name,
      country: a.country,
      aliases: a.aliases,
    };
    for (const n of new Set([a.name, ...a.aliases])) add(n, entry);
  }
  for (const g of GENERIC_AGENCIES) {
    for (const n of g.aliases) add(n, { type: 'generic-agency', slug: g.slug, name: g.name }, false);
  }
  for (const l of LEADERS) {
    add(
      l.name,
      { type: 'leader', name: l.name, country: l.country, title: l.title, affiliation: l.affiliation ?? null },
      true,
    );
  }
  for (const t of LEXICON.titles) add(t, { type: 'title', title: t }, true);
}

buildCountries();
buildNamed();
{
  const words = tokenizePhrases(pending.map((p) => p.phrase));
  pending.forEach((p, k) => insert(p.phrase, words[k]!, p.entry, p.caseSensitive));
  pending.length = 0;
}

/** The words that start a name, for a quick "no match here" before the trie's large root map. */
const STARTS = new WordFilter(root.next.keys());

export interface GazetteerMatch {
  start: number;
  end: number;
  entries: GazetteerEntry[];
}

/** Per token array (a sentence's tokens, never changed): its trie keys and the matches already computed. */
interface Seen {
  keys: (string | undefined)[];
  matches: (GazetteerMatch | null | undefined)[];
}
const memo = new WeakMap<readonly Token[], Seen>();
/** The token array asked about last, and its memo: a sentence's readers ask about the same array many times in a row. */
let lastTokens: readonly Token[] | null = null;
let lastSeen: Seen | null = null;

function seenOf(tokens: readonly Token[]): Seen {
  if (tokens === lastTokens && lastSeen) return lastSeen;
  let seen = memo.get(tokens);
  if (!seen) {
    seen = {
      keys: new Array<string | undefined>(tokens.length).fill(undefined),
      matches: new Array<GazetteerMatch | null | undefined>(tokens.length).fill(undefined),
    };
    memo.set(tokens, seen);
  }
  lastTokens = tokens;
  lastSeen = seen;
  return seen;
}

/** The longest gazetteer match starting at token `i` (end exclusive), or null. */
export function matchAt(tokens: readonly Token[], i: number): GazetteerMatch | null {
  const seen = seenOf(tokens);
  const hit = seen.matches[i];
  if (hit !== undefined) return hit;
  const found = longestMatch(tokens, i, seen.keys);
  seen.matches[i] = found;
  return found;
}

const CAPITALISED = /^[A-Z0-9]/;

/** Tokens [i, j] as a case-sensitive terminal's `surface` is written: joined by spaces, apostrophes straight. */
function surfaceKey(tokens: readonly Token[], i: number, j: number): string {
  let out = '';
  for (let k = i; k <= j; k += 1) out += (k > i ? ' ' : '') + tokens[k]!.text;
  return out.includes('’') ? out.replace(/’/g, "'") : out;
}

function longestMatch(tokens: readonly Token[], i: number, keys: (string | undefined)[]): GazetteerMatch | null {
  const head = tokens[i];
  if (!head) return null;
  if (!STARTS.mayHave(keys[i] ?? (keys[i] = keyOf(head.lower)))) return null;
  let node: TrieNode | undefined = root;
  let best: GazetteerMatch | null = null;
  let upper: boolean | undefined;
  for (let j = i; j < tokens.length && node; j += 1) {
    const tok = tokens[j];
    if (!tok) break;
    const key = keys[j] ?? (keys[j] = keyOf(tok.lower));
    node = node.next.get(key);
    if (!node || node.terminals.length === 0) continue;
    let surface: string | undefined;
    upper ??= CAPITALISED.test(tokens[i]!.text);
    const entries: GazetteerEntry[] = [];
    for (const t of node.terminals) {
      if (t.capitalised && !upper) continue;
      if (t.caseSensitive) {
        surface ??= surfaceKey(tokens, i, j);
        if (t.surface !== surface) continue;
      }
      entries.push(t.entry);
    }
    if (entries.length > 0) best = { start: i, end: j + 1, entries };
  }
  return best;
}
