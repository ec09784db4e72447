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
  /** Whether to return the edges' firstDate, lastDate and meanScore (read only when asked for). */
  edgeDetails: boolean;
}

/** Neighbours of the frontier `f` as rows (n, w): one aggregated weight per neighbour. */
function expand(args: NetworkArgs, params: Record<string, unknown>): string {
  if (args.from === null && args.to === null) {
    return `MATCH (f)-[r:${relationTypes(args.relations)}]-(n)\nWHERE r.count >= $minCount AND n <> f\nWITH n, sum(r.count) AS w`;
  }
  const conditions = [countable('e'), 'n <> f', ...dateConditions('e.date', args.from, args.to, params)];
  if (args.relations) {
    params.relations = args.relations;
    conditions.push('e.relation IN $relations');
  }
  return (
    `MATCH (f)<-[:SOURCE|TARGET]-(e:Event)-[:SOURCE|TARGET]->(n:Actor)\n${where(conditions)}\n` +
    'WITH f, n, e.relation AS relation, count(e) AS c WHERE c >= $minCount\nWITH n, sum(c) AS w'
  );
}

function edges(args: NetworkArgs, params: Record<string, unknown>): string {
  if (args.from === null && args.to === null) {
    return (
      // Network relationships join actors only, so no label check; node identity, no property read.
      `MATCH (a)-[r:${relationTypes(args.relations)}]->(b)\nWHERE b IN kept AND r.count >= $minCount AND b <> a\n` +
      // The heaviest maxEdges (+1 to know whether some were left out); properties read only for those.
      'WITH a, r, b ORDER BY r.count DESC LIMIT $maxEdges + 1\n' +
      'WITH a.id AS source, type(r) AS relation, b.id AS target, r.count AS count, r\n' +
      'ORDER BY count DESC, source, relation, target\n' +
      (args.edgeDetails
        ? 'RETURN collect({ source: source, relation: relation, target: target, count: count, firstDate: r.firstDate, lastDate: r.lastDate, meanScore: r.meanScore }) AS edges'
        : 'RETURN collect({ source: source, relation: relation, target: target, count: count }) AS edges')
    );
  }
  const conditions = [countable('e'), 'b.id IN ids', 'b <> a', ...dateConditions('e.date', args.from, args.to, params)];
  if (args.relations) conditions.push('e.relation IN $relations');
  return (
    `MATCH (a)<-[:SOURCE]-(e:Event)-[:TARGET]->(b:Actor)\n${where(conditions)}\n` +
    'WITH a, e.relation AS relation, b, count(e) AS count, min(e.date) AS firstDate, max(e.date) AS lastDate, avg(e.score) AS meanScore\n' +
    'WHERE count >= $minCount\n' +
    'WITH a.id AS source, relation, b.id AS target, count, firstDate, lastDate, meanScore ORDER BY count DESC, source, relation, target\n' +
    'RETURN collect({ source: source, relation: relation, target: target, count: count, firstDate: firstDate, lastDate: lastDate, meanScore: meanScore }) AS edges'
  );
}

export function buildNetworkQuery(args: NetworkArgs): CypherQuery {
  const params: Record<string, unknown> = { ids: args.actorIds, minCount: args.minCount, limit: args.limit, maxEdges: args.maxEdges };
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
    'WITH kept, more, [k IN kept | k.id] AS ids',
    'CALL (kept, ids) {',
    '  UNWIND kept AS a',
    `  ${edges(args, params).replaceAll('\n', '\n  ')}`,
    '}',
    'RETURN [k IN kept | k { .id, .name, .kind, .country }] AS nodes, edges[..$maxEdges] AS edges, more OR size(edges) > $maxEdges AS truncated',
  );
  return { cypher: parts.join('\n'), params };
}
