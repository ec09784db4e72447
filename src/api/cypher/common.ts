/**
 * Pieces shared by the Cypher builders: projections of actors, events and articles, and the
 * relationship-type list, which is the only identifier ever written into Cypher text — taken from
 * the ontology's closed list, never from input.
 */
import { RELATION_NAMES, relationInfo } from '../../ontology.ts';
import type { CypherQuery } from '../executor.ts';

export type { CypherQuery };

/** `ACCUSES|CONDEMNS|…` for a relationship pattern: the given relations (all when null), checked against the ontology. */
export function relationTypes(relations: readonly string[] | null): string {
  const names = relations && relations.length > 0 ? relations : RELATION_NAMES;
  return [...new Set(names.map((n) => relationInfo(n).name))].join('|');
}

/** Actor fields every actor-valued answer carries (nested fields are loaded by id). */
export function actorProjection(v: string): string {
  return `${v} { .id, .name, .kind, .country, .title, .mergedInto, aliases: coalesce(${v}.aliases, []) }`;
}

/** Article fields without the text (Article.text is loaded on demand). */
export function articleProjection(v: string): string {
  return `${v} { .id, .title, .outlet, .url, publishedAt: toString(${v}.publishedAt), .dateline, .ingestedAt }`;
}

/**
 * An event row: the event's properties, its source and target actors and its article. Dates leave the
 * database as strings here and in the other builders: the driver's Date objects cost about 8 µs each
 * to decode (Integer arithmetic), which a page of events with their articles pays 40 times.
 */
export function eventProjection(e: string, s: string, t: string): string {
  return (
    `${e} { .id, .relation, .plover, .mode, .cameo, .score, date: toString(${e}.date), .datePrecision, .negated, .hypothetical, .rule, ` +
    '.sentence, .`start`, .`end`, ' +
    `.sourceText, .sourceStart, .sourceEnd, .targetText, .targetStart, .targetEnd, .articleId, ` +
    `source: ${actorProjection(s)}, target: ${actorProjection(t)}, article: COLLECT { MATCH (${e})-[:REPORTED_IN]->(art:Article) RETURN ${articleProjection('art')} AS art LIMIT 1 }[0] }`
  );
}

/** Events that count in the network: not negated, not hypothetical (the store always writes both flags). */
export function countable(e: string): string {
  return `${e}.negated = false AND ${e}.hypothetical = false`;
}

/** Date-range conditions on an expression, with the parameter names to set. */
export function dateConditions(expr: string, from: string | null, to: string | null, params: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  if (from) {
    params[`${prefix}from`] = from;
    out.push(`${expr} >= date($${prefix}from)`);
  }
  if (to) {
    params[`${prefix}to`] = to;
    out.push(`${expr} <= date($${prefix}to)`);
  }
  return out;
}

export function where(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
