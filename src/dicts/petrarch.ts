/**
 * The PETRARCH2 dictionaries converted into data/petrarch/ (scripts/convert-petrarch.ts): countries'
 * names, adjectives and capitals; organisations and armed groups; dated office holders; agent nouns
 * with their sector; CAMEO verb patterns with their prepositional frames, relation and PLOVER event.
 *
 * loadPetrarchDicts() reads each file once, on first use, and answers lookups by name. Names are
 * matched case- and accent-insensitively with whitespace collapsed; nothing else is normalised
 * ("u.s." and "us" are different entries, as in the source files).
 *
 * Dates (YYYY-MM-DD, inclusive) follow PETRARCH2: for a name, the rows whose date range contains the
 * date win; when none does, the undated (default) rows apply; without a date every row is returned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isActorKind, isRelationName } from '../ontology.ts';
import type { ActorKind, RelationName } from '../ontology.ts';
import { LIST_SEPARATOR, PETRARCH_COLUMNS, PETRARCH_FILES, parseFrame, parseTsv } from './petrarch-format.ts';
import type { PetrarchTable, PrepFrame } from './petrarch-format.ts';

export type { FrameSlot, PrepFrame } from './petrarch-format.ts';

/** data/petrarch/ of this checkout. */
export const PETRARCH_DATA_DIR = fileURLToPath(new URL('../../data/petrarch/', import.meta.url));

interface Dated {
  start: string | null;
  end: string | null;
}

export type CountryFormKind = 'name' | 'adjective' | 'capital' | 'alias';

export interface CountryNameForm extends Dated {
  name: string;
  form: CountryFormKind;
  iso3: string;
  cameo: string;
}

export interface PetrarchActor extends Dated {
  name: string;
  aliases: string[];
  kind: ActorKind;
  country: string | null;
  sector: string | null;
  cameo: string;
}

export interface OfficeHolding extends Dated {
  name: string;
  aliases: string[];
  kind: 'OFFICIAL' | 'PERSON';
  country: string | null;
  sector: string | null;
  /** The CAMEO code after its country or organisation part: GOV, GOVHLH, ELI, UNOKID. */
  role: string;
  cameo: string;
}

export interface AgentSense {
  noun: string;
  lemma: string;
  sector: string | null;
  cameo: string;
  /** Which agent file lists it: phoenix (Phoenix.agents.txt), plover (PLOVER_agents.txt) or both. */
  source: 'phoenix' | 'plover' | 'both';
}

export interface VerbInfo {
  lemma: string;
  /** The word the parser sees as the verb (meet with -> meet). */
  head: string;
  block: string;
  /** CAMEO code of the verb alone, null when the bare verb is no event. */
  cameo: string | null;
  relation: RelationName | null;
  plover: string | null;
  mode: string | null;
  forms: string[];
}

export interface VerbPattern {
  /** Source -> target code; null for a pattern that only codes target -> source, or for no event. */
  cameo: string | null;
  /** Target -> source code of a paired pattern ([042:043]). */
  reverse: string | null;
  /** The construction is explicitly not an event (PETRARCH's null code ---). */
  noEvent: boolean;
  relation: RelationName | null;
  reverseRelation: RelationName | null;
  plover: string | null;
  mode: string | null;
  block: string;
  /** Verb the pattern was written for (its comment), when named. */
  verb: string | null;
  /** The verbs of its block: the pattern applies to all of them. */
  verbs: string[];
  /** `*` is the verb, (…) a prepositional phrase, {…} a noun phrase, $ source, + target, ^ other, &SET a synset. */
  pattern: string;
  frame: PrepFrame[];
  comment: string;
}

export interface PetrarchDicts {
  /** Country name forms (name, adjective, capital, alias) matching a text, valid at date. */
  countryForms(name: string, date?: string): CountryNameForm[];
  /** The ISO3 a country name, adjective or capital stands for at date; null when unknown or ambiguous. */
  countryOf(name: string, date?: string): string | null;
  /** Organisations, agencies, IGOs and armed groups called name (valid at date). */
  actors(name: string, date?: string): PetrarchActor[];
  /** The offices a person (or office title) held at date; without a date, all of them. */
  officeHolders(name: string, date?: string): OfficeHolding[];
  /** Every sense of an agent noun ("police", "foreign ministers"), preferred first. */
  agents(noun: string): AgentSense[];
  /** The sector of an agent noun (police -> "police", troops -> "military"), or null. */
  agentSector(noun: string): string | null;
  /** Verb entries for a lemma or an inflected form ("accused" -> accuse). */
  verbs(form: string): VerbInfo[];
  /** Patterns coded with a CAMEO code (either direction); prefix: also its sub-codes (112 -> 1121 …). */
  verbPatterns(code: string, options?: { prefix?: boolean }): VerbPattern[];
  /** Patterns that apply to a verb (lemma or form), through its blocks. */
  patternsForVerb(form: string): VerbPattern[];
  /** The phrases (with plurals) of a synset such as &MILITARY. */
  synset(name: string): string[];
}

