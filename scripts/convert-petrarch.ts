/**
 * `npm run convert:petrarch [-- --out DIR]`: converts the PETRARCH2 dictionaries (Open Event Data
 * Alliance, MIT) and the CAMEO -> PLOVER crosswalk into the project's data files in data/petrarch/
 * (format: src/dicts/petrarch-format.ts; loader: src/dicts/petrarch.ts).
 *
 * Input: PETRARCH_DIR (default ../shared/data/petrarch2 beside the repository) and PLOVER_CROSSWALK
 * (default PETRARCH_DIR/../plover/CAMEO2PLOVER-2021.txt); data/petrarch/cameo-codes.json (how CAMEO
 * actor codes are read) and the cameoCrosswalk of schema/ontology/relations.json.
 * The output is a function of the input only: sorted rows, no timestamps, byte-identical on every run.
 * Prints counts, the codes it could not map (also written to unmapped.txt) and the input lines it skipped.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  LIST_SEPARATOR,
  PETRARCH_COLUMNS,
  PETRARCH_FILES,
  formatFrame,
  formatTsv,
} from '../src/dicts/petrarch-format.ts';
import type { PetrarchTable } from '../src/dicts/petrarch-format.ts';
import { CameoCodeReader, WORLD_COUNTRIES, readCodeTable } from './petrarch/cameo-codes.ts';
import type { CameoCodeTable, DecodedCode } from './petrarch/cameo-codes.ts';
import { readPloverCrosswalk, readRelationCrosswalk } from './petrarch/crosswalks.ts';
import { readActorFile } from './petrarch/read-actors.ts';
import type { ActorEntry, DatedCode, ReadProblem } from './petrarch/read-actors.ts';
import { readAgentFile } from './petrarch/read-agents.ts';
import { readVerbFile } from './petrarch/read-verbs.ts';
import { compareText, sortRows } from './petrarch/text.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ConvertOptions {
  inDir: string;
  ploverFile: string;
  outDir: string;
  codeTableFile: string;
  relationsFile: string;
}

export interface ConvertSummary {
  counts: Record<string, number>;
  files: { file: string; bytes: number }[];
  unmapped: { kind: string; code: string; entries: number; example: string }[];
  problems: ReadProblem[];
}

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): ConvertOptions {
  const inDir = resolve(REPO, env.PETRARCH_DIR ?? '../shared/data/petrarch2');
  return {
    inDir,
    ploverFile: resolve(REPO, env.PLOVER_CROSSWALK ?? join(inDir, '../plover/CAMEO2PLOVER-2021.txt')),
    outDir: join(REPO, 'data/petrarch'),
    codeTableFile: join(REPO, 'data/petrarch/cameo-codes.json'),
    relationsFile: join(REPO, 'schema/ontology/relations.json'),
  };
}

const ACTOR_FILES = [
  { file: 'Phoenix.Countries.actors.txt', kind: 'countries' },
  { file: 'Phoenix.International.actors.txt', kind: 'international' },
  { file: 'Phoenix.MilNonState.actors.txt', kind: 'nonstate' },
] as const;
type ActorFileKind = (typeof ACTOR_FILES)[number]['kind'];

const AGENT_FILES = [
  { file: 'Phoenix.agents.txt', source: 'phoenix' },
  { file: 'PLOVER_agents.txt', source: 'plover' },
] as const;

/** Letters and digits only, lower case, no accents: for comparing names with world-countries. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Per ISO3: the names, capitals and demonyms world-countries knows, folded. */
function countryVocabulary(): Map<string, { names: Set<string>; capitals: Set<string>; demonyms: Set<string> }> {
  const vocab = new Map<string, { names: Set<string>; capitals: Set<string>; demonyms: Set<string> }>();
  for (const c of WORLD_COUNTRIES) {
    const names = new Set<string>([c.name.common, c.name.official, ...c.altSpellings].map(fold));
    for (const n of Object.values(c.name.native ?? {})) [n.common, n.official].forEach((x) => names.add(fold(x)));
    for (const n of Object.values(c.translations ?? {})) [n.common, n.official].forEach((x) => names.add(fold(x)));
    const capitals = new Set<string>();
    for (const cap of c.capital ?? []) {
      capitals.add(fold(cap));
      capitals.add(fold(cap).replace(/ d c$/, ''));
    }
    const demonyms = new Set<string>();
    for (const d of Object.values(c.demonyms ?? {})) [d.m, d.f].forEach((x) => demonyms.add(fold(x)));
    vocab.set(c.cca3, { names, capitals, demonyms });
  }
  return vocab;
}

