/**
 * Mentions the gazetteer does not know, found on the parse: named people and bodies from the engine's
 * named-entity tags, resolved through the PETRARCH2 dictionaries (office holders valid at the article's
 * date, organisations, armed groups) or described by what the text says of them (title, nationality); and
 * agent nouns with a state as modifier ("Nigerian prosecutors", "the court in Lyon" is left alone: no state).
 *
 * Only spans no gazetteer mention overlaps are read here: the gazetteer's curated names win.
 */
import { loadPetrarchDicts, type PetrarchDicts } from '../dicts/petrarch.ts';
import { LEXICON } from './data.ts';
import { children, type SentenceGraph } from './graph.ts';
import { slugify } from './ids.ts';
import type { DiscourseState, Mention } from './mentions.ts';
import type { Token } from './nlp.ts';

let dicts: PetrarchDicts | null = null;
function petrarch(): PetrarchDicts {
  dicts ??= loadPetrarchDicts();
  return dicts;
}

/** Words of office: those of the titles ("Secretary of State": not "state", nor "of") and the office nouns. */
const NOT_OFFICES = new Set(LEXICON.titleWordsNotOffices);
const TITLE_WORDS = new Set([
  ...LEXICON.titles.flatMap((t) => t.toLowerCase().split(/\s+/)).filter((w) => w.length > 2 && !NOT_OFFICES.has(w)),
  ...LEXICON.officeNouns,
]);
/** Sectors of agent nouns that make a body of the state ("police", "courts", "troops"), not a private one. */
const STATE_SECTORS = new Set(LEXICON.stateSectors);
/** Agent nouns that are the state itself (ANNOTATION.md: a government acts as its country). */
const STATE_ITSELF = new Set(LEXICON.stateItselfNouns);
const MODIFIER = (d: string): boolean =>
  d === 'amod' || d === 'compound' || d === 'nmod:poss' || d === 'nmod:of' || d === 'nmod:in' || d === 'appos';
const DETERMINERS = new Set(LEXICON.articles);
const LEADING = /^(the|a|an)\s+/i;

function titleCase(s: string): string {
  return s.replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

/** The state a mention stands for or belongs to (a country mention, or an official/agency of one). */
function stateOfMention(m: Mention, state: DiscourseState): string | null {
  if (m.actorIds.length !== 1) return null;
  return state.register.countryOf(m.actorIds[0]!);
}

/**
 * The state a node is qualified by: a modifier that is a country mention or a country word ("Indian
 * external affairs minister Jaishankar": amod → Indian; "the minister of Peru": nmod:of → Peru), two steps deep.
 */
function stateModifier(
  g: SentenceGraph,
  n: number,
  text: string,
  mentionAt: (tok: number) => Mention | null,
  state: DiscourseState,
  date: string | undefined,
  depth = 2,
): string | null {
  for (const c of children(g, n, MODIFIER)) {
    const node = g.nodes[c]!;
    const m = node.token >= 0 ? mentionAt(node.token) : null;
    const iso = (m ? stateOfMention(m, state) : null) ?? petrarch().countryOf(text.slice(node.start, node.end), date);
    if (iso) return iso;
    if (depth > 1) {
      const deeper = stateModifier(g, c, text, mentionAt, state, date, depth - 1);
      if (deeper) return deeper;
    }
  }
  return null;
}

function titleOf(g: SentenceGraph, n: number, text: string): string | null {
  const words: { at: number; w: string }[] = [];
  const stack = children(g, n, (d) => d === 'compound' || d === 'appos');
  const seen = new Set<number>();
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    const node = g.nodes[c]!;
    if (node.ner === 'PERSON') continue;
    words.push({ at: node.start, w: text.slice(node.start, node.end) });
    for (const d of children(g, c, (x) => x === 'compound' || x === 'amod')) stack.push(d);
  }
  if (!words.some((x) => TITLE_WORDS.has(x.w.toLowerCase()))) return null;
  return words
    .sort((a, b) => a.at - b.at)
    .map((x) => x.w)
    .join(' ')
    .replace(/^\p{Lu}\p{Ll}+an\s+/u, (x) => (petrarch().countryOf(x.trim()) ? '' : x));
}

export interface NerContext {
  tokens: readonly Token[];
  graph: SentenceGraph;
  /** The article text the tokens' offsets point into. */
  text: string;
  /** The article's date (YYYY-MM-DD) for office holders, or null. */
  date: string | null;
  state: DiscourseState;
  /** The sentence's mentions so far; spans they cover are not read again. */
  mentions: readonly Mention[];
}

