/**
 * Actor mentions in one sentence: gazetteer names, officials (title + name), demonym phrases,
 * unnamed sets of people, generic bodies, and references back to actors met earlier in the article.
 */
import { LEXICON } from './data.ts';
import { matchAt, type GazetteerEntry, type GazetteerMatch } from './gazetteer.ts';
import type { Token } from './nlp.ts';
import type { ActorRegister } from './actors.ts';

export interface Mention {
  /** Token range in the sentence, end exclusive. */
  start: number;
  end: number;
  actorIds: string[];
  /** A place where something happens ("in Beijing"), not an agent. */
  locative: boolean;
  /** Mention of an inherited group ("allies") or a back-reference ("he", "Blinken"). */
  via: 'name' | 'official' | 'demonym' | 'person' | 'generic' | 'short-name' | 'pronoun' | 'allies';
  /** Each member's own token range, when several mentions were coordinated into one. */
  members?: { id: string; start: number; end: number }[];
}

/** What the mention finder remembers across the sentences of one article. */
export interface DiscourseState {
  register: ActorRegister;
  dateline: string | null;
  shortNames: Map<string, string>;
  lastOfficial: string | null;
  lastAgencyBySlug: Map<string, string>;
  lastGenericCountry: string | null;
  allyGroup: string[] | null;
}

const GOV_NOUNS = new Set(LEXICON.governmentNouns);
const PERSON_NOUNS = new Set(LEXICON.personNouns);
const QUANTITY = new Set(LEXICON.quantityWords);
const LOCATIVE = new Set(LEXICON.locativePrepositions);
const ALLY_WORDS = new Set(['allies', 'partners']);
const PRONOUNS = new Set(LEXICON.pronounsPersonal);
const NAME_STOP = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'The', 'On', 'In', 'And', 'But', 'He', 'She', 'It', 'They', 'We', 'I']);
/** Generic bodies that may stand without a country word ("the embassy said"). */
const BARE_GENERIC_OK = new Set(['foreign-ministry', 'embassy', 'consulate', 'defence-ministry', 'diplomatic-missions', 'interior-ministry', 'justice-ministry']);

function isNameToken(t: Token | undefined): boolean {
  return !!t && /^[A-Z][A-Za-z'’.\-]*[a-z][A-Za-z'’.\-]*$|^[A-Z]\.$/.test(t.text) && !NAME_STOP.has(t.text);
}

function entryOf<T extends GazetteerEntry['type']>(m: GazetteerMatch | null, type: T): Extract<GazetteerEntry, { type: T }> | undefined {
  return m?.entries.find((e) => e.type === type) as Extract<GazetteerEntry, { type: T }> | undefined;
}

function isPossessive(t: Token | undefined): boolean {
  return !!t && (t.text === "'s" || t.text === '’s' || t.text === "'" || t.text === '’');
}

/** Reads a person's name from token i: up to 4 capitalised tokens not themselves a known actor name. */
function readName(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j < tokens.length && j - i < 4 && isNameToken(tokens[j])) {
    const m = matchAt(tokens, j);
    if (m && m.entries.some((e) => e.type === 'country' || e.type === 'named' || e.type === 'demonym' || e.type === 'title')) break;
    j += 1;
  }
  return j;
}

interface Prefix { end: number; country: string | null; affiliation: string | null; titleWords: string }

/** A country, demonym or body that qualifies what follows ("US", "China's", "State Department"). */
function readPrefix(tokens: readonly Token[], i: number, m: GazetteerMatch | null, state: DiscourseState): Prefix | null {
  if (!m) return null;
  let end = m.end;
  if (isPossessive(tokens[end])) end += 1;
  const country = entryOf(m, 'country') ?? entryOf(m, 'demonym');
  if (country) return { end, country: country.iso, affiliation: null, titleWords: '' };
  const named = entryOf(m, 'named');
  if (named) return { end, country: named.country, affiliation: named.id, titleWords: tokens.slice(i, m.end).map((t) => t.text).join(' ') };
  const generic = entryOf(m, 'generic-agency');
  if (generic) {
    const iso = state.lastGenericCountry ?? state.dateline;
    return { end, country: iso, affiliation: iso ? `agency:${iso.toLowerCase()}:${generic.slug}` : null, titleWords: tokens.slice(i, m.end).map((t) => t.text).join(' ') };
  }
  return null;
}