function wordRegex(words: readonly string[]): RegExp {
  const alternatives = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(^|[^a-z])(${alternatives})($|[^a-z])`);
}

const isDated = (c: DatedCode): boolean => c.start !== null || c.end !== null;

/**
 * Whether an entry that is not a country names a person (or an office such as "US Secretary of
 * Defense"), from what the files offer: the CountryInfo/IGOrulers provenance comments, titles, words
 * that name organisations, date-ranged codes. Company names are full of title words (Burger King,
 * Woodward Governor), so titles count only in the country file and for IGO codes.
 */
function isPerson(
  entry: ActorEntry,
  file: ActorFileKind,
  decoded: DecodedCode[],
  words: { titles: RegExp; orgs: RegExp },
): boolean {
  if (file === 'nonstate') return false;
  const primary = entry.names[0] ?? '';
  if (/CountryInfo|IGOrulers/.test(entry.comment)) return true;
  if (words.titles.test(primary) && (file === 'countries' || decoded.some((d) => d.orgType === 'IGO'))) return true;
  if (words.orgs.test(primary)) return false;
  if (entry.codes.some(isDated)) return !decoded.some((d) => d.orgType === 'MNC');
  // Undated, no title, no organisation word: a person in the country file unless a single word
  // (KREMLIN, MOSSAD, PESHMERGA); an organisation in the others (mostly NGOs and companies).
  return file === 'countries' && primary.includes(' ');
}

class Unmapped {
  private readonly seen = new Map<string, { kind: string; code: string; entries: number; example: string }>();

  add(kind: string, code: string, example: string): void {
    const key = `${kind}\t${code}`;
    const hit = this.seen.get(key);
    if (hit) hit.entries += 1;
    else this.seen.set(key, { kind, code, entries: 1, example });
  }

  list(): { kind: string; code: string; entries: number; example: string }[] {
    return [...this.seen.values()].sort((a, b) => compareText(`${a.kind}\t${a.code}`, `${b.kind}\t${b.code}`));
  }
}

const cell = (v: string | null | undefined): string => v ?? '';

function convertActors(
  opts: ConvertOptions,
  table: CameoCodeTable,
  codes: CameoCodeReader,
  unmapped: Unmapped,
  problems: ReadProblem[],
): { countries: string[][]; actors: string[][]; officeHolders: string[][]; counts: Record<string, number> } {
  const vocab = countryVocabulary();
  const words = { titles: wordRegex(table.titleWords), orgs: wordRegex(table.organizationWords) };
  const countries: string[][] = [];
  const actors: string[][] = [];
  const officeHolders: string[][] = [];
  const counts = {
    actorEntries: 0,
    countryEntries: 0,
    organisationEntries: 0,
    officeHolderEntries: 0,
    droppedEntries: 0,
  };

  const formOf = (name: string, index: number, iso3: string): string => {
    if (index === 0) return 'name';
    const k = fold(name);
    const v = vocab.get(iso3);
    if (v && (v.demonyms.has(k) || v.demonyms.has(k.replace(/s$/, '')))) return 'adjective';
    if (v?.capitals.has(k)) return 'capital';
    if (v?.names.has(k)) return 'name';
    if (index === 1 && /(?:an|ian|ese|ish)$/.test(k)) return 'adjective';
    return 'alias';
  };

  for (const { file, kind } of ACTOR_FILES) {
    for (const entry of readActorFile(join(opts.inDir, file), file, problems)) {
      counts.actorEntries += 1;
      const decoded: { code: DatedCode; d: DecodedCode }[] = [];
      for (const code of entry.codes) {
        if (code.code === '---') continue; // PETRARCH's null code: "no actor" (outside the dated ranges)
        const d = codes.decode(code.code);
        if (d.unknown) unmapped.add('country', d.unknown, `${entry.names[0]} (${file}:${entry.line})`);
        if (d.dropped) continue;
        decoded.push({ code, d });
      }
      if (decoded.length === 0) {
        counts.droppedEntries += 1;
        continue;
      }
      const [primary = '', ...others] = entry.names;
      const aliases = [...new Set(others.filter((n) => n !== primary))].join(LIST_SEPARATOR);
      const isCountry =
        kind === 'countries' &&
        decoded.every(({ d }) => d.country !== null && d.roles.length === 0 && d.orgType === null);
      if (isCountry) {
        counts.countryEntries += 1;
        for (const { code, d } of decoded) {
          const iso3 = d.territory ?? d.country ?? '';
          entry.names.forEach((name, i) => {
            countries.push([name, formOf(name, i, iso3), iso3, code.code, cell(code.start), cell(code.end)]);
          });
        }
      } else if (
        isPerson(
          entry,
          kind,
          decoded.map((x) => x.d),
          words,
        )
      ) {
        counts.officeHolderEntries += 1;
        for (const { code, d } of decoded) {
          const personKind = d.sector && table.officialSectors.includes(d.sector) ? 'OFFICIAL' : 'PERSON';
          officeHolders.push([
            primary,
            aliases,
            personKind,
            cell(d.country),
            cell(d.sector),
            d.role,
            code.code,
            cell(code.start),
            cell(code.end),
          ]);
        }
      } else {
        counts.organisationEntries += 1;
        for (const { code, d } of decoded) {
          const actorKind =
            kind === 'nonstate'
              ? 'GROUP'
              : ((d.orgType ? table.organizationTypes[d.orgType]?.kind : undefined) ??
                (d.sector ? table.kindBySector[d.sector] : undefined) ??
                'ORGANIZATION');
          actors.push([
            primary,
            aliases,
            actorKind,
            cell(d.country),
            cell(d.sector),
            code.code,
            cell(code.start),
            cell(code.end),
          ]);
        }
      }
    }
  }
  return { countries, actors, officeHolders, counts };
}

function convertAgents(
  opts: ConvertOptions,
  codes: CameoCodeReader,
  unmapped: Unmapped,
  problems: ReadProblem[],
): string[][] {
  const merged = new Map<
    string,
    { noun: string; lemma: string; cameo: string; sector: string; sources: Set<string> }
  >();
  for (const { file, source } of AGENT_FILES) {
    const own = codes.table.agentSectorsByFile[file] ?? {};
    for (const f of readAgentFile(join(opts.inDir, file), file, problems)) {
      const first = f.cameo.replace(/~/g, '').slice(0, 3);
      const sector = own[first] ?? codes.sectorOf(first) ?? codes.table.organizationTypes[first]?.sector;
      if (!sector) unmapped.add('sector', first || f.cameo, `${f.noun} (${file})`);
      const key = `${f.noun}\t${f.cameo}\t${sector ?? ''}`;
      const hit = merged.get(key);
      if (hit) hit.sources.add(source);
      else merged.set(key, { ...f, sector: sector ?? '', sources: new Set([source]) });
    }
  }
  return [...merged.values()].map((a) => {
    const source = a.sources.size > 1 ? 'both' : ([...a.sources][0] ?? '');
    return [a.noun, a.lemma, a.sector, a.cameo, source];
  });
}

function convertVerbs(
  opts: ConvertOptions,
  problems: ReadProblem[],
): {
  verbs: string[][];
  patterns: string[][];
  synsets: string[][];
  counts: Record<string, number>;
} {
  const dict = readVerbFile(join(opts.inDir, 'CAMEO.2.0.txt'), 'CAMEO.2.0.txt', problems);
  const plover = readPloverCrosswalk(opts.ploverFile);
  const crosswalk = readRelationCrosswalk(opts.relationsFile);
  const missing = new Set<string>();
  const relationOf = (code: string | null, verbs: string[]): string => {
    if (code === null) return '';
    const entry = crosswalk.resolve(code, verbs);
    if (!entry) {
      missing.add(code);
      return '';
    }
    return entry.relation ?? '';
  };
  const known = new Set<string>();
  for (const v of dict.verbs) {
    known.add(v.lemma);
    known.add(v.head);
  }
  const verbs = dict.verbs.map((v) => {
    const p = v.code ? plover(v.code) : null;
    return [
      v.lemma,
      v.head,
      v.block,
      cell(v.code),
      relationOf(v.code, [v.lemma, v.block]),
      cell(p?.root),
      cell(p?.mode),
      v.forms.join(LIST_SEPARATOR),
    ];
  });
  const patterns = dict.patterns.map((p) => {
    const word = p.commentWord.replace(/\+/g, '').replace(/_/g, ' ').toLowerCase();
    const verb = known.has(word) ? word : '';
    const pl = p.code ? plover(p.code) : null;
    const noEvent = p.code === null && p.reverse === null;
    return [
      // A pattern is about the verb its comment names, else about its block.
      noEvent ? '---' : cell(p.code),
      cell(p.reverse),
      relationOf(p.code, [verb || p.block]),
      relationOf(p.reverse, [verb || p.block]),
      cell(pl?.root),
      cell(pl?.mode),
      p.block,
      verb,
      p.pattern,
      formatFrame(p.frames),
      p.comment.replace(/\s+/g, ' '),
    ];
  });
  for (const [block, code] of dict.blockCodes) relationOf(code, [block]);
  if (missing.size > 0) {
    throw new Error(
      `cameoCrosswalk in ${opts.relationsFile} maps no relation for CAMEO code(s) ${[...missing].sort().join(', ')}`,
    );
  }
  const synsets = dict.synsets.map((s) => [s.synset, s.phrase, s.forms.join(LIST_SEPARATOR)]);
  return {
    verbs,
    patterns,
    synsets,
    counts: { verbBlocks: dict.blockCodes.size, transformationsSkipped: dict.transformations },
  };
}

function licenseText(opts: ConvertOptions): string {
  const mit = readFileSync(join(opts.inDir, 'LICENSE'), 'utf8').trim();
  return `The data files in this directory, except cameo-codes.json, are generated by
scripts/convert-petrarch.ts from the PETRARCH2 coding dictionaries of the Open Event Data Alliance
(https://github.com/openeventdata/petrarch2: CAMEO.2.0.txt, Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt,
PLOVER_agents.txt). Those dictionaries, and the data derived from them here, are under the MIT
License below (the headers of CAMEO.2.0.txt and of the actor and agent files carry the same terms:
Copyright (c) 2014-2015 Open Event Data Alliance). Keep this notice wherever the data is shipped.

The "plover" and "mode" columns of verbs.tsv and verb-patterns.tsv are adapted from the CAMEO to
PLOVER conversion table of the PLOVER manual (draft 0.8, 17 September 2021, edited by Philip
Schrodt, Open Event Data Alliance), licensed under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). Those two
files are therefore shared under CC BY-SA 4.0, with that credit, in addition to the MIT terms of
the PETRARCH2 material in them. Change made: each CAMEO code of a verb or pattern is given the
PLOVER event and mode of its longest listed code prefix.