/** Named people, named bodies and state agent nouns of a parsed sentence that `mentions` lacks. */
export function nerMentions(ctx: NerContext): Mention[] {
  const { graph: g, tokens, text, state } = ctx;
  const date = ctx.date ?? undefined;
  const covered = new Uint8Array(tokens.length);
  for (const m of ctx.mentions) covered.fill(1, m.start, m.end);
  const mentionAt = (tok: number): Mention | null => ctx.mentions.find((m) => tok >= m.start && tok < m.end) ?? null;
  const out: Mention[] = [];
  // Runs of nodes with one entity tag.
  let k = 0;
  while (k < g.nodes.length) {
    const tag = g.nodes[k]!.ner;
    let e = k + 1;
    while (e < g.nodes.length && g.nodes[e]!.ner === tag && g.nodes[e]!.token >= 0) e += 1;
    if ((tag === 'PERSON' || tag === 'ORGANIZATION' || tag === 'LOCATION') && g.nodes[k]!.token >= 0) {
      const from = g.nodes[k]!.token;
      const to = g.nodes[e - 1]!.token + 1;
      let free = true;
      for (let t = from; t < to; t += 1) if (covered[t]) free = false;
      if (free) {
        const m =
          tag === 'PERSON'
            ? personMention(ctx, k, e, from, to, mentionAt, date)
            : tag === 'LOCATION'
              ? countryMention(ctx, k, e, from, to, date)
              : bodyMention(ctx, k, e, from, to, mentionAt, date);
        if (m) {
          out.push(m);
          covered.fill(1, m.start, m.end);
        }
      }
    }
    k = e;
  }
  // "Nigerian prosecutors", "Iran's judiciary", "the police of Peru": an agent noun qualified by a state.
  for (const node of g.nodes) {
    if (node.token < 0 || covered[node.token] || !node.pos.startsWith('NN') || node.ner !== 'O') continue;
    const sense =
      petrarch().agents(text.slice(node.start, node.end).toLowerCase())[0] ?? petrarch().agents(node.lemma)[0];
    if (!sense?.sector || !STATE_SECTORS.has(sense.sector)) continue;
    const iso = stateModifier(g, node.id, text, mentionAt, state, date, 1);
    if (!iso) continue;
    const mods = children(g, node.id, MODIFIER)
      .map((c) => g.nodes[c]!.token)
      .filter((t) => t >= 0 && t < node.token);
    const start = Math.min(node.token, ...mods);
    const noun = text.slice(node.start, node.end).toLowerCase();
    // "the Russian government" is the state itself. "The Iranian president" is an office, not a body: left to the
    // mention finder (mapping unnamed office holders to their state helped the PLV sentences and cost the dev split a
    // false positive: not taken).
    if (TITLE_WORDS.has(node.lemma)) continue;
    const itself = STATE_ITSELF.has(node.lemma);
    const id = itself ? state.register.country(iso) : state.register.genericAgency(iso, slugify(noun), noun);
    if (!itself) state.recentAgencies.push(id);
    out.push({ start, end: node.token + 1, actorIds: [id], locative: false, via: 'generic' });
    covered.fill(1, start, node.token + 1);
  }
  return out;
}

function spanText(ctx: NerContext, a: number, b: number): string {
  return ctx.text.slice(ctx.graph.nodes[a]!.start, ctx.graph.nodes[b - 1]!.end).replace(LEADING, '');
}

function personMention(
  ctx: NerContext,
  a: number,
  b: number,
  from: number,
  to: number,
  mentionAt: (tok: number) => Mention | null,
  date: string | undefined,
): Mention | null {
  const { state, graph: g, text } = ctx;
  const name = spanText(ctx, a, b);
  const known = state.shortNames.get(name);
  if (known) {
    if (state.register.kindOf(known) === 'OFFICIAL') state.lastOfficial = known;
    return { start: from, end: to, actorIds: [known], locative: false, via: 'short-name' };
  }
  const head = b - 1;
  const holding = petrarch()
    .officeHolders(name, date)
    .find((h) => h.country);
  const title = titleOf(g, head, text);
  // A title with no state of its own ("Foreign Minister X said") is one of the document's issuer's state or,
  // in a wire story, of its dateline's ("ANKARA — Defence Minister X said").
  const iso =
    stateModifier(g, head, text, mentionAt, state, date) ??
    holding?.country ??
    (title ? (state.home ?? state.dateline) : null);
  let id: string;
  const full = holding ? titleCase(holding.name) : name;
  if (title || holding?.kind === 'OFFICIAL') {
    id = state.register.official(full, iso, title, null);
    state.lastOfficial = id;
    state.recentOfficials.push(id);
  } else {
    id = state.register.namedPerson(full, iso);
    state.register.incidental.add(id);
  }
  const parts = full.split(/\s+/);
  if (parts.length > 1) state.shortNames.set(parts[parts.length - 1]!, id);
  state.shortNames.set(name, id);
  if (name !== full) state.register.actors.get(id)?.aliases.push(name);
  return { start: from, end: to, actorIds: [id], locative: false, via: 'person' };
}

