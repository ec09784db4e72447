/** Loads the data files under data/ once per process. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorKind } from '../ontology.ts';

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataDir + name, 'utf8')) as T;
}

export interface OrganizationRow {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  country?: string;
}
export interface AgencyRow {
  country: string;
  slug: string;
  name: string;
  aliases: string[];
}
export interface GenericAgencyRow {
  slug: string;
  name: string;
  aliases: string[];
  bare?: boolean;
}
export interface LeaderRow {
  name: string;
  country: string | null;
  title: string;
  affiliation?: string;
}
export interface CountryExtras {
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  seatsOfGovernment: Record<string, string>;
  skipNames: string[];
  /** Country names that are also common names or words ("Jordan", "Chad"): a country only where the context says so. */
  ambiguousNames: string[];
  /** The adjective a body's name uses where the dataset's demonym is not it ("US Embassy", not "American Embassy"). */
  agencyAdjectives: Record<string, string>;
  /** Upper-case codes that name a country ("US", "DPRK"); other short upper-case alternative spellings are skipped. */
  shortCodes: string[];
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
  /** "the US and its allies": the coalition named before. */
  allyNouns: string[];
  titles: string[];
  /** Nouns of office besides the words of the titles ("the lawmaker", "the chairwoman"). */
  officeNouns: string[];
  /** Words of titles that name no office ("Secretary of State"). */
  titleWordsNotOffices: string[];
  /** Negate the verb they modify ("did not condemn", "will never meet"). */
  negators: string[];
  /** Negate a noun phrase or clause on the graph ("no sanctions", "without condemning"). */
  nounNegators: string[];
  modals: string[];
  /** Modals of possibility: "may not meet" is no refusal, as "will not meet" is. */
  tentativeModals: string[];
  /** Modals that make an act hypothetical in the window rules ("could impose sanctions"). */
  hypotheticalModals: string[];
  /** The modal halves of "won't", "can't" as tokenised ("wo" + "n't"). */
  modalContractions: string[];
  conditionWords: string[];
  /** "asked whether Y would …": a condition the graph scopes (the window rules do not). */
  questionConditionWords: string[];
  /** Nouns a sanction or charge may target besides people ("sanctions on three companies"). */
  peopleOrFirmNouns: string[];
  /** Prepositions that attach the one acted on, by the kind of act (graph-roles.ts targetPreps). */
  hostileTargetPrepositions: string[];
  cooperativeTargetPrepositions: string[];
  retreatTargetPrepositions: string[];
  requestTargetPrepositions: string[];
  /** Subjects that are the document or the act itself, not an agent ("the statement urged …"). */
  discourseNouns: string[];
  /** Nouns of documents: their maker voices what they say ("X put out a report accusing Y"). */
  documentNouns: string[];
  /** Verbs whose object is a topic ("discussed Libya with Y"). */
  topicObjectVerbs: string[];
  topicPrepositions: string[];
  /** Verbs that lend a nominal act its agent ("X imposed sanctions", "X backed the condemnation"). */
  lightVerbs: string[];
  /** "Y must withdraw", "Y should stop": a speaker's demand on Y. */
  demandModals: string[];
  /** Verbs of the PETRARCH2 dictionary that are no act of ours (feelings, argument, the commonest verbs). */
  dictionaryVerbsNotActs: string[];
  /** Words a verb chain may cross ("refused to be drawn into", "will impose further sanctions"). */
  chainLinkWords: string[];
  possessiveDeterminers: string[];
  /** Verbs that pass a chain through: "will extend the curfew" is a threat as "will impose a curfew" is. */
  transparentVerbs: string[];
  /** Words before an actor that make it an object or a comparison, not a subject ("unlike X", "against X"). */
  objectMarkers: string[];
  /** Prepositions of a topic, not a target ("talks over X's programme"). */
  topicMarkers: string[];
  /** "efforts to hold Russia accountable": an aim, not an act. */
  aimNouns: string[];
  /** Tokens that end a clause for the window rules. */
  clauseBreaks: string[];
  /** Words that may be or name an actor, besides government and person nouns. */
  actorishWords: string[];
  /** "we", "our": the voice of a statement. */
  firstPersonPlural: string[];
  /** "the Chinese government", "the Russian military": a sector of a state, which then acts as the state. */
  stateSectors: string[];
  /** Nouns that are the state itself ("the Iranian regime"). */
  stateItselfNouns: string[];
  articles: string[];
  /** Capitalised words that never begin a name (days, months, sentence openers). */
  nameStopWords: string[];
  honorifics: string[];
  /** "these militias", "such groups": a reference back to a named group. */
  groupDeterminers: string[];
  groupNouns: string[];
  /**
   * "what it called Germany's expulsion": after "it", the forms that make "it" the sentence's subject speaking. Past
   * forms and "says" only; widening them to every speech verb changes extraction ("what it calls …") and is measured first.
   */
  speechVerbFormsAfterIt: string[];
  /** What links an accusation noun to its content ("allegations of", "claims that"). */
  accusationLinks: string[];
  relativePronouns: string[];
  /** "…, while raging at Y": what opens a participle clause. */
  participleClauseOpeners: string[];
  beForms: string[];
  /** ", but …", ", while …": a new clause after a comma. */
  clauseConjunctions: string[];
  /** "X, and condemned Y", "X and condemned": an act sharing the actor before. */
  coordinators: string[];
  /** Lower-case particles inside personal names ("bin", "al", "van"). */
  nameParticles: string[];
  /** "three Chinese companies": the counted organisations of a country. */
  organizationNouns: string[];
  /** Words that may stand between an actor and its verb ("China on Tuesday also condemned …"); numbers and adverbs in -ly too. */
  subjectGapWords: string[];
  /** Words inside a passive ("was also being summoned"); adverbs in -ly too. */
  passiveGapWords: string[];
  spokespersonNouns: string[];
  /** "Speaking from Brunei": where the speaker is, not who speaks. */
  locatingParticiples: string[];
  /** "Iran-backed militias": a group named for its sponsor. */
  sponsorParticiples: string[];
  /** "King Abdullah of Jordan", "including Jordan and Iraq": words before an ambiguous name that make it the country. */
  countryContextWords: string[];
  /** "… released the following statement:", "The below is attributable to …": a statement's heading. */
  statementOpeners: string[];
  /** "the President of the United States", "Britain's ambassador in Moscow", "UK Ambassador to Russia". */
  titleCountryLinks: string[];
  /** Words inside a long office: "Under Secretary of the Treasury for Terrorism and Financial Intelligence". */
  officeNameLinks: string[];
  finiteBeForms: string[];
  firstPersonPossessives: string[];
  determiners: string[];
}
export interface TriggerRow {
  relation: string;
  pattern: string;
  role: string;
  chain: string;
}

