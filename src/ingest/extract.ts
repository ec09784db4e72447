/** Entry point of extraction: one article in, actors and events out. Pure, synchronous, offline, deterministic. */
import { relationInfo, relationsOfClass } from '../ontology.ts';
import { ActorRegister, countryId } from './actors.ts';
import { cleanBody } from './clean.ts';
import { parseDate, resolveSentenceDate, type ResolvedDate } from './dates.ts';
import { InputError } from './errors.ts';
import { checkLanguage } from './language.ts';
import { matchAt } from './gazetteer.ts';
import { sha256, shortHash, slugify } from './ids.ts';
import { readInput } from './input.ts';
import {
  coordinate,
  findMentions,
  membersOf,
  newDiscourseState,
  opensAllyList,
  type DiscourseState,
  type Mention,
} from './mentions.ts';
import { analyse, tokenizePhrase, type Sentence, type Token } from './nlp.ts';
import {
  assignRoles,
  findFrames,
  frameOf,
  OPENING_QUOTE,
  RECIPROCAL,
  type Frame,
  type RoleAssignment,
} from './roles.ts';
import { LEXICON } from './data.ts';
import { buildGraph, type SentenceGraph } from './graph.ts';
import { assignGraphRoles, dictionaryTriggers } from './graph-roles.ts';
import { nerMentions, restateOfficials } from './ner-mentions.ts';
import { parseMissing, ParseStore, type Annotator, type ParseLookup } from './parses.ts';
import { findTriggers } from './triggers.ts';
import type { ArticleInput, ExtractedActor, ExtractedEvent, ExtractionResult, Span } from './types.ts';

interface Found {
  a: RoleAssignment;
  sentence: Sentence;
}
/** Where an actor is mentioned; `agent` false for a place ("in Beijing") or a noun modifier ("British Embassy staff"). */
interface Occurrence {
  id: string;
  span: Span;
  agent: boolean;
}

// Patterns tested per sentence or mention live here: a regular expression literal inside a function is a new object each time it runs.
const SPOKES = /^spokes/i;
const LOWER_CASE = /[a-z]/;

function isModifier(tokens: readonly Token[], end: number): boolean {
  const next = tokens[end];
  return !!next && (next.pos === 'NOUN' || next.text === '-') && !SPOKES.test(next.text);
}