/** Lookup key: lower case, no accents, single spaces. */
export function nameKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

const orNull = (v: string): string | null => (v === '' ? null : v);
const list = (v: string): string[] => (v === '' ? [] : v.split(LIST_SEPARATOR));

function relationOrNull(v: string, where: string): RelationName | null {
  if (v === '') return null;
  if (!isRelationName(v)) throw new Error(`${where}: unknown relation ${v}`);
  return v;
}

function pushTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const hit = index.get(key);
  if (hit) hit.push(value);
  else index.set(key, [value]);
}

/** PETRARCH's date rule over the rows of one name. */
function atDate<T extends Dated>(rows: readonly T[], date: string | undefined): T[] {
  if (date === undefined) return [...rows];
  const dated = rows.filter(
    (r) => (r.start !== null || r.end !== null) && (r.start ?? '') <= date && date <= (r.end ?? '9999-12-31'),
  );
  return dated.length > 0 ? dated : rows.filter((r) => r.start === null && r.end === null);
}

function readTable<T extends PetrarchTable>(
  dir: string,
  table: T,
): Record<(typeof PETRARCH_COLUMNS)[T][number], string>[] {
  const path = join(dir, PETRARCH_FILES[table]);
  return parseTsv(readFileSync(path, 'utf8'), PETRARCH_COLUMNS[table], path);
}

function indexCountries(dir: string): Map<string, CountryNameForm[]> {
  const countries = new Map<string, CountryNameForm[]>();
  for (const r of readTable(dir, 'countries')) {
    const form = r.form as CountryFormKind;
    pushTo(countries, nameKey(r.name), {
      name: r.name,
      form,
      iso3: r.iso3,
      cameo: r.cameo,
      start: orNull(r.start),
      end: orNull(r.end),
    });
  }
  return countries;
}

function indexActors(dir: string): Map<string, PetrarchActor[]> {
  const actors = new Map<string, PetrarchActor[]>();
  for (const r of readTable(dir, 'actors')) {
    if (!isActorKind(r.kind)) throw new Error(`${PETRARCH_FILES.actors}: unknown kind ${r.kind}`);
    const actor: PetrarchActor = {
      name: r.name,
      aliases: list(r.aliases),
      kind: r.kind,
      country: orNull(r.country),
      sector: orNull(r.sector),
      cameo: r.cameo,
      start: orNull(r.start),
      end: orNull(r.end),
    };
    for (const n of new Set([actor.name, ...actor.aliases].map(nameKey))) pushTo(actors, n, actor);
  }
  return actors;
}

function indexOfficeHolders(dir: string): Map<string, OfficeHolding[]> {
  const holders = new Map<string, OfficeHolding[]>();
  for (const r of readTable(dir, 'officeHolders')) {
    const holding: OfficeHolding = {
      name: r.name,
      aliases: list(r.aliases),
      kind: r.kind === 'OFFICIAL' ? 'OFFICIAL' : 'PERSON',
      country: orNull(r.country),
      sector: orNull(r.sector),
      role: r.role,
      cameo: r.cameo,
      start: orNull(r.start),
      end: orNull(r.end),
    };
    for (const n of new Set([holding.name, ...holding.aliases].map(nameKey))) pushTo(holders, n, holding);
  }
  return holders;
}

function indexAgents(dir: string): Map<string, AgentSense[]> {
  const agents = new Map<string, AgentSense[]>();
  const preference = { both: 0, plover: 1, phoenix: 2 } as const;
  for (const r of readTable(dir, 'agents')) {
    const source = r.source as AgentSense['source'];
    pushTo(agents, nameKey(r.noun), { noun: r.noun, lemma: r.lemma, sector: orNull(r.sector), cameo: r.cameo, source });
  }
  for (const senses of agents.values()) senses.sort((a, b) => preference[a.source] - preference[b.source]);
  return agents;
}

interface VerbIndex {
  verbs: Map<string, VerbInfo[]>;
  byCode: Map<string, VerbPattern[]>;
  byBlock: Map<string, VerbPattern[]>;
  patterns: VerbPattern[];
}

