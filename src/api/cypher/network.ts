/**
 * The network around some actors, for a graph view: breadth-first over the network relationships
 * (or over the events of a date range), at most `limit` actors — seeds first, then by hop distance
 * and weight — and the edges among the actors kept.
 */
import { countable, dateConditions, relationTypes, where, type CypherQuery } from './common.ts';

export interface NetworkArgs {
  actorIds: string[];
  depth: number;
  relations: string[] | null;
  from: string | null;
  to: string | null;
  minCount: number;
  limit: number;
  /** Most edges returned (the heaviest); more make truncated true. */
  maxEdges: number;
  /** Whether to return the edges' firstDate, lastDate, meanScore, reports and incidents (read only when asked for). */
  edgeDetails: boolean;
  /** What an edge's weight counts (default: incidents). */
  measure?: 'REPORTS' | 'INCIDENTS';
}

/** The stored property an edge's weight is read from (a closed choice, never input text). */
function weight(args: NetworkArgs): string {
  return args.measure === 'REPORTS' ? 'r.count' : 'coalesce(r.incidents, r.count)';
}

/** The incident an event reports (null for uncounted events). */
export const INCIDENT_OF = (e: string) => `COLLECT { MATCH (${e})-[:REPORTS]->(inc:Incident) RETURN inc.id }[0]`;

/** Neighbours of the frontier `f` as rows (n, w): one aggregated weight per neighbour. */
function expand(args: NetworkArgs, params: Record<string, unknown>): string {
  if (args.from === null && args.to === null) {
    // Every stored network relationship has count >= 1: filtered on only when minCount can drop one.
    const minCount = args.minCount > 1 ? `${weight(args)} >= $minCount AND ` : '';
    return `MATCH (f)-[r:${relationTypes(args.relations)}]-(n)\nWHERE ${minCount}n <> f\nWITH n, sum(${weight(args)}) AS w`;
  }
  const conditions = [countable('e'), 'n <> f', ...dateConditions('e.date', args.from, args.to, params)];
  if (args.relations) {
    params.relations = args.relations;
    conditions.push('e.relation IN $relations');
  }
  return (
    `MATCH (f)<-[:SOURCE|TARGET]-(e:Event)-[:SOURCE|TARGET]->(n:Actor)\n${where(conditions)}\n` +
    `WITH f, n, e.relation AS relation, ${args.measure === 'REPORTS' ? 'count(e)' : `count(DISTINCT ${INCIDENT_OF('e')})`} AS c WHERE c >= $minCount\nWITH n, sum(c) AS w`
  );
}