/** Title + name ("Secretary of State Antony Blinken"), optionally after a prefix. Returns a mention or null. */
function readOfficial(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const m0 = matchAt(tokens, i);
  const leader = entryOf(m0, 'leader');
  if (leader) return official(tokens, i, m0!.end, leader.name, leader.country, leader.title, leader.affiliation, state);
  const prefix = readPrefix(tokens, i, m0, state);
  let j = prefix ? prefix.end : i;
  const tm = matchAt(tokens, j);
  const title = entryOf(tm, 'title');
  if (!title || !tm) return null;
  j = tm.end;
  // "Foreign Minister" after "Chinese", or a chained title ("Deputy Foreign Minister").
  const tm2 = matchAt(tokens, j);
  const title2 = entryOf(tm2, 'title');
  let titleText = tokens.slice(tm.start, j).map((t) => t.text).join(' ');
  if (title2 && tm2) {
    titleText = tokens.slice(tm.start, tm2.end).map((t) => t.text).join(' ');
    j = tm2.end;
  }
  const leaderAfter = entryOf(matchAt(tokens, j), 'leader');
  const nameEnd = readName(tokens, j);
  if (nameEnd === j) return null;
  const name = tokens.slice(j, nameEnd).map((t) => t.text).join(' ');
  if (nameEnd - j === 1 && !/^[A-Z]/.test(title.title)) return null;
  const fullTitle = prefix?.titleWords ? `${prefix.titleWords} ${titleText}` : titleText;
  const explicit = prefix && prefix.affiliation === null ? prefix.country : null;
  const country = explicit ?? leaderAfter?.country ?? prefix?.country ?? null;
  return official(tokens, i, nameEnd, leaderAfter?.name ?? name, country, fullTitle, prefix?.affiliation ?? leaderAfter?.affiliation ?? null, state);
}

function official(tokens: readonly Token[], start: number, end: number, name: string, country: string | null, title: string, affiliation: string | null, state: DiscourseState): Mention {
  const id = state.register.official(name, country, title, affiliation);
  const parts = name.split(/\s+/);
  const surname = parts[parts.length - 1];
  if (surname && parts.length > 1) state.shortNames.set(surname, id);
  state.shortNames.set(name, id);
  state.lastOfficial = id;
  void tokens;
  return { start, end, actorIds: [id], locative: false, via: 'official' };
}

