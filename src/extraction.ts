/**
 * The extraction contract: what `extract()` returns for one article, and what the store writes. It sits beside
 * both (src/ingest produces it, src/store writes it) so that neither imports the other.
 * The JSON printed by `diplograph extract` is exactly an ExtractionResult.
 */
import type { ActorKind, RelationName } from './ontology.ts';

/** An article as it comes in, before cleaning. Exactly one of text / html is set. */
export interface ArticleInput {
  id?: string;
  text?: string;
  html?: string;
  title?: string;
  url?: string;
  outlet?: string;
  /** ISO date (YYYY-MM-DD) or date-time. */
  publishedAt?: string;
}

export interface CleanArticle {
  /** Stable id: the given id, else derived from the URL, else from the content hash. */
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  /** YYYY-MM-DD, or null when nothing in the input says. */
  publishedAt: string | null;
  /** e.g. "BEIJING" */
  dateline: string | null;
  /** The article body only (page furniture removed). All offsets point into this string. */
  text: string;
  /** sha256 hex of the clean text plus title, so a re-sent article is recognised. */
  contentHash: string;
}

export interface ExtractedActor {
  /** Stable across articles: `country:CHN`, `alliance:nato`, `official:usa:antony-blinken`, `agency:chn:ministry-of-state-security`, … */
  id: string;
  name: string;
  kind: ActorKind;
  /** ISO 3166-1 alpha-3, or null. */
  country: string | null;
  /** For officials: "Secretary of State", "foreign ministry spokesman". */
  title: string | null;
  aliases: string[];
  /** For officials: the actor id they represent (a country or agency); for agencies: their country id. */
  affiliation?: string | null;
}

export interface Span {
  text: string;
  start: number;
  end: number;
}

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'UNKNOWN';

export interface ExtractedEvent {
  /** Stable: hash of (article id, relation, source, target, evidence start). */
  id: string;
  relation: RelationName;
  plover: string;
  mode: string;
  cameo: string;
  score: number;
  source: string;
  target: string;
  /** YYYY-MM-DD (publication date when the text gives none). */
  date: string | null;
  datePrecision: DatePrecision;
  negated: boolean;
  hypothetical?: boolean;
  evidence: { sentence: string; start: number; end: number };
  sourceMention: Span;
  targetMention: Span;
  /** Which rule produced it: one of the forms of ingest/rules.ts, e.g. `graph:nsubj>obj:condemn`, `passive:by:summon`. */
  rule: string;
}

export interface ExtractionResult {
  id: string;
  article: Omit<CleanArticle, 'contentHash' | 'id'> & { contentHash?: string };
  actors: ExtractedActor[];
  events: ExtractedEvent[];
  warnings: string[];
}
