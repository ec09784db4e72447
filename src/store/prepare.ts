/**
 * ExtractionResult -> the rows the writer sends to Neo4j. Pure. Validation happens here, before any
 * write, so one bad article is refused alone instead of failing the transaction it would share.
 */
import { createHash } from 'node:crypto';
import type { ExtractionResult } from '../extraction.ts';
import { isActorKind, isRelationName, kindLabel, type ActorKind, type RelationName } from '../ontology.ts';
import { StoreError } from './errors.ts';

export interface ActorRow {
  id: string;
  kind: ActorKind;
  label: string;
  name: string;
  aliases: string[];
  country: string | null;
  title: string | null;
}

export type AffiliationType = 'REPRESENTS' | 'PART_OF';

export interface AffiliationRow {
  from: string;
  to: string;
  type: AffiliationType;
}

export interface EventRow {
  id: string;
  articleId: string;
  relation: RelationName;
  sourceId: string;
  targetId: string;
  plover: string;
  mode: string;
  cameo: string;
  score: number;
  date: string | null;
  datePrecision: string;
  negated: boolean;
  hypothetical: boolean;
  sentence: string;
  start: number;
  end: number;
  sourceText: string;
  sourceStart: number;
  sourceEnd: number;
  targetText: string;
  targetStart: number;
  targetEnd: number;
  rule: string;
}

export interface ArticleRow {
  id: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  dateline: string | null;
  contentHash: string;
  text: string;
  eventCount: number;
}

export interface PreparedArticle {
  article: ArticleRow;
  actors: ActorRow[];
  affiliations: AffiliationRow[];
  events: EventRow[];
  warnings: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD when it is a real calendar date, else null. */
export function validDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = ISO_DATE.exec(value.slice(0, 10));
  if (!m) return null;
  const d = new Date(`${m[0]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0] ? null : m[0];
}

function fail(message: string): never {
  throw new StoreError('INVALID_EXTRACTION', message);
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} must be a non-empty string`);
  return value;
}

function offset(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    fail(`${what} must be a non-negative integer`);
  return value;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The warning of an article stored without a single event (page furniture, a language not covered, …). */
export const NO_EVENTS_WARNING = 'NO_EVENTS: no event was found in the article';

/**
 * Most characters of an article's text stored on its node (and in the article_search full-text index). News
 * articles are a few thousand characters; a 4.9 MB text in one write ran Neo4j out of transaction memory
 * (MemoryPoolOutOfMemoryError). A longer text is stored up to here with a warning; every event keeps its whole
 * evidence sentence, and the content hash is still that of the whole text.
 */
export const MAX_STORED_TEXT_CHARS = 512 * 1024;

/**
 * Most events one article may bring; more is refused (TOO_MANY_EVENTS) before anything is written. An article's
 * events are written in one transaction, so that it is stored whole or not at all, and a 4.9 MB text read as
 * some 44,000 events is beyond the transaction memory of a modest Neo4j; a news article has a few dozen.
 */
export const MAX_EVENTS_PER_ARTICLE = 2000;

/** The warning of an article whose text was stored in part. */
export function textTruncatedWarning(length: number): string {
  return `TEXT_TRUNCATED: the article's text (${length} characters) is stored up to its first ${MAX_STORED_TEXT_CHARS}; the evidence sentence of every event is stored whole`;
}

/** The text as stored: at most MAX_STORED_TEXT_CHARS, never cutting a surrogate pair in two. */
function storedText(text: string): string {
  if (text.length <= MAX_STORED_TEXT_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_STORED_TEXT_CHARS - 1]!)
    ? MAX_STORED_TEXT_CHARS - 1
    : MAX_STORED_TEXT_CHARS;
  return text.slice(0, end);
}

