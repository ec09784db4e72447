/**
 * Actor.relations for a batch of actors: one row per (relation, direction, counterpart), from the
 * network relationships, or counted from the events of a date range; and the events behind them.
 */
import {
  actorProjection,
  countable,
  dateConditions,
  eventProjection,
  relationTypes,
  where,
  type CypherQuery,
} from './common.ts';

export interface RelationsArgs {
  ids: string[];
  direction: 'OUT' | 'IN' | 'BOTH';
  relations: string[] | null;
  counterpart: string | null;
  from: string | null;
  to: string | null;
  offset: number;
  limit: number;
}

export function buildRelationsQuery(args: RelationsArgs): CypherQuery {
  const params: Record<string, unknown> = { ids: args.ids, offset: args.offset, end: args.offset + args.limit };
  const dated = args.from !== null || args.to !== null;
  const branches: string[] = [];
  for (const dir of ['OUT', 'IN'] as const) {
    if (args.direction !== 'BOTH' && args.direction !== dir) continue;
    const conditions: string[] = [];
    if (args.counterpart) {
      params.counterpart = args.counterpart;
      conditions.push('c.id = $counterpart');
    }
    if (dated) {
      const [srcRel, tgtRel] = dir === 'OUT' ? ['SOURCE', 'TARGET'] : ['TARGET', 'SOURCE'];
      conditions.push(countable('e'), 'c <> a', ...dateConditions('e.date', args.from, args.to, params));
      if (args.relations) {
        params.relations = args.relations;
        conditions.push('e.relation IN $relations');
      }
      branches.push(
        `MATCH (a)<-[:${srcRel}]-(e:Event)-[:${tgtRel}]->(c:Actor)\n${where(conditions)}\n` +
          `RETURN e.relation AS relation, '${dir}' AS direction, c, count(e) AS count, min(e.date) AS firstDate, max(e.date) AS lastDate, avg(e.score) AS meanScore`,
      );
    } else {
      const arrow =
        dir === 'OUT' ? `-[r:${relationTypes(args.relations)}]->` : `<-[r:${relationTypes(args.relations)}]-`;
      branches.push(
        `MATCH (a)${arrow}(c:Actor)\n${where(conditions)}\n` +
          `RETURN type(r) AS relation, '${dir}' AS direction, c, r.count AS count, r.firstDate AS firstDate, r.lastDate AS lastDate, r.meanScore AS meanScore`,
      );
    }
  }
  return {
    cypher:
      'UNWIND $ids AS id MATCH (a:Actor {id: id})\n' +
      `CALL (a) {\n${branches.join('\nUNION ALL\n')}\n}\n` +
      'WITH id, relation, direction, c, count, firstDate, lastDate, meanScore ORDER BY count DESC, relation, direction, c.id\n' +
      `WITH id, collect({ relation: relation, direction: direction, counterpart: ${actorProjection('c')}, count: count, firstDate: toString(firstDate), lastDate: toString(lastDate), meanScore: meanScore }) AS rels\n` +
      'RETURN id, size(rels) AS totalCount, rels[$offset..$end] AS rows',
    params,
  };
}

export interface RelationKey {
  /** The actor the relation goes out from (the event source). */
  source: string;
  relation: string;
  target: string;
}

export interface RelationEventsArgs {
  keys: RelationKey[];
  from: string | null;
  to: string | null;
  first: number;
}

/** The latest events behind each (source, relation, target), for a batch of keys. */
export function buildRelationEventsQuery(args: RelationEventsArgs): CypherQuery {
  const params: Record<string, unknown> = { keys: args.keys.map((k, i) => ({ ...k, i })), first: args.first };
  const conditions = [countable('e'), ...dateConditions('e.date', args.from, args.to, params)];
  return {
    cypher:
      'UNWIND $keys AS k\n' +
      'CALL (k) {\n' +
      // The store's event_pair index (sourceId, relation, targetId) finds a dyad's events in one seek.
      '  MATCH (e:Event {sourceId: k.source, relation: k.relation, targetId: k.target})\n' +
      `  MATCH (s:Actor)<-[:SOURCE]-(e)-[:TARGET]->(t:Actor)\n  ${where(conditions)}\n` +
      '  WITH s, e, t ORDER BY e.date DESC, e.id DESC LIMIT $first\n' +
      `  RETURN collect(${eventProjection('e', 's', 't')}) AS events\n` +
      '}\nRETURN k.i AS i, events',
    params,
  };
}