/** "2021-07-21T10:00:00Z", "July 21, 2021" -> "2021-07-21". */
function normaliseDate(value: string | null): string | null {
  if (!value) return null;
  return parseDate(value) ?? (/^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
}

function articleId(input: ArticleInput, url: string | null, hash: string): string {
  if (input.id && input.id.trim() !== '') return input.id.trim();
  if (url) {
    const slug = slugify(url.replace(/^https?:\/\/(www\.)?/, '').replace(/\.(html?|php|aspx?)$/, '')).slice(-80);
    if (slug) return `url-${slug}-${sha256(url).slice(0, 8)}`;
  }
  return `sha-${hash.slice(0, 16)}`;
}

function datelineCountry(dateline: string | null): string | null {
  if (!dateline) return null;
  return remember(datelineCache, dateline, readDatelineCountry);
}

function readDatelineCountry(dateline: string): string | null {
  const titled = dateline.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
  const toks = tokenizePhrase(titled);
  const m = matchAt(toks, 0);
  const e = m?.entries.find((x) => x.type === 'country');
  return e && e.type === 'country' && m?.end === toks.length ? e.iso : null;
}

function span(sentence: Sentence, start: number, end: number, text: string): Span {
  const s = sentence.tokens[start]?.start ?? sentence.start;
  const e = sentence.tokens[end - 1]?.end ?? sentence.end;
  return { text: text.slice(s, e), start: s, end: e };
}

/** How events are read from a sentence (the ablation switches of `npm run eval -- --roles`). */
export type RoleReading = 'graph' | 'window' | 'graph-only';

export interface ExtractOptions {
  /** Dependency parses of the article's sentences (see parses.ts); a sentence without one is read by the token-window rules. */
  parses?: ParseLookup;
  /**
   * `graph` (default): act triggers of a parsed sentence are read on the dependency graph, content judgements
   * and unparsed sentences by the window rules; `window`: the window rules only (no parse read);
   * `graph-only`: nothing but the graph (unparsed sentences yield no event).
   */
  roles?: RoleReading;
  /** `all` (default): gazetteer mentions and, on parsed sentences, named entities and state agent nouns; `gazetteer`: the gazetteer's only. */
  mentions?: 'all' | 'gazetteer';
  /** Discourse on the parse (default true): "it"/"they", the voice of the sentence before, transcript speaker labels. */
  discourse?: boolean;
  /** On parsed sentences, verbs of the PETRARCH2 dictionary our lexicon lacks are triggers too (default false: on the dev split they cost precision and found nothing more; see the README's ablation). */
  dictionaryVerbs?: boolean;
  /** Called for each sentence with what the stages found in it (diagnostics: scripts/eval-stages.ts). */
  trace?: (sentence: { start: number; end: number; actorIds: string[]; relations: string[]; parsed: boolean }) => void;
}

/** An article read and split, before any event is looked for: what `candidateSentences` and `extractPrepared` share. */
export interface PreparedArticle {
  input: ArticleInput;
  raw: ReturnType<typeof readInput>;
  clean: ReturnType<typeof cleanBody>;
  sentences: Sentence[];
}

export function prepareArticle(input: ArticleInput): PreparedArticle {
  const raw = readInput(input);
  const clean = cleanBody(raw.body, raw.title);
  if (clean.text.trim() === '')
    throw new InputError('EMPTY_INPUT', 'no article text is left after removing page furniture');
  checkLanguage(clean.text);
  return { input, raw, clean, sentences: analyse(clean.text) };
}

const SPEECH_LEMMAS = new Set(LEXICON.speechVerbs);
/** Longest sentence sent to the parser. */
export const MAX_PARSED_TOKENS = 150;
export const MAX_PARSED_CHARS = 1500;
const ACTORISH = new Set([...LEXICON.governmentNouns, ...LEXICON.personNouns, ...LEXICON.actorishWords]);

/**
 * The sentences worth a dependency parse: a trigger or a speech verb, and something that can be an actor (a
 * capitalised word, a pronoun, a government or person noun). "Prices rose sharply." is skipped.
 */
export function candidateSentences(p: PreparedArticle): Sentence[] {
  return p.sentences.filter((s) => {
    const toks = s.tokens;
    // A "sentence" of hundreds of tokens is a list, a table or hostile input: the parser's time grows faster than
    // its length, so it is read by the window rules (the longest gold sentence has 91 tokens).
    if (s.cut || toks.length > MAX_PARSED_TOKENS || s.end - s.start > MAX_PARSED_CHARS) return false;
    const act = toks.some((t) => SPEECH_LEMMAS.has(t.lemma)) || findTriggers(toks).length > 0;
    return (
      act &&
      toks.some((t, k) => ACTORISH.has(t.lower) || (k > 0 && /^\p{Lu}/u.test(t.text)) || (k === 0 && t.pos === 'PROPN'))
    );
  });
}

/** Extracts an article, parsing its candidate sentences with `engine` first (parses kept in `store`). */
export async function extractWithEngine(
  input: ArticleInput,
  engine: Annotator,
  store: ParseStore = new ParseStore(),
  options: Omit<ExtractOptions, 'parses'> = {},
): Promise<ExtractionResult> {
  const p = prepareArticle(input);
  await parseMissing(
    candidateSentences(p).map((s) => s.text),
    engine,
    store,
  );
  return extractPrepared(p, { ...options, parses: store.lookup });
}

export function extract(input: ArticleInput, options: ExtractOptions = {}): ExtractionResult {
  return extractPrepared(prepareArticle(input), options);
}

export function extractPrepared(prepared: PreparedArticle, options: ExtractOptions = {}): ExtractionResult {
  const { input, raw, clean, sentences } = prepared;
  const reading = options.roles ?? 'graph';
  const parses = reading === 'window' ? undefined : options.parses;
  const text = clean.text;
  const title = raw.title ?? clean.title;
  const publishedAt = normaliseDate(raw.publishedAt) ?? clean.publishedAt;
  const contentHash = sha256(`${title ?? ''}\n${text}`);
  const id = articleId(input, raw.url, contentHash);
  const register = new ActorRegister();
  const dlIso = datelineCountry(clean.dateline);
  const author = findAuthor(raw.outlet);
  const state: DiscourseState = newDiscourseState(register, dlIso, author?.country ?? null);
  const found: Found[] = [];
  const occurrences: Occurrence[] = [];
  let lastSpeaker: Mention | null = null;
  // The body or state that was last the subject of a parsed sentence, for a later "it" / "they".
  let lastBody: Mention | null = null;
  // The source of the last event of the sentence before, and where that sentence ended.
  let previousVoice: Mention | null = null;
  // Who "we" are, once a sentence has named them.
  let weGroup: Mention | null = null;
  let previousEnd = -1;
  // Who speaks where the text names no one: "The below is attributable to Spokesperson X:", else the issuing body.
  let voice: string | null = null;
  state.allyGroup = findAllyGroup(sentences, dlIso);
  const ahead = options.discourse === false ? new Map<number, ExtractedActor[]>() : speakersAhead(sentences, dlIso);
  for (const [index, sentence] of sentences.entries()) {
    const toks = sentence.tokens;
    const dlTokens =
      sentence.start < clean.datelineLength ? toks.filter((t) => t.end <= clean.datelineLength).length : 0;
    const parse = parses?.(sentence.text);
    const graph = parse ? buildGraph(parse, toks, sentence.start) : null;
    const listed = findMentions(toks, state, dlTokens);
    const gazetteer =
      graph && options.mentions !== 'gazetteer'
        ? restateOfficials({ tokens: toks, graph, text, date: publishedAt, state, mentions: listed })
        : listed;
    // Names and state bodies the gazetteer does not know, read on the parse (named-entity tags, dictionaries).
    const extra =
      graph && options.mentions !== 'gazetteer'
        ? nerMentions({ tokens: toks, graph, text, date: publishedAt, state, mentions: gazetteer })
        : [];
    const found0 = extra.length === 0 ? gazetteer : [...gazetteer, ...extra].sort((a, b) => a.start - b.start);
    const startsWithQuote = OPENING_QUOTE.test(toks[0]?.text ?? '');
    const docVoice = voice ?? (author ? register.adopt(author) : null);
    const groups0 = coordinate(toks, found0);
    const mentions = addVoiceMentions(
      toks,
      found0,
      findFrames(toks, groups0),
      startsWithQuote ? lastSpeaker : null,
      docVoice,
      register,
    );
    const announced = announcedVoice(toks, mentions);
    if (announced) voice = announced;
    // "Spokesperson Lin Wei: We oppose …": a transcript's speaker label speaks what follows it, and the later answers.
    const label = options.discourse === false ? null : speakerLabel(toks, mentions);
    if (label) voice = label.actorIds[0]!;
    // An unparsed sentence (no trigger in it) still names who "it" will be: its first body or state, as a subject usually comes first.
    if (!graph)
      lastBody =
        mentions
          .filter(
            (m) =>
              !m.locative && m.actorIds.length === 1 && !PERSON_KINDS.has(register.kindOf(m.actorIds[0]!) ?? 'PERSON'),
          )
          .map((m) => ({ ...m, carried: true }))[0] ?? lastBody;
    for (const m of mentions)
      for (const mem of membersOf(m))
        occurrences.push({
          id: mem.id,
          span: span(sentence, mem.start, mem.end, text),
          agent: !m.locative && !isModifier(toks, mem.end),
        });
    // Without voice mentions the groups are those already formed (and their speech frames already found).
    const groups = mentions === found0 ? groups0 : coordinate(toks, mentions);
    // Tokens inside a mention or the dateline start no trigger.
    const covered = new Uint8Array(toks.length);
    for (const m of mentions) covered.fill(1, m.start, m.end);
    // On a parsed sentence the engine's lemmas ("apprehended" → apprehend) are the ones triggers match.
    const triggers = findTriggers(
      graph ? withEngineLemmas(toks, graph) : toks,
      (k) => covered[k] === 1 || k < dlTokens,
    );
    options.trace?.({
      start: sentence.start,
      end: sentence.end,
      actorIds: [...new Set(mentions.flatMap((m) => m.actorIds))],
      relations: [...new Set(triggers.filter((t) => t.role !== 'head').map((t) => t.relation))],
      parsed: !!graph,
    });
    // A heading in capitals ("SUPPORT TO DPRK MALICIOUS CYBER ACTIVITY") labels a section; it reports nothing.
    const heading = !LOWER_CASE.test(sentence.text) && toks.length >= 3;
    // A quote opened here and closed in a later sentence ("“A. B,” the minister said."): that sentence's speaker.
    const later = !lastSpeaker && startsWithQuote ? ahead.get(index) : undefined;
    const inherited = lastSpeaker
      ? { ...lastSpeaker, carried: true }
      : later
        ? {
            start: 0,
            end: 1,
            actorIds: later.map((a) => register.adopt(a)),
            locative: false,
            via: 'name' as const,
            carried: true,
          }
        : null;
    // No paragraph break between the sentence before and this one.
    const sameParagraph = previousEnd >= 0 && !text.slice(previousEnd, sentence.start).includes('\n');
    const foundBefore = found.length;
    const frames = findFrames(toks, groups);
    if (!heading) {
      let window = reading === 'graph-only' ? [] : assignRoles(toks, groups, triggers, inherited, docVoice);
      if (graph) {
        const quoted = startsWithQuote && frames.length === 0 ? inherited : null;
        const speakerAt = (k: number): Mention | null =>
          frameOf(frames, k)?.speaker ?? (label && k >= label.end ? label : quoted);
        const taken = new Uint8Array(toks.length);
        for (const t of triggers) taken.fill(1, t.start, t.end);
        const extraTriggers =
          options.dictionaryVerbs !== true
            ? []
            : dictionaryTriggers(graph, (k) => taken[k] === 1 || covered[k] === 1 || k < dlTokens);
        const { assigned, read, refused } = assignGraphRoles(
          {
            tokens: toks,
            graph,
            mentions,
            speakerAt,
            docVoice: label ? label.actorIds[0]! : docVoice,
            groups,
            pronoun: options.discourse === false ? null : lastBody,
            previous: sameParagraph && options.discourse !== false ? previousVoice : null,
            we: options.discourse === false ? null : weGroup,
            onWe: (m) => {
              weGroup = { ...m, carried: true };
            },
          },
          extraTriggers.length > 0 ? [...triggers, ...extraTriggers] : triggers,
        );
        // The graph reads every act trigger it has nodes for; where it attaches no argument by structure (a
        // parse broken by a dash or a list) the window reading of that trigger stands in; the window rules also
        // keep the speaker's judgements (roles *-content).
        const structural = new Set(
          assigned
            .filter((a) => !a.rule.startsWith('graph:speaker') && !a.rule.startsWith('graph:passive-voice'))
            .map((a) => a.trigger),
        );
        const windowOf = new Set(window.map((a) => a.trigger));
        lastBody = subjectBody(graph, mentions, register) ?? lastBody;
        for (const a of assigned)
          if (structural.has(a.trigger) || !windowOf.has(a.trigger) || reading === 'graph-only')
            found.push({ a, sentence });
        window = window.filter(
          (a) =>
            a.trigger.role !== 'act' ||
            !read.has(a.trigger) ||
            (reading !== 'graph-only' && !structural.has(a.trigger) && !refused.has(a.trigger)),
        );
      }
      for (const a of window) found.push({ a, sentence });
    }
    const lastFound = found.length > foundBefore ? found[found.length - 1]!.a.source : null;
    previousVoice = lastFound
      ? { ...lastFound, carried: true }
      : frames.length > 0
        ? { ...frames[frames.length - 1]!.speaker, carried: true }
        : sameParagraph
          ? previousVoice
          : null;
    previousEnd = sentence.end;
    const lastFrame = frames[frames.length - 1];
    if (lastFrame) lastSpeaker = lastFrame.speaker;
    else if (!startsWithQuote) lastSpeaker = null;
  }
  const events = buildEvents(found, register, occurrences, { id, text, publishedAt });
  // Countries and sets of people ("four Chinese nationals") count as actors when they act or are acted on;
  // officials whenever named; bodies, alliances and groups when they act, are acted on or stand as an agent
  // somewhere (not only as a place or a noun modifier: "British Embassy staff", "the AUKUS pact").
  // Every event's actors are listed, negated and hypothetical ones too: an event only names listed actors.
  const actorIds = new Set(events.flatMap((e) => [e.source, e.target]));
  const named = new Set(occurrences.map((o) => o.id));
  const agents = new Set(occurrences.filter((o) => o.agent).map((o) => o.id));
  const actors = [...register.actors.values()].filter(
    (a) =>
      actorIds.has(a.id) ||
      (a.kind !== 'COUNTRY' &&
        !register.incidental.has(a.id) &&
        !(a.kind === 'PERSON' && register.descriptive.has(a.id)) &&
        (a.kind === 'OFFICIAL' ? named : agents).has(a.id)),
  );
  const warnings: string[] = [];
  if (!publishedAt) warnings.push('no publication date found: event dates are null unless the text gives one');
  return {
    id,
    article: { title, outlet: raw.outlet, url: raw.url, publishedAt, dateline: clean.dateline, text, contentHash },
    actors: actors.sort((a, b) => a.id.localeCompare(b.id)),
    events,
    warnings,
  };
}

/** Our tokens with the engine's lemma where one engine token covers exactly one of ours. */
function withEngineLemmas(tokens: readonly Token[], graph: SentenceGraph): Token[] {
  return tokens.map((t, k) => {
    const nodes = graph.ofToken[k];
    const n = nodes?.length === 1 ? graph.nodes[nodes[0]!]! : null;
    return n && n.start === t.start && n.end === t.end && n.lemma !== t.lemma && /^[a-z]+$/.test(n.lemma)
      ? { ...t, lemma: n.lemma }
      : t;
  });
}

const PERSON_KINDS = new Set(['OFFICIAL', 'PERSON']);

/** The first clause subject of a sentence that is a body or a state (not a person): what "it" may refer to next. */
function subjectBody(graph: SentenceGraph, mentions: readonly Mention[], register: ActorRegister): Mention | null {
  for (const node of graph.nodes) {
    if (!node.in.some((e) => e.dep === 'nsubj' || e.dep === 'nsubj:pass') || node.token < 0) continue;
    const m = mentions.find((x) => node.token >= x.start && node.token < x.end && !x.locative);
    if (m && m.actorIds.length === 1 && !PERSON_KINDS.has(register.kindOf(m.actorIds[0]!) ?? 'PERSON'))
      return { ...m, carried: true };
  }
  return null;
}

/** "Spokesperson Lin Wei: …", "Ambassador Moreno: …": a single actor named at the start of a line, then a colon. */
function speakerLabel(tokens: readonly Token[], mentions: readonly Mention[]): Mention | null {
  const m = mentions.find(
    (x) => x.start <= 1 && tokens[x.end]?.text === ':' && x.actorIds.length === 1 && x.via !== 'author',
  );
  return m ?? null;
}

const VOICE_WORDS = new Set(LEXICON.firstPersonPlural);

/** "We", "our", "us": the speaker of the frame they are in, the quote's speaker, or the document's voice. */
/** The state behind a body (or, for the document's own voice, an official) that says "our". */
function stateOfVoice(id: string, register: ActorRegister, only: 'AGENCY' | null): string | null {
  const a = register.actors.get(id);
  const ok = a && (a.kind === 'AGENCY' || (a.kind === 'OFFICIAL' && only === null));
  return ok && a.country ? register.country(a.country) : null;
}

function addVoiceMentions(
  tokens: readonly Token[],
  mentions: Mention[],
  frames: readonly Frame[],
  inherited: Mention | null,
  docVoice: string | null,
  register: ActorRegister,
): Mention[] {
  const extra: Mention[] = [];
  // The loop itself captures nothing (a closure over `k` would allocate a scope for every token).
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (!VOICE_WORDS.has(t.lower) || t.text === 'US') continue;
    const m = voiceMention(t, k, mentions, frames, inherited, docVoice, register);
    if (m) extra.push(m);
  }
  return extra.length === 0 ? mentions : [...mentions, ...extra].sort((a, b) => a.start - b.start);
}

