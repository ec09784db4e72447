/**
 * Actor mentions in one sentence: gazetteer names, officials (title + name), demonym phrases,
 * unnamed sets of people, generic bodies, and references back to actors met earlier in the article.
 */
import { GENERIC_AGENCIES, LEXICON } from './data.ts';
import { matchAt, type GazetteerEntry, type GazetteerMatch } from './gazetteer.ts';
import { tokenizePhrase, type Token } from './nlp.ts';
import type { ActorRegister } from './actors.ts';

export interface Mention {
  /** Token range in the sentence, end exclusive. */
  start: number;
  end: number;
  actorIds: string[];
  /** A place where something happens ("in Beijing"), not an agent. */
  locative: boolean;
  /** Mention of an inherited group ("allies") or a back-reference ("he", "Blinken"). */
  via:
    'name' | 'official' | 'demonym' | 'person' | 'generic' | 'short-name' | 'pronoun' | 'allies' | 'title' | 'author';
  /** Carried over from an earlier sentence (a quote's speaker): its token range is not this sentence's. */
  carried?: boolean;
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
  /** Country of the body that issued the document (a ministry's press release), for officials it leaves implicit. */
  home: string | null;
  /** Officials and agencies in order of mention, most recent last: "the Secretary", "the ministry". */
  recentOfficials: string[];
  recentAgencies: string[];
  /** The country named first in the current sentence, usually its subject, else the last one ("the country's defence minister"). */
  lastCountry: string | null;
  sentenceCountry: string | null;
  /** Armed groups described by their sponsor, for "these militias". */
  recentGroups: string[];
  /** The named members of a described set of people ("two Chinese nationals" = Zhao Guangzong and Ni Gaobin). */
  setMembers: Map<string, string[]>;
  /** Where the last "the <Title>" reference of the sentence ended. */
  titleRefEnd: number;
  /** The sentence's opening state or body, for "what it called". */
  sentenceSubject: string | null;
  /** The country last given to a role noun ("a British diplomat"), for "the diplomat, identified as …". */
  roleCountry: Map<string, string>;
}

export function newDiscourseState(
  register: ActorRegister,
  dateline: string | null,
  home: string | null,
): DiscourseState {
  return {
    register,
    dateline,
    home,
    shortNames: new Map(),
    lastOfficial: null,
    lastAgencyBySlug: new Map(),
    lastGenericCountry: null,
    allyGroup: null,
    recentOfficials: [],
    recentAgencies: [],
    lastCountry: null,
    sentenceCountry: null,
    recentGroups: [],
    setMembers: new Map(),
    titleRefEnd: -1,
    sentenceSubject: null,
    roleCountry: new Map(),
  };
}

const GOV_NOUNS = new Set(LEXICON.governmentNouns);
const PERSON_NOUNS = new Set(LEXICON.personNouns);
const QUANTITY = new Set(LEXICON.quantityWords);
const LOCATIVE = new Set(LEXICON.locativePrepositions);
const ALLY_WORDS = new Set(LEXICON.allyNouns);
const LOCATING_PARTICIPLES = new Set(LEXICON.locatingParticiples);
const SPONSOR_PARTICIPLES = new Set(LEXICON.sponsorParticiples);
const COUNTRY_CONTEXT_WORDS = new Set(LEXICON.countryContextWords);
const TITLE_COUNTRY_LINKS = new Set(LEXICON.titleCountryLinks);
const OFFICE_NAME_LINKS = new Set(LEXICON.officeNameLinks);
const FINITE_BE_FORMS = new Set(LEXICON.finiteBeForms);
const SPEECH_FORMS = new Set(LEXICON.speechVerbFormsAfterIt);
const PRONOUNS = new Set(LEXICON.pronounsPersonal);
const NAME_STOP = new Set(LEXICON.nameStopWords);
/** Generic bodies that may stand without a country word ("the embassy said"). */
const BARE_GENERIC_OK = new Set(GENERIC_AGENCIES.filter((g) => g.bare).map((g) => g.slug));

// Patterns tested once or more per token live here: a regular expression literal inside a function is a new object each time it runs.
/** A capitalised word with a lower-case letter ("Blinken", "al-Sudani", "O'Brien"), or an initial ("J."). */
const NAME_WORD = /^[A-Z]['\-.A-Z\u2019]*[a-z]['\-.A-Za-z\u2019]*$|^[A-Z]\.$/;
const SPOKESPERSON = new Set(LEXICON.spokespersonNouns);
/** Ids of the actors that can be a sentence's subject for "what it called". */
const SUBJECT_ID = /^(?:country|agency|alliance):/;

function isNameToken(t: Token | undefined): boolean {
  if (!t) return false;
  // Most tokens fail on their first character (NAME_WORD wants A-Z there): no need to run the pattern.
  const first = t.text.charCodeAt(0);
  return first >= 65 && first <= 90 && NAME_WORD.test(t.text) && !NAME_STOP.has(t.text);
}

function entryOf<T extends GazetteerEntry['type']>(
  m: GazetteerMatch | null,
  type: T,
): Extract<GazetteerEntry, { type: T }> | undefined {
  if (!m) return undefined;
  for (const e of m.entries) if (e.type === type) return e as Extract<GazetteerEntry, { type: T }>;
  return undefined;
}

function isPossessive(t: Token | undefined): boolean {
  return !!t && (t.text === "'s" || t.text === '’s' || t.text === "'" || t.text === '’');
}

/** Particles inside a personal name: "Mohammed Shia' al-Sudani", "Mohammed bin Salman", "Ursula von der Leyen". */
const NAME_PARTICLES = new Set(LEXICON.nameParticles);