${mit}
`;
}

/** Converts the dictionaries into opts.outDir and returns what it did. */
export function convertPetrarch(opts: ConvertOptions): ConvertSummary {
  const problems: ReadProblem[] = [];
  const unmapped = new Unmapped();
  const table = readCodeTable(opts.codeTableFile);
  const codes = new CameoCodeReader(table);
  const actorData = convertActors(opts, table, codes, unmapped, problems);
  const agents = convertAgents(opts, codes, unmapped, problems);
  const verbData = convertVerbs(opts, problems);

  const tables: Record<PetrarchTable, string[][]> = {
    countries: sortRows(actorData.countries),
    actors: sortRows(actorData.actors),
    officeHolders: sortRows(actorData.officeHolders),
    agents: sortRows(agents),
    verbs: sortRows(verbData.verbs),
    verbPatterns: sortRows(verbData.patterns, (r) => (r[0] || r[1]) ?? ''), // by code, reverse-only codes in place
    synsets: sortRows(verbData.synsets),
  };
  mkdirSync(opts.outDir, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(tables) as PetrarchTable[]) {
    writeFileSync(join(opts.outDir, PETRARCH_FILES[name]), formatTsv(PETRARCH_COLUMNS[name], tables[name]));
    written.push(PETRARCH_FILES[name]);
  }
  const unmappedList = unmapped.list();
  writeFileSync(
    join(opts.outDir, PETRARCH_FILES.unmapped),
    [
      '# CAMEO codes scripts/convert-petrarch.ts could not map (not in world-countries nor in cameo-codes.json).',
      '# kind<TAB>code<TAB>entries<TAB>first example',
      ...unmappedList.map((u) => `${u.kind}\t${u.code}\t${u.entries}\t${u.example}`),
      '',
    ].join('\n'),
  );
  writeFileSync(join(opts.outDir, PETRARCH_FILES.license), licenseText(opts));
  written.push(PETRARCH_FILES.unmapped, PETRARCH_FILES.license);

  const distinct = (rows: string[][], col: number): number => new Set(rows.map((r) => r[col])).size;
  return {
    counts: {
      ...actorData.counts,
      ...verbData.counts,
      countryNameRows: tables.countries.length,
      countriesCovered: distinct(tables.countries, 2),
      actorRows: tables.actors.length,
      officeHolderRows: tables.officeHolders.length,
      officeHolderNames: distinct(tables.officeHolders, 0),
      agentForms: tables.agents.length,
      verbs: tables.verbs.length,
      verbPatterns: tables.verbPatterns.length,
      verbPatternCodes: distinct(tables.verbPatterns, 0),
      synsetPhrases: tables.synsets.length,
    },
    files: written.map((file) => ({ file, bytes: statSync(join(opts.outDir, file)).size })),
    unmapped: unmappedList,
    problems,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const opts = defaultOptions();
  const outAt = args.indexOf('--out');
  if (outAt >= 0) {
    const dir = args[outAt + 1];
    if (!dir) throw new Error('usage: convert-petrarch [--out DIR]');
    opts.outDir = resolve(dir);
  }
  const summary = convertPetrarch(opts);
  console.log(`input   ${opts.inDir}\ncrosswalk ${opts.ploverFile}\noutput  ${opts.outDir}`);
  for (const [k, v] of Object.entries(summary.counts)) console.log(`  ${k.padEnd(24)} ${v}`);
  for (const f of summary.files) console.log(`  ${f.file.padEnd(24)} ${(f.bytes / 1024).toFixed(0).padStart(6)} KB`);
  console.log(
    `unmapped codes (${PETRARCH_FILES.unmapped}): ${summary.unmapped.map((u) => `${u.kind} ${u.code} (${u.entries})`).join(', ') || 'none'}`,
  );
  console.log(`input lines skipped or read with a caveat: ${summary.problems.length}`);
  for (const p of summary.problems) console.log(`  ${p.file}:${p.line}: ${p.problem}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
