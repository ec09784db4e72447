/** Events: a filtered, ordered page; and the events of a batch of articles. */
import { dateConditions, eventProjection, where, type CypherQuery } from './common.ts';

export interface EventsArgs {
  source: string | null;
  target: string | null;
  either: string | null;
  relations: string[] | null;
  plover: string[] | null;
  from: string | null;
  to: string | null;
  article: string | null;
  negated: boolean | null;
  order: 'ASC' | 'DESC';
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * Whether to find the events by their own indexed properties (relation, date, article) and check the
 * actors through the denormalised sourceId/targetId, instead of expanding from the actor. Expanding
 * costs the actor's degree, which for the busiest countries is thousands of events; a relation plus a
 * date range, or an article, narrows much further.
 */
function byEventIndex(args: EventsArgs): boolean {
  const anchored = args.source !== null || args.target !== null || args.either !== null;
  if (!anchored || args.article !== null) return true;
  return (args.relations !== null || args.plover !== null) && (args.from !== null || args.to !== null);
}

/** MATCH … WHERE … binding e (the events that pass the filter). */
function matchEvents(args: EventsArgs, params: Record<string, unknown>): string {
  const conditions: string[] = [];
  let match: string;
  if (byEventIndex(args)) {
    match = 'MATCH (e:Event)';
    if (args.source) conditions.push('e.sourceId = $source');
    if (args.target) conditions.push('e.targetId = $target');
    if (args.either) conditions.push('(e.sourceId = $either OR e.targetId = $either)');
  } else if (args.either) {
    match = 'MATCH (:Actor {id: $either})<-[:SOURCE|TARGET]-(e:Event)';
    if (args.source) conditions.push('e.sourceId = $source');
    if (args.target) conditions.push('e.targetId = $target');
  } else if (args.source) {
    match = 'MATCH (:Actor {id: $source})<-[:SOURCE]-(e:Event)';
    if (args.target) conditions.push('e.targetId = $target');
  } else {
    match = 'MATCH (:Actor {id: $target})<-[:TARGET]-(e:Event)';
  }
  if (args.source) params.source = args.source;
  if (args.target) params.target = args.target;
  if (args.either) params.either = args.either;
  if (args.relations) {
    params.relations = args.relations;
    conditions.push('e.relation IN $relations');
  }
  if (args.plover) {
    params.plover = args.plover;
    conditions.push('e.plover IN $plover');
  }
  if (args.article) {
    params.article = args.article;
    conditions.push('e.articleId = $article');
  }
  if (args.negated !== null) {
    params.negated = args.negated;
    conditions.push('coalesce(e.negated, false) = $negated');
  }
  conditions.push(...dateConditions('e.date', args.from, args.to, params));
  // An event whose source and target are one actor is found twice through SOURCE|TARGET.
  return `${match}\n${where(conditions)}${args.either && !byEventIndex(args) ? '\nWITH DISTINCT e' : ''}`;
}

export function buildEventsQuery(args: EventsArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit };
  const match = matchEvents(args, params);
  const total = args.withTotal ? `CALL () {\n${match}\nRETURN count(e) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH e ORDER BY e.date ${args.order}, e.id ${args.order} SKIP $offset LIMIT $limit\n` +
      'MATCH (s:Actor)<-[:SOURCE]-(e)-[:TARGET]->(t:Actor)\n' +
      `WITH e, s, t ORDER BY e.date ${args.order}, e.id ${args.order}\n` +
      `RETURN collect(${eventProjection('e', 's', 't')}) AS rows\n}\nRETURN rows, ${args.withTotal ? 'totalCount' : 'null AS totalCount'}`,
    params,
  };
}

/** The events of a batch of articles, in text order, at most `first` each. */
export function buildArticleEventsQuery(ids: string[], first: number): CypherQuery {
  return {
    cypher:
      'UNWIND $ids AS id\nCALL (id) {\n' +
      '  MATCH (s:Actor)<-[:SOURCE]-(e:Event {articleId: id})-[:TARGET]->(t:Actor)\n' +
      '  WITH s, e, t ORDER BY e.`start`, e.id LIMIT $first\n' +
      `  RETURN collect(${eventProjection('e', 's', 't')}) AS events\n}\nRETURN id, events`,
    params: { ids, first },
  };
}

/** Events by id (for the answer of an ingest). */
export function buildEventsByIdQuery(ids: string[]): CypherQuery {
  return {
    cypher:
      'UNWIND range(0, size($ids) - 1) AS i\nMATCH (s:Actor)<-[:SOURCE]-(e:Event {id: $ids[i]})-[:TARGET]->(t:Actor)\n' +
      `WITH i, s, e, t ORDER BY i\nRETURN collect(${eventProjection('e', 's', 't')}) AS rows`,
    params: { ids },
  };
}
