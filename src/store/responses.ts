/**
 * Exchanges, pure: which event answers which. A response (data/responses.json `responses`) by B against
 * A answers the latest earlier trigger (`triggers`) by A against B within the window, sides being
 * principals (an official or agency stands for the country it represents or is part of). A response
 * whose sentence says so ("in response to", "dismissed the accusation", …) is `stated` and prefers a
 * trigger reported in its own article; otherwise `inferred` (and, when the response's date is not
 * day-precise, only for denials and rejections: an undated counter-accusation may as well come first). Each event answers at most one event, and
 * always one strictly before it (date, publication day, article, position), so there are no cycles.
 */
import {
  ANSWERS_BY_NATURE,
  RESPONSE_RELATIONS,
  RESPONSE_WINDOW_DAYS,
  TRIGGER_RELATIONS,
  responseCue,
} from './exchange-rules.ts';

export interface ExchangeEvent {
  id: string;
  articleId: string;
  relation: string;
  /** Principal ids of the source and target. */
  sourceSide: string;
  targetSide: string;
  /** The event's date, else its article's publication day (`YYYY-MM-DD`), else null (never linked). */
  date: string | null;
  /** Whether `date` is day-precise (else the response's order against what it answers is a guess). */
  precise: boolean;
  publishedAt: string | null;
  start: number;
  sentence: string;
}

export interface ResponseLink {
  from: string;
  to: string;
  kind: 'stated' | 'inferred';
  /** The words that state it (stated links only). */
  cue: string | null;
  /** Days from the answered event to the response. */
  days: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const triggers = new Set<string>(TRIGGER_RELATIONS);
const responses = new Set<string>(RESPONSE_RELATIONS);
const byNature = new Set<string>(ANSWERS_BY_NATURE);

/** Total order of events in time: date, publication day, article, position in the article, id. */
export function compareInTime(a: ExchangeEvent, b: ExchangeEvent): number {
  return (
    cmp(a.date ?? '', b.date ?? '') ||
    cmp(a.publishedAt ?? '', b.publishedAt ?? '') ||
    cmp(a.articleId, b.articleId) ||
    a.start - b.start ||
    cmp(a.id, b.id)
  );
}

/** The response links among these events (any set closed under the pairs it contains). */
export function linkResponses(events: readonly ExchangeEvent[], windowDays = RESPONSE_WINDOW_DAYS): ResponseLink[] {
  const bySides = new Map<string, ExchangeEvent[]>();
  for (const e of events) {
    if (e.date === null || !triggers.has(e.relation) || e.sourceSide === e.targetSide) continue;
    const k = `${e.sourceSide}\u0000${e.targetSide}`;
    const list = bySides.get(k) ?? [];
    list.push(e);
    bySides.set(k, list);
  }
  const links: ResponseLink[] = [];
  for (const r of events) {
    if (r.date === null || !responses.has(r.relation)) continue;
    const answered = bySides.get(`${r.targetSide}\u0000${r.sourceSide}`);
    if (!answered) continue;
    const day = dayNumber(r.date);
    const candidates = answered.filter(
      (t) => t.id !== r.id && compareInTime(t, r) < 0 && day - dayNumber(t.date!) <= windowDays,
    );
    if (candidates.length === 0) continue;
    const cue = responseCue(r.sentence);
    if (!cue && !r.precise && !byNature.has(r.relation)) continue;
    const pool = cue ? candidates.filter((t) => t.articleId === r.articleId) : [];
    const chosen = (pool.length > 0 ? pool : candidates).sort(compareInTime).at(-1)!;
    links.push({
      from: r.id,
      to: chosen.id,
      kind: cue ? 'stated' : 'inferred',
      cue,
      days: day - dayNumber(chosen.date!),
    });
  }
  return links.sort((a, b) => cmp(a.from, b.from));
}