/** The mention a voice word at token k stands for, unless it is inside a mention already. */
function voiceMention(
  t: Token,
  k: number,
  mentions: readonly Mention[],
  frames: readonly Frame[],
  inherited: Mention | null,
  docVoice: string | null,
  register: ActorRegister,
): Mention | null {
  if (mentions.some((m) => k >= m.start && k < m.end)) return null;
  const frame = frames
    .filter((f) => k >= f.from && k < f.to && k !== f.verb)
    .sort((a, b) => Math.abs(a.verb - k) - Math.abs(b.verb - k))[0];
  // "our support", "our countries": the document's own state where its voice is a body or an official of one.
  const said = frame?.speaker.actorIds ?? inherited?.actorIds ?? (docVoice ? [docVoice] : null);
  const own =
    /^our$/i.test(t.text) && said?.length === 1
      ? stateOfVoice(said[0]!, register, frame || inherited ? 'AGENCY' : null)
      : null;
  const ids = own ? [own] : said;
  return ids && ids.length > 0 ? { start: k, end: k + 1, actorIds: [...ids], locative: false, via: 'author' } : null;
}

const STATEMENT_OPENERS = new Set(LEXICON.statementOpeners);

/** "The below is attributable to Spokesperson X:", "The US Department of State released the following statement:". */
function announcedVoice(tokens: readonly Token[], mentions: readonly Mention[]): string | null {
  // The announcement ends the sentence, or a colon inside it opens the statement ("… the following statement: We …").
  const colon = tokens.findIndex(
    (t, k) => t.text === ':' && (k === tokens.length - 1 || /^we$/i.test(tokens[k + 1]?.text ?? '')),
  );
  if (colon < 0 || !tokens.slice(0, colon).some((t) => STATEMENT_OPENERS.has(t.lower))) return null;
  mentions = mentions.filter((m) => m.end <= colon);
  const by = tokens.findIndex(
    (t, k) => (t.lower === 'to' && tokens[k - 1]?.lower === 'attributable') || t.lower === 'by',
  );
  const m =
    by >= 0
      ? mentions.find((x) => x.start > by && x.via !== 'author')
      : mentions.find((x) => !x.locative && x.via !== 'author');
  return m?.actorIds.length === 1 ? m.actorIds[0]! : null;
}