function isKnownName(tokens: readonly Token[], j: number): boolean {
  const m = matchAt(tokens, j);
  return (
    !!m &&
    m.entries.some(
      (e) =>
        (e.type === 'country' && e.form !== 'ambiguous') ||
        e.type === 'named' ||
        e.type === 'demonym' ||
        e.type === 'title',
    )
  );
}

/** Reads a person's name from token i: up to 5 capitalised tokens (with name particles) not themselves a known actor name. */
function readName(tokens: readonly Token[], i: number): number {
  let j = i;
  let words = 0;
  while (j < tokens.length && words < 5) {
    const t = tokens[j]!;
    if (isNameToken(t)) {
      if (isKnownName(tokens, j)) break;
      j += 1;
      words += 1;
      continue;
    }
    if (j === i) break;
    const prev = tokens[j - 1]!;
    // "Shia' al-Sudani": an apostrophe glued to the name, then a particle.
    const glued = /^['’]$/.test(t.text) && t.start === prev.end && NAME_PARTICLES.has(tokens[j + 1]?.lower ?? '');
    if (glued) {
      j += 1;
      continue;
    }
    if (NAME_PARTICLES.has(t.lower)) {
      const k = tokens[j + 1]?.text === '-' ? j + 2 : j + 1;
      if (isNameToken(tokens[k])) {
        j = k;
        continue;
      }
    }
    break;
  }
  return j;
}

/** The texts of tokens [a, b) joined by single spaces ("Foreign Minister", "al - Sudani"). */
function joined(tokens: readonly Token[], a: number, b: number): string {
  let out = '';
  for (let k = a; k < b && k < tokens.length; k += 1) out += k > a ? ` ${tokens[k]!.text}` : tokens[k]!.text;
  return out;
}

/** The text of tokens [a, b) with the original spacing ("al-Sudani", not "al - Sudani"). */
export function surfaceOf(tokens: readonly Token[], a: number, b: number): string {
  let out = '';
  for (let k = a; k < b; k += 1) {
    const t = tokens[k]!;
    out += k > a && t.start > tokens[k - 1]!.end ? ` ${t.text}` : t.text;
  }
  return out;
}

interface Prefix {
  end: number;
  country: string | null;
  affiliation: string | null;
  titleWords: string;
}

/** A country, demonym or body that qualifies what follows ("US", "China's", "State Department"). */
function readPrefix(
  tokens: readonly Token[],
  i: number,
  m: GazetteerMatch | null,
  state: DiscourseState,
): Prefix | null {
  // "the country's defence minister": the country named last.
  const theCountry = state.sentenceCountry ?? state.lastCountry;
  if (tokens[i]?.lower === 'country' && tokens[i - 1]?.lower === 'the' && isPossessive(tokens[i + 1]) && theCountry) {
    return { end: i + 2, country: theCountry, affiliation: null, titleWords: '' };
  }
  if (!m) return null;
  let end = m.end;
  if (isPossessive(tokens[end])) end += 1;
  const country = entryOf(m, 'country') ?? entryOf(m, 'demonym');
  if (country) return { end, country: country.iso, affiliation: null, titleWords: '' };
  const named = entryOf(m, 'named');
  if (named) return { end, country: named.country, affiliation: named.id, titleWords: joined(tokens, i, m.end) };
  const generic = entryOf(m, 'generic-agency');
  if (generic) {
    const iso = state.lastGenericCountry ?? state.dateline ?? state.home;
    return {
      end,
      country: iso,
      affiliation: iso ? `agency:${iso.toLowerCase()}:${generic.slug}` : null,
      titleWords: joined(tokens, i, m.end),
    };
  }
  return null;
}

/** Titles whose holder usually serves abroad or for someone else: never given the document's own country. */
const FOREIGN_FACING =
  /ambassador|envoy|representative|commissioner|secretary-general|secretary general|high representative/i;
/** Honorifics: a name after them is a person, but they say nothing about office. */
const HONORIFICS = new Set(LEXICON.honorifics);

/** "Antony J. Blinken" is the leader "Antony Blinken": drop middle initials before the lookup. */
const leaderCache = new Map<string, Extract<GazetteerEntry, { type: 'leader' }> | undefined>();

function leaderNamed(name: string): Extract<GazetteerEntry, { type: 'leader' }> | undefined {
  const plain = name.replace(/\s+[A-Z]\.(?=\s)/g, '');
  if (plain === name) return undefined;
  if (leaderCache.has(plain)) return leaderCache.get(plain);
  const toks = tokenizePhrase(plain);
  const m = matchAt(toks, 0);
  const found = m && m.end === toks.length ? entryOf(m, 'leader') : undefined;
  if (leaderCache.size < 10000) leaderCache.set(plain, found);
  return found;
}

/** What follows a name and says whose official it is: "of Iraq", "(Denmark)", "of the Justice Department", ", UK Permanent Representative". */
function readAfterName(
  tokens: readonly Token[],
  j: number,
  state: DiscourseState,
): { end: number; country: string | null; affiliation: string | null } | null {
  const t = tokens[j];
  if (!t) return null;
  if (t.lower === 'of') {
    const k = tokens[j + 1]?.lower === 'the' ? j + 2 : j + 1;
    const m = matchAt(tokens, k);
    const c = entryOf(m, 'country');
    if (c && m) return { end: m.end, country: c.iso, affiliation: null };
    const n = entryOf(m, 'named');
    if (n && m && n.country)
      return { end: m.end, country: n.country, affiliation: registerNamed(state, n, surfaceOf(tokens, k, m.end)) };
    return null;
  }
  if (t.text === '(') {
    const m = matchAt(tokens, j + 1);
    const c = entryOf(m, 'country');
    if (c && m && tokens[m.end]?.text === ')') return { end: m.end + 1, country: c.iso, affiliation: null };
    return null;
  }
  if (t.text === ',') {
    const m = matchAt(tokens, j + 1);
    const c = entryOf(m, 'country') ?? entryOf(m, 'demonym');
    if (c && m && /^[A-Z]/.test(tokens[m.end]?.text ?? '') && !isKnownName(tokens, m.end))
      return { end: j, country: c.iso, affiliation: null };
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
  // "Foreign Minister" after "Chinese", or a chained title ("Deputy Foreign Minister", "State Councilor and Foreign Minister").
  let titleEnd = j;
  // "The Secretary and Foreign Minister Dendias" are two people: a title after "the" is a reference, not the first of a chain.
  const chainAnd = !(prefix === null && tokens[i - 1]?.lower === 'the');
  for (;;) {
    const at = chainAnd && tokens[j]?.lower === 'and' && /^[A-Z]/.test(tokens[j + 1]?.text ?? '') ? j + 1 : j;
    const tm2 = matchAt(tokens, at);
    if (!entryOf(tm2, 'title') || !tm2 || HONORIFICS.has(tokens[at]!.text)) break;
    j = tm2.end;
    titleEnd = j;
  }
  let titleText = joined(tokens, tm.start, titleEnd);
  // "the President of the United States, Joe Biden", "Britain's ambassador in Moscow, Anthony Brenton", "UK Ambassador to Russia Nigel Casey".
  let ofCountry: string | null = null;
  if (TITLE_COUNTRY_LINKS.has(tokens[j]?.lower ?? '')) {
    const k = tokens[j + 1]?.lower === 'the' ? j + 2 : j + 1;
    const cm = matchAt(tokens, k);
    const c = entryOf(cm, 'country');
    if (c && cm) {
      const after = tokens[cm.end]?.text === ',' ? cm.end + 1 : cm.end;
      if (isNameToken(tokens[after]) && readName(tokens, after) > after) {
        if (tokens[j]!.lower === 'of') ofCountry = c.iso;
        titleText = joined(tokens, tm.start, cm.end);
        j = after;
      }
    }
  }
  if (tokens[j]?.text === ',' && tm.start === i && isNameToken(tokens[j + 1])) j += 1;
  // "Under Secretary of the Treasury for Terrorism and Financial Intelligence Brian E. Nelson": a long office, then
  // the name as its last two capitalised words (three with a middle initial).
  if (/^(?:of|for)$/.test(tokens[j]?.lower ?? '') && ofCountry === null) {
    let k = j;
    while (k < tokens.length && k - j < 14 && (OFFICE_NAME_LINKS.has(tokens[k]!.lower) || isNameToken(tokens[k])))
      k += 1;
    const initial = /^[A-Z]\.$/.test(tokens[k - 2]?.text ?? '');
    const start = k - (initial ? 3 : 2);
    const clean = !NAME_PARTICLES.has(tokens[k]?.lower ?? '') && !/^['’-]$/.test(tokens[k]?.text ?? '');
    if (clean && start > j + 1 && tokens.slice(start, k).every((t) => isNameToken(t)) && !isKnownName(tokens, start)) {
      titleText = surfaceOf(tokens, tm.start, start);
      j = start;
    }
  }
  const leaderAfter = entryOf(matchAt(tokens, j), 'leader');
  const nameEnd = leaderAfter ? matchAt(tokens, j)!.end : readName(tokens, j);
  if (nameEnd === j) return null;
  const name = surfaceOf(tokens, j, nameEnd);
  if (nameEnd - j === 1 && !/^[A-Z]/.test(title.title)) return null;
  // "Secretary Blinken", "Mr Dowden": the official met before.
  const known = nameEnd - j === 1 ? state.shortNames.get(name) : (state.shortNames.get(name) ?? undefined);
  if (known) return reuseOfficial(known, i, nameEnd, state);
  const fullTitle = HONORIFICS.has(title.title)
    ? ''
    : prefix?.titleWords
      ? `${prefix.titleWords} ${titleText}`
      : titleText;
  const byName = leaderAfter ?? leaderNamed(name);
  const after = readAfterName(tokens, nameEnd, state);
  const explicit =
    (prefix && prefix.affiliation === null ? prefix.country : null) ?? ofCountry ?? after?.country ?? null;
  const implied = fullTitle && !FOREIGN_FACING.test(fullTitle) ? state.home : null;
  const country = explicit ?? byName?.country ?? prefix?.country ?? implied ?? null;
  const end = after && after.end > nameEnd && tokens[nameEnd]?.text !== ',' ? after.end : nameEnd;
  return official(
    tokens,
    i,
    end,
    byName?.name ?? name,
    country,
    fullTitle || null,
    prefix?.affiliation ?? after?.affiliation ?? byName?.affiliation ?? null,
    state,
  );
}

function reuseOfficial(id: string, start: number, end: number, state: DiscourseState): Mention {
  state.lastOfficial = id;
  state.recentOfficials.push(id);
  return { start, end, actorIds: [id], locative: false, via: 'short-name' };
}

function official(
  tokens: readonly Token[],
  start: number,
  end: number,
  name: string,
  country: string | null,
  title: string | null,
  affiliation: string | null,
  state: DiscourseState,
): Mention {
  const id = state.register.official(name, country, title, affiliation);
  const parts = name.split(/\s+/);
  const surname = parts[parts.length - 1];
  if (surname && parts.length > 1) state.shortNames.set(surname, id);
  // "al-Sudani" is called "Sudani" too.
  if (surname && /^(?:al|el)-/.test(surname)) state.shortNames.set(surname.replace(/^(al|el)-/, ''), id);
  state.shortNames.set(name, id);
  state.lastOfficial = id;
  state.recentOfficials.push(id);
  void tokens;
  return { start, end, actorIds: [id], locative: false, via: 'official' };
}

/** A title's words, lower-cased and space-delimited for a whole-word search: "Secretary of State" -> " secretary of state ". */
function titleWords(title: string): string {
  return ` ${title
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()} `;
}

/** "the Secretary", "The President", "the ambassador": the official of that title met before, or the document's own. */
function readTitleRef(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  // "The President and Prime Minister": one article for two titles.
  const shared = tokens[i - 1]?.lower === 'and' && state.titleRefEnd === i - 1;
  if (tokens[i - 1]?.lower !== 'the' && !shared) return null;
  const tm = matchAt(tokens, i);
  const title = entryOf(tm, 'title');
  if (!title || !tm || HONORIFICS.has(title.title)) return null;
  const next = tokens[tm.end];
  if (isNameToken(next) && !isKnownName(tokens, tm.end)) return null;
  const text = joined(tokens, i, tm.end);
  const wanted = titleWords(text);
  for (let k = state.recentOfficials.length - 1; k >= 0; k -= 1) {
    const id = state.recentOfficials[k]!;
    const a = state.register.actors.get(id);
    if (a?.title && titleWords(a.title).includes(wanted)) {
      state.titleRefEnd = tm.end;
      return reuseOfficial(id, i, tm.end, state);
    }
  }
  // "The Prime Minister spoke to …" in a Downing Street release: the document's own office holder.
  if (!/^[A-Z]/.test(text) || !state.home || FOREIGN_FACING.test(text) || /spokes/i.test(text)) return null;
  // Only as an agent: "with the Secretary of State" mentions an office, it does not introduce its holder.
  if (tokens[tm.end]?.lower === 'of' || tokens[i - 2]?.pos === 'ADP') return null;
  return official(tokens, i, tm.end, text, state.home, text, null, state);
}

/** Demonym phrases: "the Chinese government" (country), "Chinese embassy" (agency), "four Chinese nationals" (person). */
function readDemonym(
  tokens: readonly Token[],
  i: number,
  m: GazetteerMatch,
  iso: string,
  state: DiscourseState,
): Mention | null {
  let j = m.end;
  if (isPossessive(tokens[j])) j += 1;
  const g = matchAt(tokens, j);
  const generic = entryOf(g, 'generic-agency');
  if (generic && g)
    return spokesperson(tokens, genericMention(tokens, i, g.end, iso, generic.slug, generic.name, state));
  // "Russia's Federal Security Service", "Russian foreign intelligence service": one agency.
  const named = entryOf(g, 'named');
  if (named && g && named.kind === 'AGENCY')
    return spokesperson(tokens, namedAgency(tokens, i, g.end, named, iso, state));
  const next = tokens[j];
  const before = tokens[i - 1]?.lower ?? '';
  const counted = QUANTITY.has(before) || /^\d/.test(tokens[i - 1]?.text ?? '');
  // "a British diplomat" acts for its state like "British officials"; "six British diplomats" are a set of people.
  const single = (before === 'a' || before === 'an') && !!next && !/s$/.test(next.lower);
  // "North Korea's official KCNA news agency": "official" is an adjective there.
  if (next && (GOV_NOUNS.has(next.lower) || PERSON_NOUNS.has(next.lower)))
    state.roleCountry.set(next.lower.replace(/s$/, ''), iso);
  if (next && GOV_NOUNS.has(next.lower) && (!counted || single) && !isKnownName(tokens, j + 1)) {
    return {
      start: single ? i - 1 : i,
      end: j + 1,
      actorIds: [state.register.country(iso)],
      locative: false,
      via: 'demonym',
    };
  }
  // "Russian national Natalia Burlinova": a named private person.
  if (
    next &&
    PERSON_NOUNS.has(next.lower) &&
    !/s$/.test(next.lower) &&
    isNameToken(tokens[j + 1]) &&
    !isKnownName(tokens, j + 1)
  ) {
    const nameEnd = readName(tokens, j + 1);
    const name = surfaceOf(tokens, j + 1, nameEnd);
    const id = state.register.namedPerson(name, iso);
    const parts = name.split(/\s+/);
    if (parts.length > 1) state.shortNames.set(parts[parts.length - 1]!, id);
    return { start: i, end: nameEnd, actorIds: [id], locative: false, via: 'person' };
  }
  // "eighteen major Iranian banks": a set of organisations.
  let q = i - 1;
  while (q > 0 && tokens[q]!.pos === 'ADJ') q -= 1;
  const countedOrgs =
    QUANTITY.has(tokens[q]?.lower ?? '') || tokens[q]?.pos === 'NUM' || /^\d/.test(tokens[q]?.text ?? '');
  if (next && countedOrgs && ORG_NOUNS.has(next.lower)) {
    let s = q;
    while (s > 0 && QUANTITY.has(tokens[s - 1]?.lower ?? '')) s -= 1;
    const text = surfaceOf(tokens, s, j + 1);
    const id = state.register.named(`org:${iso.toLowerCase()}:${slugOf(text)}`, 'ORGANIZATION', text, iso);
    state.register.descriptive.add(id);
    return { start: s, end: j + 1, actorIds: [id], locative: false, via: 'person' };
  }
  if (next && (PERSON_NOUNS.has(next.lower) || (counted && GOV_NOUNS.has(next.lower)))) {
    let s = i;
    while (s > 0 && QUANTITY.has(tokens[s - 1]?.lower ?? '')) s -= 1;
    if (s > 0 && /^\d[\d,]*$/.test(tokens[s - 1]?.text ?? '')) s -= 1;
    const text = joined(tokens, s, j + 1);
    return {
      start: s,
      end: j + 1,
      actorIds: [state.register.person(text.toLowerCase(), iso)],
      locative: false,
      via: 'person',
    };
  }
  if (next && ALLY_WORDS.has(next.lower) && state.allyGroup)
    return { start: i, end: j + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' };
  return null;
}

/** A named agency, possibly after a country word; a country that is not the agency's own makes it that country's body. */
function namedAgency(
  tokens: readonly Token[],
  start: number,
  end: number,
  named: Extract<GazetteerEntry, { type: 'named' }>,
  iso: string | null,
  state: DiscourseState,
): Mention {
  const surface = surfaceOf(tokens, start, end);
  const id =
    iso && named.country && iso !== named.country
      ? state.register.genericAgency(
          iso,
          slugOf(surfaceOf(tokens, matchAt(tokens, start)!.end, end)),
          surfaceOf(tokens, matchAt(tokens, start)!.end, end).replace(/^['’]s\s+/, ''),
          surface,
        )
      : registerNamed(state, named, surface);
  state.recentAgencies.push(id);
  return { start, end, actorIds: [id], locative: precededByLocative(tokens, start), via: 'name' };
}

/** Registers a gazetteer body or organisation with all its known names, so any of them identifies it. */
function registerNamed(
  state: DiscourseState,
  named: Extract<GazetteerEntry, { type: 'named' }>,
  surface?: string,
): string {
  const id = state.register.named(named.id, named.kind, named.name, named.country, surface);
  const a = state.register.actors.get(id);
  if (a) for (const n of named.aliases) if (n !== a.name && !a.aliases.includes(n)) a.aliases.push(n);
  return id;
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/^['’]s\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "a foreign ministry spokesman", "An FCDO spokesperson": an unnamed spokesperson speaks for the body. */
function spokesperson(tokens: readonly Token[], m: Mention): Mention {
  const t = tokens[m.end];
  if (!t || !SPOKESPERSON.has(t.text.toLowerCase()) || isNameToken(tokens[m.end + 1])) return m;
  return { ...m, end: m.end + 1 };
}

function genericMention(
  tokens: readonly Token[],
  start: number,
  end: number,
  iso: string,
  slug: string,
  name: string,
  state: DiscourseState,
): Mention {
  let fullSlug = slug;
  let fullName = name;
  let stop = end;
  // "the embassy in Australia", "the Chinese embassy in the UK": the host country names which mission.
  if ((slug === 'embassy' || slug === 'consulate') && tokens[end]?.lower === 'in') {
    const at = tokens[end + 1]?.lower === 'the' ? end + 2 : end + 1;
    const host = matchAt(tokens, at);
    const hc = entryOf(host, 'country');
    if (hc && host) {
      fullSlug = `${slug}-in-${hc.iso.toLowerCase()}`;
      fullName = `${name} in ${surfaceOf(tokens, end + 1, host.end)}`;
      stop = host.end;
    }
  }
  // "the Ministry of Foreign Affairs of the Russian Federation".
  const alias = start < end ? surfaceOf(tokens, tokens[start]?.lower === 'the' ? start + 1 : start, stop) : undefined;
  const id = state.register.genericAgency(iso, fullSlug, fullName, alias);
  state.lastAgencyBySlug.set(slug, id);
  state.recentAgencies.push(id);
  state.lastGenericCountry = iso;
  return { start, end: stop, actorIds: [id], locative: precededByLocative(tokens, start), via: 'generic' };
}

function precededByLocative(tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  if (tokens[k]?.lower === 'the') k -= 1;
  // "Speaking from Brunei": where the speaker is, not who speaks.
  if (tokens[k]?.lower === 'from' && LOCATING_PARTICIPLES.has(tokens[k - 1]?.lower ?? '')) return true;
  return LOCATIVE.has(tokens[k]?.lower ?? '');
}

/** Finds the actor mentions of one sentence, left to right, longest first. */
export function findMentions(tokens: readonly Token[], state: DiscourseState, datelineTokens = 0): Mention[] {
  const out: Mention[] = [];
  state.sentenceCountry = null;
  state.sentenceSubject = null;
  state.titleRefEnd = -1;
  let i = datelineTokens;
  while (i < tokens.length) {
    const m = readMentionAt(tokens, i, state);
    if (m) {
      // The first non-locative state, body or alliance of the sentence, as long as it is the only one so far.
      const id = m.actorIds[0];
      if (out.length === 0 && !m.locative && m.actorIds.length === 1 && id && SUBJECT_ID.test(id))
        state.sentenceSubject = id;
      out.push(m);
      i = Math.max(m.end, i + 1);
    } else i += 1;
  }
  defineAllies(tokens, out, state);
  defineMembers(tokens, out, state);
  return out;
}

/** Nouns that refer back to a body named before: "the ministry", "The agency", "the department". */
// A Map, not an object literal: a token such as "constructor" must not find Object's own properties.
const BODY_NOUNS: ReadonlyMap<string, RegExp> = new Map([
  ['ministry', /ministry|ministries/i],
  ['department', /department/i],
  ['agency', /./],
  ['office', /office/i],
]);

/** Words before a reference back: compared lower-cased (as /^(…)$/i would, these words having no letter k). */
const GROUP_DETERMINERS = new Set(LEXICON.groupDeterminers);
const ARTICLES = new Set(LEXICON.articles);

const ORG_NOUNS = new Set(LEXICON.organizationNouns);
const GROUP_WORDS = LEXICON.groupNouns;
const GROUP_NOUNS = new RegExp(`^(${GROUP_WORDS.join('|')})$`);

/**
 * The lower-case words that can start a mention without a gazetteer name and without a capital: references back
 * (body, group and role nouns, pronouns, "it", "allies"). Every reader after the gazetteer's in readMentionAt()
 * needs one of these or a capitalised token, so other tokens are passed over at once; a new reader adds its words here.
 */
const REFERENCE_WORDS = new Set<string>([
  ...BODY_NOUNS.keys(),
  ...GROUP_WORDS,
  ...GOV_NOUNS,
  ...PERSON_NOUNS,
  ...PRONOUNS,
  ...ALLY_WORDS,
  'it',
]);

/** "Iran-backed militias", "Russian-backed separatists": an armed group named for its sponsor. */
function readProxyGroup(tokens: readonly Token[], start: number, end: number, state: DiscourseState): Mention | null {
  if (tokens[end]?.text !== '-' || !SPONSOR_PARTICIPLES.has(tokens[end + 1]?.lower ?? '')) return null;
  let k = end + 2;
  while (k < tokens.length && k < end + 4 && tokens[k]!.pos === 'ADJ') k += 1;
  if (!GROUP_NOUNS.test(tokens[k]?.lower ?? '') && !/^separatists?$/.test(tokens[k]?.lower ?? '')) return null;
  const name = surfaceOf(tokens, start, k + 1);
  const id = state.register.named(`group:${slugOf(name)}`, 'GROUP', name, null);
  state.recentGroups.push(id);
  return { start, end: k + 1, actorIds: [id], locative: false, via: 'name' };
}

/** "These militias", "the rebels": the group of that kind named before. */
function readGroupRef(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const tok = tokens[i]!;
  if (!GROUP_DETERMINERS.has(tokens[i - 1]?.lower ?? '') || !GROUP_NOUNS.test(tok.lower)) return null;
  for (let k = state.recentGroups.length - 1; k >= 0; k -= 1) {
    const id = state.recentGroups[k]!;
    const a = state.register.actors.get(id);
    if (a && a.name.toLowerCase().includes(tok.lower))
      return { start: i - 1, end: i + 1, actorIds: [id], locative: false, via: 'generic' };
  }
  return null;
}

/** "Wu Huihui (Wu) is being designated": a name that defines its own short form is a person (a designation's usual style). */
function readDefinedName(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  if (!isNameToken(tokens[i]) || isNameToken(tokens[i - 1])) return null;
  const end = readName(tokens, i);
  if (end - i < 2 || tokens[end]?.text !== '(' || tokens[end + 2]?.text !== ')') return null;
  const short = tokens[end + 1]!.text;
  let defined = false;
  for (let k = i; k < end; k += 1) defined ||= tokens[k]!.text === short;
  if (!defined) return null;
  const name = surfaceOf(tokens, i, end);
  const id = state.register.namedPerson(name, null);
  state.shortNames.set(short, id);
  return { start: i, end: end + 3, actorIds: [id], locative: false, via: 'person' };
}

/** "the diplomat, identified as Edward Pryor Wilkes": an unnamed official or person, named in apposition. */
function readIdentified(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const noun = tokens[i]!.lower;
  const isOfficial = GOV_NOUNS.has(noun) && !/s$/.test(noun);
  if (
    (!isOfficial && !PERSON_NOUNS.has(noun)) ||
    !ARTICLES.has(tokens[i - 1]?.lower ?? '') ||
    tokens[i + 1]?.text !== ','
  )
    return null;
  const k =
    tokens[i + 2]?.lower === 'identified' || tokens[i + 2]?.lower === 'named'
      ? tokens[i + 3]?.lower === 'as'
        ? i + 4
        : i + 3
      : -1;
  if (k < 0 || !isNameToken(tokens[k])) return null;
  const end = readName(tokens, k);
  if (end - k < 2) return null;
  const name = surfaceOf(tokens, k, end);
  const country = state.roleCountry.get(noun) ?? null;
  if (!isOfficial) {
    const id = state.register.namedPerson(name, country);
    state.shortNames.set(name.split(/\s+/).pop()!, id);
    return { start: i - 1, end, actorIds: [id], locative: false, via: 'person' };
  }
  return official(tokens, i - 1, end, name, country, noun, null, state);
}

/** Whether any of `names` matches `re` (a loop, not a closure: readers run at every token and should allocate nothing when they fail). */
function anyMatches(names: readonly string[], re: RegExp): boolean {
  for (const n of names) if (re.test(n)) return true;
  return false;
}

function readBodyRef(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const tok = tokens[i]!;
  if (tokens[i - 1]?.lower !== 'the') return null;
  const want = BODY_NOUNS.get(tok.lower);
  if (!want || tokens[i + 1]?.lower === 'of' || tokens[i + 1]?.pos === 'NOUN' || tokens[i + 1]?.pos === 'PROPN')
    return null;
  for (let k = state.recentAgencies.length - 1; k >= 0; k -= 1) {
    const id = state.recentAgencies[k]!;
    const a = state.register.actors.get(id);
    if (a && a.kind === 'AGENCY' && (want.test(a.name) || anyMatches(a.aliases, want)))
      return { start: i, end: i + 1, actorIds: [id], locative: false, via: 'generic' };
  }
  return null;
}

/** "King Abdullah of Jordan", "Jordan's support", "including Jordan and Iraq": where "Jordan" is the country. */
function countryContext(tokens: readonly Token[], start: number, end: number): boolean {
  const prev = tokens[start - 1];
  const next = tokens[end];
  if (isNameToken(prev) || (isNameToken(next) && !isKnownName(tokens, end))) return false;
  return isPossessive(next) || COUNTRY_CONTEXT_WORDS.has(prev?.lower ?? '');
}

/** A speech verb or a verb of naming in the past, or "says": "it said", "what it called Germany's expulsion", "what it dubbed …". */
function isSpeechToken(t: Token | undefined): boolean {
  return !!t && SPEECH_FORMS.has(t.lower);
}

function readMentionAt(tokens: readonly Token[], i: number, state: DiscourseState): Mention | null {
  const tok = tokens[i];
  if (!tok) return null;
  const m = matchAt(tokens, i);
  // An official and a title reference both start with a gazetteer name (or "the country's"): most tokens have none.
  if (m || tok.lower === 'country') {
    const off = readOfficial(tokens, i, state);
    if (off) return off;
    const ref = readTitleRef(tokens, i, state);
    if (ref) return ref;
  }
  if (!m) {
    const first = tok.text.charCodeAt(0);
    if (!(first >= 65 && first <= 90) && !REFERENCE_WORDS.has(tok.lower)) return null;
  }
  const country = entryOf(m, 'country');
  const demonym = entryOf(m, 'demonym');
  const named = entryOf(m, 'named');
  const generic = entryOf(m, 'generic-agency');
  if (country?.form === 'ambiguous' && !countryContext(tokens, i, m!.end)) return null;
  if (m && (country || demonym)) {
    const iso = (country ?? demonym)!.iso;
    const d = readDemonym(tokens, i, m, iso, state);
    if (d) return d;
    if (!country) return null;
    // "Iran-backed militias": a group named for its sponsor.
    const proxy = readProxyGroup(tokens, i, m.end, state);
    if (proxy) return proxy;
    // "Beijing-supported": an adjective, not an agent.
    if (tokens[m.end]?.text === '-' || /^-/.test(tokens[m.end]?.text ?? '')) return null;
    if (tokens[m.end] && ALLY_WORDS.has(tokens[m.end]!.lower)) {
      return state.allyGroup
        ? { start: i, end: m.end + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' }
        : null;
    }
    state.lastCountry = iso;
    state.sentenceCountry ??= iso;
    // "Authorities in New Zealand", "officials in Beijing": the country's government, not a place.
    const k = tokens[i - 1]?.lower === 'the' ? i - 2 : i - 1;
    const govIn =
      k >= 1 &&
      /^(?:in|of)$/.test(tokens[k]!.lower) &&
      GOV_NOUNS.has(tokens[k - 1]!.lower) &&
      !tokens[k - 2]?.pos.startsWith('ADJ');
    if (govIn)
      return { start: k - 1, end: m.end, actorIds: [state.register.country(iso)], locative: false, via: 'demonym' };
    return spokesperson(tokens, {
      start: i,
      end: m.end,
      actorIds: [state.register.country(iso, joined(tokens, i, m.end))],
      locative: precededByLocative(tokens, i),
      via: 'name',
    });
  }
  // "UK Permanent Representative to the UN": part of a title, not an agent.
  if (
    m &&
    named &&
    /^to$/i.test(tokens[tokens[i - 1]?.lower === 'the' ? i - 2 : i - 1]?.text ?? '') &&
    /^(?:Representative|Ambassador|Envoy|Delegate|Mission|Observer)$/i.test(
      tokens[tokens[i - 1]?.lower === 'the' ? i - 3 : i - 2]?.text ?? '',
    )
  ) {
    return { start: i, end: m.end, actorIds: [registerNamed(state, named)], locative: true, via: 'name' };
  }
  if (m && named) {
    // "the Department of the Treasury's Office of Foreign Assets Control": the inner body acts.
    if (named.kind === 'AGENCY' && isPossessive(tokens[m.end])) {
      const inner = matchAt(tokens, m.end + 1);
      const n2 = entryOf(inner, 'named');
      if (n2 && inner && n2.kind === 'AGENCY')
        return spokesperson(tokens, namedAgency(tokens, i, inner.end, n2, null, state));
    }
    if (named.kind === 'AGENCY') return spokesperson(tokens, namedAgency(tokens, i, m.end, named, null, state));
    const surface = joined(tokens, i, m.end);
    const id = registerNamed(state, named, surface);
    return spokesperson(tokens, {
      start: i,
      end: m.end,
      actorIds: [id],
      locative: precededByLocative(tokens, i),
      via: 'name',
    });
  }
  if (m && generic) {
    const prev = tokens[i - 1]?.lower;
    // "(the) Ministry of Foreign Affairs of the Russian Federation".
    if (tokens[m.end]?.lower === 'of' && (i === 0 || prev === 'the' || prev === 'a' || /^[A-Z]/.test(tok.text))) {
      const k = tokens[m.end + 1]?.lower === 'the' ? m.end + 2 : m.end + 1;
      const cm = matchAt(tokens, k);
      const c = entryOf(cm, 'country');
      if (c && cm) {
        const g = genericMention(tokens, i, m.end, c.iso, generic.slug, generic.name, state);
        state.register.actors.get(g.actorIds[0]!)?.aliases.push(surfaceOf(tokens, i, cm.end));
        return spokesperson(tokens, { ...g, end: cm.end });
      }
    }
    // A bare body is the one met before, or the document's, and only for diplomatic bodies.
    if (prev !== 'the' && prev !== 'a' && prev !== 'an' && prev !== 'its') return null;
    const known = state.lastAgencyBySlug.get(generic.slug);
    if (known && !(generic.slug === 'embassy' && tokens[m.end]?.lower === 'in')) {
      state.recentAgencies.push(known);
      return spokesperson(tokens, { start: i, end: m.end, actorIds: [known], locative: false, via: 'generic' });
    }
    if (!BARE_GENERIC_OK.has(generic.slug)) return null;
    const iso = state.lastGenericCountry ?? state.dateline ?? state.home;
    if (!iso) return null;
    return spokesperson(tokens, genericMention(tokens, i, m.end, iso, generic.slug, generic.name, state));
  }
  const body =
    readBodyRef(tokens, i, state) ??
    readGroupRef(tokens, i, state) ??
    readDefinedName(tokens, i, state) ??
    readIdentified(tokens, i, state);
  if (body) return body;
  const short = state.shortNames.get(tok.text);
  if (short && /^[A-Z]/.test(tok.text)) {
    state.lastOfficial = short;
    state.recentOfficials.push(short);
    return { start: i, end: i + 1, actorIds: [short], locative: false, via: 'short-name' };
  }
  // "Russia expelled …, in retaliation for what it called …": "it" speaks for the state or body the sentence is about.
  if (tok.lower === 'it' && isSpeechToken(tokens[i + 1]) && state.sentenceSubject)
    return { start: i, end: i + 1, actorIds: [state.sentenceSubject], locative: false, via: 'pronoun' };
  if (PRONOUNS.has(tok.lower) && state.lastOfficial)
    return { start: i, end: i + 1, actorIds: [state.lastOfficial], locative: false, via: 'pronoun' };
  if (ALLY_WORDS.has(tok.lower) && state.allyGroup && tokens[i - 1]?.lower !== 'including')
    return { start: i, end: i + 1, actorIds: [...state.allyGroup], locative: false, via: 'allies' };
  return null;
}

/**
 * "The two Chinese nationals sanctioned by the UK are Zhao Guangzong and Ni Gaobin": a described set of people
 * is the named people it is said to be, here and wherever the text comes back to it ("the same two Chinese nationals").
 */
function defineMembers(tokens: readonly Token[], mentions: Mention[], state: DiscourseState): void {
  for (let n = 0; n < mentions.length; n += 1) {
    const m = mentions[n]!;
    const setId = m.actorIds[0];
    if (m.via !== 'person' || m.actorIds.length !== 1 || !setId || !state.register.descriptive.has(setId)) continue;
    const known = state.setMembers.get(setId);
    if (known) {
      mentions[n] = { ...m, actorIds: [...known] };
      continue;
    }
    const be = tokens.findIndex((t, k) => k >= m.end && k < m.end + 10 && FINITE_BE_FORMS.has(t.lower));
    if (be < 0 || tokens.slice(m.end, be).some((t) => t.pos === 'VERB' && !/ed$/.test(t.lower))) continue;
    const names: string[] = [];
    let k = be + 1;
    for (;;) {
      const end = readName(tokens, k);
      if (end - k < 2) break;
      names.push(surfaceOf(tokens, k, end));
      if (!/^(?:and|,)$/.test(tokens[end]?.lower ?? '') || !isNameToken(tokens[end + 1])) break;
      k = end + 1;
    }
    if (names.length === 0) continue;
    const country = state.register.countryOf(setId);
    const ids = names.map((name) => state.register.namedPerson(name, country));
    state.setMembers.set(setId, ids);
    mentions[n] = { ...m, actorIds: ids };
  }
}

/** What may come between "allies" and the list of them: "allies — the …", "partners, including …", "allies such as …". */
const LIST_OPENING = /^[—–:,-]$|^including$|^such$|^as$|^the$/i;

/** Whether "allies" or "partners" opens a list in these tokens: only then can defineAllies() remember a group. */
export function opensAllyList(tokens: readonly Token[]): boolean {
  for (let k = 0; k + 1 < tokens.length; k += 1)
    if (ALLY_WORDS.has(tokens[k]!.lower) && LIST_OPENING.test(tokens[k + 1]!.text)) return true;
  return false;
}

/** "allies — the European Union, Britain … and Nato": remember the members for later "allies". */
function defineAllies(tokens: readonly Token[], mentions: Mention[], state: DiscourseState): void {
  for (let k = 0; k < tokens.length; k += 1) {
    if (!ALLY_WORDS.has(tokens[k]?.lower ?? '')) continue;
    let j = k + 1;
    while (j < tokens.length && LIST_OPENING.test(tokens[j]?.text ?? '')) j += 1;
    if (j === k + 1 && tokens[j]?.lower !== 'the') continue;
    const members: string[] = [];
    let cursor = j;
    for (const m of mentions) {
      if (m.start < cursor) continue;
      const gap = tokens.slice(cursor, m.start).map((t) => t.lower);
      if (gap.some((g) => !/^(?:,|and|the|&)$/.test(g))) break;
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
    if (last && !m.locative && !last.locative && m.start > last.end && m.start - last.end <= 3) {
      const gap = tokens.slice(last.end, m.start).map((t) => t.lower);
      if (
        gap.every((g) => /^(?:,|and|the|&|as|well|or)$/.test(g)) &&
        gap.some((g) => g === 'and' || g === ',' || g === '&')
      ) {
        out[out.length - 1] = {
          ...last,
          end: m.end,
          actorIds: [...new Set([...last.actorIds, ...m.actorIds])],
          members: [...membersOf(last), ...membersOf(m)],
        };
        continue;
      }
    }
    // Mentions are never changed once found: one that joins no list is its own group.
    out.push(m);
  }
  return out;
}

export function membersOf(m: Mention): { id: string; start: number; end: number }[] {
  return m.members ?? m.actorIds.map((id) => ({ id, start: m.start, end: m.end }));
}