function edges(args: NetworkArgs, params: Record<string, unknown>): string {
  if (args.from === null && args.to === null) {
    // As in expand(): the count is read to filter on only when minCount can drop a relationship.
    const minCount = args.minCount > 1;
    return (
      // Network relationships join actors only, so no label check; node identity, no property read. Each
      // source's id read once, before its relationships are expanded.
      'UNWIND kept AS a\nWITH kept, a, a.id AS source\n' +
      `MATCH (a)-[r:${relationTypes(args.relations)}]->(b)\nWHERE b <> a${minCount ? ` AND ${weight(args)} >= $minCount` : ''}\n` +
      // Grouped by target before the membership test: `b IN kept` scans the list, so it runs once per
      // distinct target (about 200 here) instead of once per relationship (about 6,000: 11 ms vs 1 ms).
      // The self-loops (an event can name one actor twice) are out before.
      'WITH kept, b, collect([source, r]) AS out WHERE b IN kept\n' +
      // The target's id read once per target. The grouping after UNWIND drops each row's copy of its
      // target's `out` list before the sort below keeps up to maxEdges rows: Neo4j counts every value a
      // row holds against the transaction's memory, once per row even when the rows share it, so a list
      // in every sorted row made the memory grow with the square of the actors kept.
      'WITH b.id AS target, out\nUNWIND out AS o\nWITH o[0] AS source, o[1] AS r, target, count(*) AS one\n' +
      // Heaviest first, ties by source, relation, target: the edges kept at the cut are always the same.
      `WITH source, type(r) AS relation, target, ${weight(args)} AS count, r\n` +
      'ORDER BY count DESC, source, relation, target LIMIT $maxEdges + 1\n' +
      // Plain lists, not maps: less to encode and decode (the resolver names the fields). Dates as
      // strings: the driver's Date objects cost about 8 ms per 1,000 to decode.
      (args.edgeDetails
        ? 'RETURN collect([source, relation, target, count, toString(r.firstDate), toString(r.lastDate), r.meanScore, r.count, coalesce(r.incidents, r.count)]) AS edges'
        : 'RETURN collect([source, relation, target, count]) AS edges')
    );
  }
  const conditions = [countable('e'), 'b <> a', ...dateConditions('e.date', args.from, args.to, params)];
  if (args.relations) conditions.push('e.relation IN $relations');
  return (
    'UNWIND kept AS a\n' +
    `MATCH (a)<-[:SOURCE]-(e:Event)-[:TARGET]->(b:Actor)\n${where(conditions)}\n` +
    `WITH kept, a, e.relation AS relation, b, count(e) AS reports, count(DISTINCT ${INCIDENT_OF('e')}) AS incidents, min(e.date) AS firstDate, max(e.date) AS lastDate, avg(e.score) AS meanScore\n` +
    `WITH kept, a, relation, b, ${args.measure === 'REPORTS' ? 'reports' : 'incidents'} AS count, reports, incidents, firstDate, lastDate, meanScore\n` +
    // The membership test once per (source, relation, target) group, not once per event.
    'WHERE count >= $minCount AND b IN kept\n' +
    'WITH a.id AS source, relation, b.id AS target, count, toString(firstDate) AS firstDate, toString(lastDate) AS lastDate, meanScore, reports, incidents\n' +
    'ORDER BY count DESC, source, relation, target\n' +
    'RETURN collect([source, relation, target, count, firstDate, lastDate, meanScore, reports, incidents]) AS edges'
  );
}

export function buildNetworkQuery(args: NetworkArgs): CypherQuery {
  const params: Record<string, unknown> = {
    ids: args.actorIds,
    minCount: args.minCount,
    limit: args.limit,
    maxEdges: args.maxEdges,
  };
  const parts: string[] = [
    'MATCH (seed:Actor) WHERE seed.id IN $ids',
    'WITH seed ORDER BY seed.id LIMIT $limit',
    // kept: the actors chosen so far; frontier: those of the last level; more: something was cut.
    'WITH collect(seed) AS kept, collect(seed) AS frontier, false AS more',
  ];
  const step = expand(args, params);
  for (let level = 1; level <= args.depth; level += 1) {
    parts.push(
      'CALL (kept, frontier) {',
      // Once `limit` actors are kept, a further level only tells whether more exist.
      '  UNWIND CASE WHEN size(kept) < $limit THEN frontier ELSE [] END AS f',
      `  ${step.replaceAll('\n', '\n  ')}`,
      '  WITH n, sum(w) AS w WHERE NOT n IN kept',
      '  ORDER BY w DESC, n.id',
      '  RETURN collect(n) AS found',
      '}',
      'WITH kept + found[..$limit - size(kept)] AS kept, found[..$limit - size(kept)] AS frontier,',
      // (kept and frontier here are the level's input: a skipped level with a frontier may hide more.)
      '  more OR size(found) > $limit - size(kept) OR (size(kept) >= $limit AND size(frontier) > 0) AS more',
    );
  }
  parts.push(
    // Only `kept` goes into the edge step: every row there holds each value in scope, and the projected
    // node list (a map per actor) would be counted again in every edge row the sort keeps.
    'CALL (kept) {',
    `  ${edges(args, params).replaceAll('\n', '\n  ')}`,
    '}',
    'WITH more, edges, [k IN kept | k { .id, .name, .kind, .country }] AS nodes',
    'RETURN nodes, edges[..$maxEdges] AS edges, more OR size(edges) > $maxEdges AS truncated',
  );
  return { cypher: parts.join('\n'), params };
}
