/**
 * Incidents, pure: the events that report one act (same source, PLOVER root and target) are one
 * incident. Day-precise events are sorted by date and grouped greedily: an event joins the open
 * incident while its date lies within the window of that incident's first date. An event without a
 * day-precise date joins the first incident of its article's publication day (dated that day, or reported
 * that day), else the other
 * imprecise events of that day (or of its article, when the day is unknown). Deterministic whatever
 * order the events come in, so a recomputation gives the same incidents (and ids) again.
 */
import { createHash } from 'node:crypto';
import { INCIDENT_WINDOW_DAYS } from './exchange-rules.ts';

export interface IncidentMember {
  id: string;
  articleId: string;
  relation: string;
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  datePrecision: string;
  /** The article's publication day, `YYYY-MM-DD` or null. */
  publishedAt: string | null;
  outlet: string | null;
}

export interface IncidentGroupKey {
  source: string;
  plover: string;
  target: string;
}

export interface PlannedIncident extends IncidentGroupKey {
  id: string;
  /** Sorted. */
  eventIds: string[];
  /** The best-dated event's date: the earliest day-precise one, else the earliest of any precision. */
  date: string | null;
  firstReported: string | null;
  lastReported: string | null;
  reports: number;
  /** Sorted, distinct. */
  outlets: string[];
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byDate = (a: IncidentMember, b: IncidentMember) =>
  cmp(a.date ?? '', b.date ?? '') ||
  cmp(a.publishedAt ?? '', b.publishedAt ?? '') ||
  cmp(a.articleId, b.articleId) ||
  cmp(a.id, b.id);

export function groupKeyString(k: IncidentGroupKey): string {
  return `${k.source}\u0000${k.plover}\u0000${k.target}`;
}

/** Groups one key's countable events into incidents. */
export function groupIncidents(
  key: IncidentGroupKey,
  events: readonly IncidentMember[],
  windowDays = INCIDENT_WINDOW_DAYS,
): PlannedIncident[] {
  const precise = events.filter((e) => e.date !== null && e.datePrecision === 'DAY').sort(byDate);
  const vague = events.filter((e) => !(e.date !== null && e.datePrecision === 'DAY')).sort(byDate);
  const clusters: IncidentMember[][] = [];
  let anchor = Number.NEGATIVE_INFINITY;
  for (const e of precise) {
    const day = dayNumber(e.date!);
    if (clusters.length === 0 || day - anchor > windowDays) {
      clusters.push([e]);
      anchor = day;
    } else clusters[clusters.length - 1]!.push(e);
  }
  const preciseCount = clusters.length;
  const vagueBy = new Map<string, IncidentMember[]>();
  for (const e of vague) {
    const day = e.publishedAt;
    const home =
      day === null
        ? undefined
        : clusters.slice(0, preciseCount).find((c) => c[0]!.date === day || c.some((m) => m.publishedAt === day));
    if (home) {
      home.push(e);
      continue;
    }
    const k = day ?? `article:${e.articleId}`;
    const list = vagueBy.get(k);
    if (list) list.push(e);
    else {
      const fresh = [e];
      vagueBy.set(k, fresh);
      clusters.push(fresh);
    }
  }
  return clusters.map((members) => planIncident(key, members));
}

function planIncident(key: IncidentGroupKey, members: IncidentMember[]): PlannedIncident {
  const eventIds = members.map((m) => m.id).sort();
  const id = `incident:${createHash('sha256')
    .update(`${groupKeyString(key)}\u0000${eventIds.join('\u0000')}`)
    .digest('hex')
    .slice(0, 20)}`;
  const dated = [...members].filter((m) => m.date !== null).sort(byDate);
  const best = dated.find((m) => m.datePrecision === 'DAY') ?? dated[0];
  const published = members
    .map((m) => m.publishedAt)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    ...key,
    id,
    eventIds,
    date: best?.date ?? null,
    firstReported: published[0] ?? null,
    lastReported: published[published.length - 1] ?? null,
    reports: members.length,
    outlets: [...new Set(members.map((m) => m.outlet).filter((o): o is string => o !== null && o !== ''))].sort(),
  };
}