/**
 * The government body that issued the document, from its outlet line ("U.S. Department of State statement",
 * "Ministry of Foreign Affairs of the Russian Federation"): it speaks where the text names no one else.
 */
function findAuthor(outlet: string | null): ExtractedActor | null {
  if (!outlet) return null;
  return remember(authorCache, outlet, readAuthor);
}

/** Outlets and datelines recur across articles: their (pure) readings are kept, up to a bound. */
const authorCache = new Map<string, ExtractedActor | null>();
const datelineCache = new Map<string, string | null>();

function remember<T>(cache: Map<string, T>, key: string, read: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = read(key);
  if (cache.size < 10000) cache.set(key, value);
  return value;
}

function readAuthor(outlet: string): ExtractedActor | null {
  const scratch = newDiscourseState(new ActorRegister(), null, null);
  for (const s of analyse(outlet)) {
    for (const m of findMentions(s.tokens, scratch)) {
      const a = scratch.register.actors.get(m.actorIds[0] ?? '');
      if (a && (((a.kind === 'AGENCY' || a.kind === 'OFFICIAL') && a.country) || a.kind === 'ALLIANCE')) return a;
    }
  }
  return null;
}

const CLOSING_QUOTE = /^[”"’']$/;

/**
 * Quotes that run over sentences: for a sentence that opens a quote and does not close it, the speaker named
 * where the quote closes, up to three sentences on ("“We reject this. It is baseless,” the ministry said.").
 * Read on a scratch register (ids do not depend on it); the actors are adopted when used.
 */
function speakersAhead(sentences: readonly Sentence[], dateline: string | null): Map<number, ExtractedActor[]> {
  const out = new Map<number, ExtractedActor[]>();
  for (let i = 0; i < sentences.length; i += 1) {
    const toks = sentences[i]!.tokens;
    if (!OPENING_QUOTE.test(toks[0]?.text ?? '') || toks.slice(1).some((t) => CLOSING_QUOTE.test(t.text))) continue;
    for (let j = i + 1; j <= i + 3 && j < sentences.length; j += 1) {
      const later = sentences[j]!.tokens;
      const close = later.findIndex((t) => CLOSING_QUOTE.test(t.text));
      if (close < 0) continue;
      const scratch = newDiscourseState(new ActorRegister(), dateline, null);
      const groups = coordinate(later, findMentions(later, scratch));
      const frame = findFrames(later, groups).find((f) => f.verb > close);
      const actors =
        frame?.speaker.actorIds.map((id) => scratch.register.actors.get(id)).filter((a): a is ExtractedActor => !!a) ??
        [];
      if (actors.length > 0) for (let k = i; k < j; k += 1) out.set(k, actors);
      break;
    }
  }
  return out;
}

/** The members of an "allies — A, B and C" list anywhere in the article, so an earlier "allies" can use them. */
function findAllyGroup(sentences: readonly Sentence[], dateline: string | null): string[] | null {
  // Only a list after "allies" defines the group: an article without one has none, and needs no reading here.
  if (!sentences.some((s) => opensAllyList(s.tokens))) return null;
  const scratch: DiscourseState = newDiscourseState(new ActorRegister(), dateline, null);
  for (const s of sentences) {
    if (!s.tokens.some((t) => t.lower === 'allies' || t.lower === 'partners')) continue;
    findMentions(s.tokens, scratch);
    if (scratch.allyGroup) return scratch.allyGroup;
  }
  return null;
}

/** The country that accuses most in the article: whom unspecified solidarity goes to. */
function protagonist(found: readonly Found[], register: ActorRegister): string | null {
  const counts = new Map<string, number>();
  for (const { a } of found) {
    if (!a.target || a.negated || (a.trigger.relation !== 'ACCUSES' && a.trigger.relation !== 'CHARGES')) continue;
    for (const s of a.source.actorIds) {
      const c = register.countryOf(s);
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? null;
}

const OPPONENT_RELATIONS: ReadonlySet<string> = relationsOfClass('opposing');

/** For each country, the country it is most in conflict with in this article (for "the allegations" etc.). */
function opponents(found: readonly Found[], register: ActorRegister): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  let weight = 1;
  const bump = (a: string, b: string): void => {
    const m = counts.get(a) ?? new Map<string, number>();
    m.set(b, (m.get(b) ?? 0) + weight);
    counts.set(a, m);
  };
  for (const { a } of found) {
    if (!a.target || a.negated || !OPPONENT_RELATIONS.has(a.trigger.relation)) continue;
    // A list of seven allies is one act, not seven.
    weight = 1 / (a.source.actorIds.length * a.target.actorIds.length);
    for (const s of a.source.actorIds)
      for (const t of a.target.actorIds) {
        const cs = register.countryOf(s);
        const ct = register.countryOf(t);
        if (cs && ct && cs !== ct) {
          bump(cs, ct);
          bump(ct, cs);
        }
      }
  }
  const out = new Map<string, string>();
  for (const [c, m] of counts) {
    const best = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    if (best) out.set(c, best[0]);
  }
  return out;
}

const PRIVATE_KINDS = new Set(['PERSON', 'ORGANIZATION', 'GROUP']);
const ENVOY_TITLE = /ambassador|envoy|chargé|charge d'affaires|head of mission/i;

/** A protest or warning delivered to an ambassador or an embassy is addressed to its state. */
function envoyState(id: string, relation: string, register: ActorRegister): string {
  if (relation !== 'CONDEMNS' && relation !== 'THREATENS') return id;
  const a = register.actors.get(id);
  if (!a?.country) return id;
  const envoy =
    (a.kind === 'OFFICIAL' && !!a.title && ENVOY_TITLE.test(a.title)) ||
    (a.kind === 'AGENCY' && /:(?:embassy|consulate)(?:-in-[a-z]{3})?$/.test(a.id));
  return envoy ? register.country(a.country) : id;
}

/** The last item that satisfies `test` (Array.prototype.findLast is beyond the ES2022 library). */
function lastOf<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let k = items.length - 1; k >= 0; k -= 1) if (test(items[k]!)) return items[k];
  return undefined;
}

