/**
 * Pieces shared by the Cypher builders: projections of actors, events and articles, and the
 * relationship-type list, which is the only identifier ever written into Cypher text — taken from
 * the ontology's closed list, never from input.
 */
import { RELATION_NAMES, relationInfo } from '../../ontology.ts';
import { actorProjection } from '../../store/cypher/actors.ts';
import { countable, type CypherQuery } from '../../store/runner.ts';

export { actorProjection, countable };
export type { CypherQuery };

/** `ACCUSES|CONDEMNS|…` for a relationship pattern: the given relations (all when null), checked against the ontology. */
export function relationTypes(relations: readonly string[] | null): string {
  const names = relations && relations.length > 0 ? relations : RELATION_NAMES;
  return [...new Set(names.map((n) => relationInfo(n).name))].join('|');
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

/** Date-range conditions on an expression, with the parameter names to set. */
export function dateConditions(
  expr: string,
  from: string | null,
  to: string | null,
  params: Record<string, unknown>,
  prefix = '',
): string[] {
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