function indexVerbs(dir: string): VerbIndex {
  const verbs = new Map<string, VerbInfo[]>();
  const blockVerbs = new Map<string, string[]>();
  for (const r of readTable(dir, 'verbs')) {
    const verb: VerbInfo = {
      lemma: r.lemma,
      head: r.head,
      block: r.block,
      cameo: orNull(r.cameo),
      relation: relationOrNull(r.relation, PETRARCH_FILES.verbs),
      plover: orNull(r.plover),
      mode: orNull(r.mode),
      forms: list(r.forms),
    };
    for (const f of new Set([verb.lemma, ...verb.forms].map(nameKey))) pushTo(verbs, f, verb);
    pushTo(blockVerbs, verb.block, verb.lemma);
  }
  const index: VerbIndex = { verbs, byCode: new Map(), byBlock: new Map(), patterns: [] };
  for (const r of readTable(dir, 'verbPatterns')) {
    const noEvent = r.cameo === '---';
    const pattern: VerbPattern = {
      cameo: noEvent ? null : orNull(r.cameo),
      reverse: orNull(r.reverse),
      noEvent,
      relation: relationOrNull(r.relation, PETRARCH_FILES.verbPatterns),
      reverseRelation: relationOrNull(r.reverseRelation, PETRARCH_FILES.verbPatterns),
      plover: orNull(r.plover),
      mode: orNull(r.mode),
      block: r.block,
      verb: orNull(r.verb),
      verbs: [...new Set(blockVerbs.get(r.block) ?? [])],
      pattern: r.pattern,
      frame: parseFrame(r.frame),
      comment: r.comment,
    };
    index.patterns.push(pattern);
    for (const c of new Set([pattern.cameo, pattern.reverse])) if (c) pushTo(index.byCode, c, pattern);
    pushTo(index.byBlock, pattern.block, pattern);
  }
  return index;
}

function indexSynsets(dir: string): Map<string, string[]> {
  const synsets = new Map<string, string[]>();
  for (const r of readTable(dir, 'synsets')) for (const f of list(r.forms)) pushTo(synsets, r.synset.toUpperCase(), f);
  return synsets;
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function build(dir: string): PetrarchDicts {
  // Each file is read when first needed (office-holders.tsv alone is 2 MB), then kept.
  const countries = lazy(() => indexCountries(dir));
  const actors = lazy(() => indexActors(dir));
  const holders = lazy(() => indexOfficeHolders(dir));
  const agents = lazy(() => indexAgents(dir));
  const verbs = lazy(() => indexVerbs(dir));
  const synsets = lazy(() => indexSynsets(dir));
  const countryForms = (name: string, date?: string): CountryNameForm[] =>
    atDate(countries().get(nameKey(name)) ?? [], date);

  return {
    countryForms,
    countryOf(name, date) {
      const codes = new Set(countryForms(name, date).map((f) => f.iso3));
      return codes.size === 1 ? ([...codes][0] ?? null) : null;
    },
    actors: (name, date) => atDate(actors().get(nameKey(name)) ?? [], date),
    officeHolders: (name, date) => atDate(holders().get(nameKey(name)) ?? [], date),
    agents: (noun) => [...(agents().get(nameKey(noun)) ?? [])],
    agentSector: (noun) => agents().get(nameKey(noun))?.[0]?.sector ?? null,
    verbs: (form) => [...(verbs().verbs.get(nameKey(form)) ?? [])],
    verbPatterns(code, options) {
      if (!options?.prefix) return [...(verbs().byCode.get(code) ?? [])];
      return verbs().patterns.filter((p) => (p.cameo ?? '').startsWith(code) || (p.reverse ?? '').startsWith(code));
    },
    patternsForVerb(form) {
      const { verbs: byForm, byBlock } = verbs();
      const blocks = new Set((byForm.get(nameKey(form)) ?? []).map((v) => v.block));
      return [...blocks].flatMap((b) => byBlock.get(b) ?? []);
    },
    synset: (name) => [...(synsets().get(name.toUpperCase()) ?? [])],
  };
}

const loaded = new Map<string, PetrarchDicts>();

/** The dictionaries in dir (default data/petrarch/); each file is read on first use and kept. */
export function loadPetrarchDicts(dir: string = PETRARCH_DATA_DIR): PetrarchDicts {
  let dicts = loaded.get(dir);
  if (!dicts) {
    dicts = build(dir);
    loaded.set(dir, dicts);
  }
  return dicts;
}
