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

/** MATCH … WHERE … binding e, s (source) and t (target), anchored on the most selective filter. */
function matchEvents(args: EventsArgs, params: Record<string, unknown>): string {
  const conditions: string[] = [];
  let match: string;
  if (args.either) {
    params.either = args.either;
    match = 'MATCH (x:Actor {id: $either})<-[:SOURCE|TARGET]-(e:Event)\nWITH DISTINCT e\nMATCH (s:Actor)<-[:SOURCE]-(e)-[:TARGET]->(t:Actor)';
  } else {
    match = `MATCH (s:Actor${args.source ? ' {id: $source}' : ''})<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor${args.target && !args.source ? ' {id: $target}' : ''})`;
  }
  if (args.source) {
    params.source = args.source;
    if (args.either) conditions.push('s.id = $source');
  }
  if (args.target) {
    params.target = args.target;
    if (args.source || args.either) conditions.push('t.id = $target');
  }
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
  return `${match}\n${where(conditions)}`;
}

export function buildEventsQuery(args: EventsArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit };
  const match = matchEvents(args, params);
  const total = args.withTotal ? `CALL () {\n${match}\nRETURN count(e) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH e, s, t ORDER BY e.date ${args.order}, e.id ${args.order} SKIP $offset LIMIT $limit\n` +
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