export const ORGANIZATIONS = readJson<{ organizations: OrganizationRow[] }>('organizations.json').organizations;
const agencyFile = readJson<{ agencies: AgencyRow[]; generic: GenericAgencyRow[] }>('agencies.json');
export const AGENCIES = agencyFile.agencies;
export const GENERIC_AGENCIES = agencyFile.generic;
export const LEADERS = readJson<{ leaders: LeaderRow[] }>('leaders.json').leaders;
export const COUNTRY_EXTRAS = readJson<CountryExtras>('country-extras.json');
export const LEXICON = readJson<Lexicon>('lexicon.json');
export const MEMBERSHIPS = readJson<Record<string, string[] | string>>('memberships.json');
/** Page furniture: regular expressions (as strings) of the lines that end an article, and the credits that end a photo caption. */
export const PAGE_FURNITURE = readJson<{ endOfArticle: string[]; captionCredits: string[] }>('page-furniture.json');

/** Rows of data/triggers.tsv (comments and blank lines skipped). */
export const TRIGGER_ROWS: TriggerRow[] = readFileSync(dataDir + 'triggers.tsv', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [relation = '', pattern = '', role = 'act', chain = ''] = line.split('\t');
    return { relation: relation.trim(), pattern: pattern.trim(), role: role.trim(), chain: chain.trim() };
  });