/** Checks an extraction and turns it into rows; throws StoreError INVALID_EXTRACTION. */
export function prepareArticle(result: ExtractionResult): PreparedArticle {
  const id = requireString(result.id, 'id');
  const a = result.article;
  if (!a || typeof a.text !== 'string') fail(`article ${id}: article.text is missing`);
  const warnings = [...(result.warnings ?? [])];
  const count = (result.events ?? []).length;
  if (count > MAX_EVENTS_PER_ARTICLE) {
    throw new StoreError(
      'TOO_MANY_EVENTS',
      `article ${id}: ${count} events, more than the ${MAX_EVENTS_PER_ARTICLE} one article may bring; nothing of it was stored`,
    );
  }
  const publishedAt = validDate(a.publishedAt);
  if (a.publishedAt && !publishedAt)
    warnings.push(`publishedAt ${JSON.stringify(a.publishedAt)} is not a date; stored as null`);
  // Stored all the same (its actors and text are searchable), but an analyst should know nothing was found.
  if ((result.events ?? []).length === 0) warnings.push(NO_EVENTS_WARNING);
  if (a.text.length > MAX_STORED_TEXT_CHARS) warnings.push(textTruncatedWarning(a.text.length));
  const contentHash =
    a.contentHash ??
    createHash('sha256')
      .update(`${a.title ?? ''}\n${a.text}`)
      .digest('hex');

  const actors = new Map<string, ActorRow>();
  const affiliations: AffiliationRow[] = [];
  for (const x of result.actors ?? []) {
    const actorId = requireString(x.id, `article ${id}: actor id`);
    if (!isActorKind(x.kind)) fail(`article ${id}: actor ${actorId} has unknown kind ${JSON.stringify(x.kind)}`);
    const name = requireString(x.name, `article ${id}: actor ${actorId} name`);
    const aliases = Array.isArray(x.aliases)
      ? x.aliases.filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      : [];
    const prev = actors.get(actorId);
    if (prev) {
      prev.aliases = [...new Set([...prev.aliases, ...aliases, name])].filter((s) => s !== prev.name);
      continue;
    }
    actors.set(actorId, {
      id: actorId,
      kind: x.kind,
      label: kindLabel(x.kind),
      name,
      aliases: [...new Set(aliases)].filter((s) => s !== name).sort(),
      country: optionalString(x.country),
      title: optionalString(x.title),
    });
    const to = optionalString(x.affiliation);
    if (to && to !== actorId && (x.kind === 'OFFICIAL' || x.kind === 'AGENCY')) {
      affiliations.push({ from: actorId, to, type: x.kind === 'OFFICIAL' ? 'REPRESENTS' : 'PART_OF' });
    }
  }

  const events: EventRow[] = [];
  const seen = new Set<string>();
  for (const e of result.events ?? []) {
    const eventId = requireString(e.id, `article ${id}: event id`);
    if (seen.has(eventId)) {
      warnings.push(`event ${eventId} listed twice; kept once`);
      continue;
    }
    seen.add(eventId);
    if (!isRelationName(e.relation))
      fail(`article ${id}: event ${eventId} has unknown relation ${JSON.stringify(e.relation)}`);
    // An event about an actor the extraction does not list cannot be placed: dropped, with a warning.
    const dangling = [e.source, e.target].filter((x) => typeof x !== 'string' || !actors.has(x));
    if (dangling.length > 0) {
      warnings.push(
        `event ${eventId} dropped: ${dangling.map((x) => JSON.stringify(x)).join(', ')} not among the actors`,
      );
      continue;
    }
    if (typeof e.score !== 'number' || !Number.isFinite(e.score))
      fail(`article ${id}: event ${eventId} score must be a finite number`);
    const date = validDate(e.date);
    if (e.date && !date)
      warnings.push(`event ${eventId}: date ${JSON.stringify(e.date)} is not a date; stored as null`);
    events.push({
      id: eventId,
      articleId: id,
      relation: e.relation,
      sourceId: e.source,
      targetId: e.target,
      plover: String(e.plover ?? ''),
      mode: String(e.mode ?? ''),
      cameo: String(e.cameo ?? ''),
      score: e.score,
      date,
      datePrecision: e.datePrecision ?? 'UNKNOWN',
      negated: e.negated === true,
      hypothetical: e.hypothetical === true,
      sentence: String(e.evidence?.sentence ?? ''),
      start: offset(e.evidence?.start, `article ${id}: event ${eventId} evidence.start`),
      end: offset(e.evidence?.end, `article ${id}: event ${eventId} evidence.end`),
      sourceText: String(e.sourceMention?.text ?? ''),
      sourceStart: offset(e.sourceMention?.start, `article ${id}: event ${eventId} sourceMention.start`),
      sourceEnd: offset(e.sourceMention?.end, `article ${id}: event ${eventId} sourceMention.end`),
      targetText: String(e.targetMention?.text ?? ''),
      targetStart: offset(e.targetMention?.start, `article ${id}: event ${eventId} targetMention.start`),
      targetEnd: offset(e.targetMention?.end, `article ${id}: event ${eventId} targetMention.end`),
      rule: String(e.rule ?? ''),
    });
  }

  return {
    article: {
      id,
      url: optionalString(a.url),
      title: optionalString(a.title),
      outlet: optionalString(a.outlet),
      publishedAt,
      dateline: optionalString(a.dateline),
      contentHash,
      text: storedText(a.text),
      eventCount: events.length,
    },
    actors: [...actors.values()],
    affiliations,
    events,
    warnings,
  };
}

/** Moves a prepared article to another id (an existing article matched by URL keeps its id). */
export function withArticleId(p: PreparedArticle, id: string): PreparedArticle {
  if (p.article.id === id) return p;
  return { ...p, article: { ...p.article, id }, events: p.events.map((e) => ({ ...e, articleId: id })) };
}

/** Rewrites actor ids through `redirect` (actors merged away by a correction -> their survivor). */
export function redirectActors(p: PreparedArticle, redirect: ReadonlyMap<string, string>): PreparedArticle {
  if (redirect.size === 0) return p;
  const to = (id: string): string => redirect.get(id) ?? id;
  return {
    ...p,
    affiliations: p.affiliations.map((f) => ({ ...f, from: to(f.from), to: to(f.to) })).filter((f) => f.from !== f.to),
    events: p.events.map((e) => ({ ...e, sourceId: to(e.sourceId), targetId: to(e.targetId) })),
  };
}