/** A place the engine tags that the dictionaries know as a country ("Mali", "Timor-Leste"); other places are no actors. */
function countryMention(
  ctx: NerContext,
  a: number,
  b: number,
  from: number,
  to: number,
  date: string | undefined,
): Mention | null {
  const iso = petrarch().countryOf(spanText(ctx, a, b), date);
  if (!iso) return null;
  // "in Mali", "to Bamako": a place where something happens, unless the graph makes it an argument.
  const head = ctx.graph.nodes[b - 1]!;
  const locative = head.in.some((e) =>
    /^(?:obl|nmod):(?:in|at|from|near|across|inside|throughout|within)$/.test(e.dep),
  );
  return { start: from, end: to, actorIds: [ctx.state.register.country(iso)], locative, via: 'name' };
}

function bodyMention(
  ctx: NerContext,
  a: number,
  b: number,
  from: number,
  to: number,
  mentionAt: (tok: number) => Mention | null,
  date: string | undefined,
): Mention | null {
  const { state, graph: g, text } = ctx;
  const name = spanText(ctx, a, b);
  if (DETERMINERS.has(name.toLowerCase())) return null;
  // "Secretary of State", "the Government": one common noun tagged as a body names none.
  if (b - a === 1 && petrarch().agents(name.toLowerCase()).length > 0) return null;
  const known = state.shortNames.get(name);
  if (known) return { start: from, end: to, actorIds: [known], locative: false, via: 'short-name' };
  const entry = petrarch().actors(name, date)[0];
  const head = b - 1;
  const iso = entry?.country ?? stateModifier(g, head, text, mentionAt, state, date) ?? countryInside(ctx, a, b, date);
  let id: string;
  const display = entry ? (entry.name.length <= 6 ? entry.name.toUpperCase() : titleCase(entry.name)) : name;
  const kind =
    entry?.kind ?? (stateBody(text.slice(g.nodes[head]!.start, g.nodes[head]!.end)) && iso ? 'AGENCY' : 'ORGANIZATION');
  if (kind === 'AGENCY' && iso) {
    id = state.register.named(`agency:${iso.toLowerCase()}:${slugify(display)}`, 'AGENCY', display, iso, name);
    state.recentAgencies.push(id);
  } else if (kind === 'GROUP') id = state.register.named(`group:${slugify(display)}`, 'GROUP', display, iso, name);
  else if (kind === 'ALLIANCE')
    id = state.register.named(`alliance:${slugify(display)}`, 'ALLIANCE', display, null, name);
  else if (kind === 'OFFICIAL' || kind === 'PERSON') return null;
  else {
    id = state.register.named(
      `org:${(iso ?? 'xxx').toLowerCase()}:${slugify(display)}`,
      'ORGANIZATION',
      display,
      iso,
      name,
    );
    if (!entry) state.register.incidental.add(id);
  }
  state.shortNames.set(name, id);
  return { start: from, end: to, actorIds: [id], locative: false, via: 'name' };
}

/** "Nigerian Senate", "Indian Navy": the state named inside a body's name. */
function countryInside(ctx: NerContext, a: number, b: number, date: string | undefined): string | null {
  for (let n = a; n < b; n += 1) {
    const node = ctx.graph.nodes[n]!;
    const iso = petrarch().countryOf(ctx.text.slice(node.start, node.end), date);
    if (iso) return iso;
  }
  return null;
}

/** Whether a body's head noun makes it an organ of a state: "Senate", "Ministry", "Police", "Army", "Court". */
function stateBody(head: string): boolean {
  const sense = petrarch().agents(head.toLowerCase())[0];
  return !!sense?.sector && STATE_SECTORS.has(sense.sector);
}

/**
 * Officials the mention finder named without a state where the parse shows one: "Pakistan's Foreign Office
 * spokesperson Zahid Hafeez Chaudhri" (nmod:poss), "the Kenyan foreign minister, Amina Otieno" (amod). They
 * are registered again under that state (the id carries it); later short names follow the new id.
 */
export function restateOfficials(ctx: NerContext): Mention[] {
  const { graph: g, state, text } = ctx;
  const mentionAt = (tok: number): Mention | null => ctx.mentions.find((m) => tok >= m.start && tok < m.end) ?? null;
  return ctx.mentions.map((m) => {
    if (m.actorIds.length !== 1 || m.members) return m;
    const a = state.register.actors.get(m.actorIds[0]!);
    if (!a || a.kind !== 'OFFICIAL' || a.country) return m;
    const inside = (tok: number): Mention | null => (tok >= m.start && tok < m.end ? null : mentionAt(tok));
    let iso: string | null = null;
    for (let k = m.start; k < m.end && !iso; k += 1)
      for (const n of g.ofToken[k] ?? []) iso ??= stateModifier(g, n, text, inside, state, ctx.date ?? undefined, 1);
    if (!iso) return m;
    const id = state.register.official(a.name, iso, a.title, null);
    for (const [k, v] of state.shortNames) if (v === a.id) state.shortNames.set(k, id);
    if (state.lastOfficial === a.id) state.lastOfficial = id;
    state.recentOfficials.push(id);
    return { ...m, actorIds: [id] };
  });
}
