/** Loads the data files under data/ once per process. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorKind } from '../ontology.ts';

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataDir + name, 'utf8')) as T;
}

export interface OrganizationRow { id: string; kind: ActorKind; name: string; aliases: string[]; country?: string }
export interface AgencyRow { country: string; slug: string; name: string; aliases: string[] }
export interface GenericAgencyRow { slug: string; name: string; aliases: string[] }
export interface LeaderRow { name: string; country: string | null; title: string; affiliation?: string }
export interface CountryExtras {
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  seatsOfGovernment: Record<string, string>;
  skipNames: string[];
  /** Country names that are also common names or words ("Jordan", "Chad"): a country only where the context says so. */
  ambiguousNames: string[];
  /** The adjective a body's name uses where the dataset's demonym is not it ("US Embassy", not "American Embassy"). */
  agencyAdjectives: Record<string, string>;
}
export interface Lexicon {
  speechVerbs: string[];
  governmentNouns: string[];
  personNouns: string[];
  quantityWords: string[];
  locativePrepositions: string[];
  negationWords: string[];
  hypotheticalWords: string[];
  accusationNouns: string[];
  pronounsPersonal: string[];
  allyNouns: string[];
  titles: string[];
}
export interface TriggerRow { relation: string; pattern: string; role: string; chain: string }

export const ORGANIZATIONS = readJson<{ organizations: OrganizationRow[] }>('organizations.json').organizations;
const agencyFile = readJson<{ agencies: AgencyRow[]; generic: GenericAgencyRow[] }>('agencies.json');
export const AGENCIES = agencyFile.agencies;
export const GENERIC_AGENCIES = agencyFile.generic;
export const LEADERS = readJson<{ leaders: LeaderRow[] }>('leaders.json').leaders;
export const COUNTRY_EXTRAS = readJson<CountryExtras>('country-extras.json');
export const LEXICON = readJson<Lexicon>('lexicon.json');
export const MEMBERSHIPS = readJson<Record<string, string[] | string>>('memberships.json');

/** Rows of data/triggers.tsv (comments and blank lines skipped). */
export const TRIGGER_ROWS: TriggerRow[] = readFileSync(dataDir + 'triggers.tsv', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [relation = '', pattern = '', role = 'act', chain = ''] = line.split('\t');
    return { relation: relation.trim(), pattern: pattern.trim(), role: role.trim(), chain: chain.trim() };
  });