/** Demonym phrases: "the Chinese government" (country), "Chinese embassy" (agency), "four Chinese nationals" (person). */
function readDemonym(tokens: readonly Token[], i: number, m: GazetteerMatch, iso: string, state: DiscourseState): Mention | null {
  let j = m.end;
  if (isPossessive(tokens[j])) j += 1;
  const g = matchAt(tokens, j);
  const generic = entryOf(g, 'generic-agency');
  if (generic && g) return genericMention(tokens, i, g.end, iso, generic.slug, generic.name, state);
  const next = tokens[j];
  const counted = QUANTITY.has(tokens[i - 1]?.lower ?? '') || /^\d/.test(tokens[i - 1]?.text ?? '');
  if (next && GOV_NOUNS.has(next.lower) && !counted) return { start: i, end: j + 1, actorIds: [state.register.country(iso)], locative: false, via: 'demonym' };
  if (next && (PERSON_NOUNS.has(next.lower) || (counted && GOV_NOUNS.has(next.lower)))) {
    let s = i;
    while (s > 0 && QUANTITY.has(tokens[s - 1]?.lower ?? '') ) s -= 1;
    if (s > 0 && /^\d[\d,]*$/.test(tokens[s - 1]?.text ?? '')) s -= 1;
    const text = tokens.slice(s, j + 1).map((t) => t.text).join(' ');
    return { start: s, end: j + 1, actorIds: [state.register.person(text.toLowerCase(), iso)], locative: false, via: 'person' };
  }
  if (next && ALLY_WORDS.has(next.lower) && state.allyGroup) return { start: i, end: j + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' };
  return null;
}

function genericMention(tokens: readonly Token[], start: number, end: number, iso: string, slug: string, name: string, state: DiscourseState): Mention {
  let fullSlug = slug;
  let fullName = name;
  let stop = end;
  // "the embassy in Australia": the host country names which mission.
  if ((slug === 'embassy' || slug === 'consulate') && tokens[end]?.lower === 'in') {
    const host = matchAt(tokens, end + 1);
    const hc = entryOf(host, 'country');
    if (hc && host) {
      fullSlug = `${slug}-in-${hc.iso.toLowerCase()}`;
      fullName = `${name} in ${tokens.slice(host.start, host.end).map((t) => t.text).join(' ')}`;
      stop = host.end;
    }
  }
  const id = state.register.genericAgency(iso, fullSlug, fullName);
  state.lastAgencyBySlug.set(slug, id);
  state.lastGenericCountry = iso;
  return { start, end: stop, actorIds: [id], locative: false, via: 'generic' };
}

function precededByLocative(tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  if (tokens[k]?.lower === 'the') k -= 1;
  return LOCATIVE.has(tokens[k]?.lower ?? '');
}

/** Finds the actor mentions of one sentence, left to right, longest first. */
export function findMentions(tokens: readonly Token[], state: DiscourseState, datelineTokens = 0): Mention[] {
  const out: Mention[] = [];
  let i = datelineTokens;
  while (i < tokens.length) {
    const m = readMentionAt(tokens, i, state);
    if (m) {
      out.push(m);
      i = Math.max(m.end, i + 1);
    } else i += 1;
  }
  defineAllies(tokens, out, state);
  return out;
}

function readMentionAt(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const tok = tokens[i];
  if (!tok) return null;
  const off = readOfficial(tokens, i, state);
  if (off) return off;
  const m = matchAt(tokens, i);
  const country = entryOf(m, 'country');
  const demonym = entryOf(m, 'demonym');
  const named = entryOf(m, 'named');
  const generic = entryOf(m, 'generic-agency');
  if (m && (country || demonym)) {
    const iso = (country ?? demonym)!.iso;
    const d = readDemonym(tokens, i, m, iso, state);
    if (d) return d;
    if (!country) return null;
    // "Beijing-supported": an adjective, not an agent.
    if (tokens[m.end]?.text === '-' || /^-/.test(tokens[m.end]?.text ?? '')) return null;
    if (tokens[m.end] && ALLY_WORDS.has(tokens[m.end]!.lower)) {
      return state.allyGroup ? { start: i, end: m.end + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' } : null;
    }
    return { start: i, end: m.end, actorIds: [state.register.country(iso, tokens.slice(i, m.end).map((t) => t.text).join(' '))], locative: precededByLocative(tokens, i), via: 'name' };
  }
  if (m && named) {
    const surface = tokens.slice(i, m.end).map((t) => t.text).join(' ');
    const id = state.register.named(named.id, named.kind, named.name, named.country, surface);
    return { start: i, end: m.end, actorIds: [id], locative: precededByLocative(tokens, i), via: 'name' };
  }
  if (m && generic) {
    // A bare body is the one met before, or the dateline's, and only for diplomatic bodies.
    const prev = tokens[i - 1]?.lower;
    if (prev !== 'the' && prev !== 'a' && prev !== 'its') return null;
    const known = state.lastAgencyBySlug.get(generic.slug);
    if (known && !(generic.slug === 'embassy' && tokens[m.end]?.lower === 'in')) {
      return { start: i, end: m.end, actorIds: [known], locative: false, via: 'generic' };
    }
    if (!BARE_GENERIC_OK.has(generic.slug)) return null;
    const iso = state.lastGenericCountry ?? state.dateline;
    if (!iso) return null;
    return genericMention(tokens, i, m.end, iso, generic.slug, generic.name, state);
  }
  const short = state.shortNames.get(tok.text);
  if (short && /^[A-Z]/.test(tok.text)) {
    state.lastOfficial = short;
    return { start: i, end: i + 1, actorIds: [short], locative: false, via: 'short-name' };
  }
  if (PRONOUNS.has(tok.lower) && state.lastOfficial) return { start: i, end: i + 1, actorIds: [state.lastOfficial], locative: false, via: 'pronoun' };
  if (ALLY_WORDS.has(tok.lower) && state.allyGroup && tokens[i - 1]?.lower !== 'including') return { start: i, end: i + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' };
  return null;
}

/** "allies — the European Union, Britain … and Nato": remember the members for later "allies". */
function defineAllies(tokens: readonly Token[], mentions: Mention[], state: DiscourseState): void {
  for (let k = 0; k < tokens.length; k += 1) {
    if (!ALLY_WORDS.has(tokens[k]?.lower ?? '')) continue;
    let j = k + 1;
    while (j < tokens.length && /^[—–:,-]$|^including$|^such$|^as$|^the$/i.test(tokens[j]?.text ?? '')) j += 1;
    if (j === k + 1 && tokens[j]?.lower !== 'the') continue;
    const members: string[] = [];
    let cursor = j;
    for (const m of mentions) {
      if (m.start < cursor) continue;
      const gap = tokens.slice(cursor, m.start).map((t) => t.lower);
      if (gap.some((g) => !/^(,|and|the|&)$/.test(g))) break;
      members.push(...m.actorIds);
      cursor = m.end;
    }
    if (members.length >= 2) state.allyGroup = members;
  }
}

/** Groups coordinated mentions ("the EU, Britain and Nato") into one list of actor ids. */
export function coordinate(tokens: readonly Token[], mentions: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    if (last && !m.locative && !last.locative) {
      const gap = tokens.slice(last.end, m.start).map((t) => t.lower);
      if (gap.length > 0 && gap.length <= 3 && gap.every((g) => /^(,|and|the|&|as|well|or)$/.test(g)) && gap.some((g) => g === 'and' || g === ',' || g === '&')) {
        out[out.length - 1] = { ...last, end: m.end, actorIds: [...new Set([...last.actorIds, ...m.actorIds])], members: [...membersOf(last), ...membersOf(m)] };
        continue;
      }
    }
    out.push({ ...m, actorIds: [...m.actorIds] });
  }
  return out;
}

export function membersOf(m: Mention): { id: string; start: number; end: number }[] {
  return m.members ?? m.actorIds.map((id) => ({ id, start: m.start, end: m.end }));
}