function buildEvents(
  found: readonly Found[],
  register: ActorRegister,
  occurrences: readonly Occurrence[],
  article: { id: string; text: string; publishedAt: string | null },
): ExtractedEvent[] {
  const opp = opponents(found, register);
  const hero = protagonist(found, register);
  // Unaddressed solidarity goes to the adversary of whoever the supporter itself blames in the article.
  const blamed = new Map<string, string>();
  for (const { a } of found) {
    if (!a.target || a.negated || !OPPONENT_RELATIONS.has(a.trigger.relation)) continue;
    for (const s of a.source.actorIds)
      for (const t of a.target.actorIds) {
        const ct = register.countryOf(t);
        if (ct && !blamed.has(s)) blamed.set(s, ct);
      }
  }
  const sideOf = (id: string): string | undefined => {
    const b = blamed.get(id);
    const o = b ? opp.get(b) : undefined;
    return o && o !== register.countryOf(id) ? o : undefined;
  };
  const events: ExtractedEvent[] = [];
  const seen = new Set<string>();
  const dates = new Map<Sentence, ResolvedDate>();
  for (const { a, sentence } of found) {
    const info = relationInfo(a.trigger.relation);
    const when = dates.get(sentence) ?? resolveSentenceDate(sentence.text, article.publishedAt);
    dates.set(sentence, when);
    const targets: { id: string; span: Span }[] = [];
    if (a.target) {
      for (const m of membersOf(a.target))
        targets.push({ id: envoyState(m.id, info.name, register), span: span(sentence, m.start, m.end, article.text) });
    }
    for (const s of membersOf(a.source)) {
      // A quote's speaker named in an earlier sentence: point at where it was named.
      const carried = a.source.carried
        ? lastOf(occurrences, (x) => x.id === s.id && x.span.start < sentence.start)
        : undefined;
      const sourceSpan = carried?.span ?? span(sentence, s.start, s.end, article.text);
      let tlist = targets;
      if (!a.target && RECIPROCAL.has(info.name) && a.source.actorIds.length >= 2) {
        tlist = membersOf(a.source)
          .filter((o) => o.id !== s.id)
          .map((o) => ({ id: o.id, span: span(sentence, o.start, o.end, article.text) }));
      } else if (!a.target) {
        const c = register.countryOf(s.id);
        // An embassy answers its host country: "the Chinese embassy in New Zealand called the allegations groundless".
        const host = /:embassy-in-([a-z]{3})$/.exec(s.id)?.[1]?.toUpperCase();
        const o =
          a.trigger.relation === 'SUPPORTS'
            ? (sideOf(s.id) ?? hero ?? undefined)
            : (host ?? (c ? opp.get(c) : undefined));
        if (!o) continue;
        const oid = countryId(o);
        register.country(o);
        const prior = lastOf(
          occurrences,
          (x) => x.span.start < sentence.end && (x.id === oid || register.countryOf(x.id) === o),
        );
        tlist = [{ id: oid, span: prior?.span ?? span(sentence, a.trigger.start, a.trigger.end, article.text) }];
      }
      for (const t of tlist) {
        if (s.id === t.id) continue;
        const cs = register.countryOf(s.id);
        // A state does not act on itself or its own organs; it may on its own citizens, companies and groups.
        if (
          cs &&
          cs === register.countryOf(t.id) &&
          !(PRIVATE_KINDS.has(register.kindOf(t.id) ?? 'COUNTRY') && register.kindOf(s.id) !== 'COUNTRY')
        )
          continue;
        const key = `${s.id}|${info.name}|${t.id}|${sentence.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({
          id: shortHash([article.id, info.name, s.id, t.id, sentence.start]),
          relation: info.name,
          plover: info.plover,
          mode: info.mode,
          cameo: info.cameo,
          score: info.score,
          source: s.id,
          target: t.id,
          date: when.date,
          datePrecision: when.precision,
          negated: a.negated,
          hypothetical: a.hypothetical,
          evidence: { sentence: sentence.text, start: sentence.start, end: sentence.end },
          sourceMention: sourceSpan,
          targetMention: t.span,
          rule: a.rule,
        });
      }
    }
  }
  return events;
}
