/** Shortest paths between two actors over the network (either direction), with a few events per hop. */
import { actorProjection, countable, eventProjection, relationTypes, type CypherQuery } from './common.ts';

export interface PathsArgs {
  from: string;
  to: string;
  maxHops: number;
  relations: string[] | null;
  /** Most paths returned. */
  limit: number;
  /** Events per hop (0: none, and no event is read). */
  evidence: number;
}

export function buildPathsQuery(args: PathsArgs): CypherQuery {
  if (!Number.isInteger(args.maxHops) || args.maxHops < 1 || args.maxHops > 6)
    throw new RangeError('maxHops must be 1…6');
  return {
    cypher: [
      'MATCH (a:Actor {id: $from}), (b:Actor {id: $to})',
      // maxHops is a checked integer: variable-length bounds cannot be parameters.
      `MATCH p = allShortestPaths((a)-[:${relationTypes(args.relations)}*..${args.maxHops}]-(b))`,
      'WITH p LIMIT $limit',
      'WITH collect(p) AS ps',
      'UNWIND range(0, size(ps) - 1) AS pi',
      'WITH pi, ps[pi] AS p',
      'UNWIND range(0, length(p) - 1) AS hi',
      'WITH pi, hi, relationships(p)[hi] AS r',
      'WITH pi, hi, r, startNode(r) AS s, endNode(r) AS t',
      ...(args.evidence > 0
        ? [
            'CALL (r, s, t) {',
            // One seek in the store's event_pair index (sourceId, relation, targetId).
            `  MATCH (e:Event {sourceId: s.id, relation: type(r), targetId: t.id}) WHERE (s)<-[:SOURCE]-(e)-[:TARGET]->(t) AND ${countable('e')}`,
            '  WITH e ORDER BY e.date DESC, e.id DESC LIMIT $evidence',
            `  RETURN collect(${eventProjection('e', 's', 't')}) AS evidence`,
            '}',
          ]
        : ['WITH pi, hi, r, s, t, [] AS evidence']),
      `WITH pi, hi, { source: ${actorProjection('s')}, target: ${actorProjection('t')}, relation: type(r), count: r.count, evidence: evidence } AS hop`,
      'ORDER BY pi, hi',
      'WITH pi, collect(hop) AS hops',
      'RETURN hops ORDER BY pi',
    ].join('\n'),
    params: { from: args.from, to: args.to, limit: args.limit, evidence: args.evidence },
  };
}
