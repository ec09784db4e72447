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
 * How to find the events. `lookup`: a source or target with a date range seeks the
 * event_source_lookup / event_target_lookup index (sourceId|targetId, relation, date, …; migration 003)
 * on the actor, the relations and the range at once. `index`: by the events' own indexed properties
 * (article, relation, date), checking the actors through the denormalised sourceId/targetId.
 * `expand`: from the actor, which costs its degree (thousands of events for the busiest countries).
 */
function strategy(args: EventsArgs): 'lookup' | 'index' | 'expand' {
  if (args.article !== null) return 'index';
  if ((args.source !== null || args.target !== null) && (args.from !== null || args.to !== null)) return 'lookup';
  const anchored = args.source !== null || args.target !== null || args.either !== null;
  if (!anchored) return 'index';
  return (args.relations !== null || args.plover !== null) && (args.from !== null || args.to !== null)
    ? 'index'
    : 'expand';
}

/**
 * MATCH … WHERE … binding e (the events that pass the filter), and the sort keys to put before the
 * date: constant over the matched events, they let the lookup index give the date order itself, so
 * the page is read first and the rest never.
 */
function matchEvents(args: EventsArgs, params: Record<string, unknown>): { match: string; leading: string[] } {
  const conditions: string[] = [];
  const leading: string[] = [];
  let match: string;
  const how = strategy(args);
  if (how === 'lookup') {
    const side = args.source !== null ? 'sourceId' : 'targetId';
    match = `MATCH (e:Event) USING INDEX e:Event(${side}, relation, date, negated, hypothetical, score)`;
    conditions.push(side === 'sourceId' ? 'e.sourceId = $source' : 'e.targetId = $target');
    if (side === 'sourceId' && args.target) conditions.push('e.targetId = $target');
    if (args.either) conditions.push('(e.sourceId = $either OR e.targetId = $either)');
    if (args.relations?.length === 1) {
      params.relation = args.relations[0];
      conditions.push('e.relation = $relation');
      leading.push(`e.${side}`, 'e.relation');
    } else if (!args.relations) {
      conditions.push('e.relation IS NOT NULL');
    }
    // Always true (the store writes both flags and a score for every event): they only let the planner use the index.
    conditions.push('e.negated IS NOT NULL', 'e.hypothetical IS NOT NULL', 'e.score IS NOT NULL');
  } else if (how === 'index') {
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
  if (args.relations && params.relation === undefined) {
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
  return {
    match: `${match}\n${where(conditions)}${args.either && how === 'expand' ? '\nWITH DISTINCT e' : ''}`,
    leading,
  };
}

export function buildEventsQuery(args: EventsArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit };
  const { match, leading } = matchEvents(args, params);
  const pageOrder = [...leading, 'e.date', 'e.id'].map((k) => `${k} ${args.order}`).join(', ');
  const total = args.withTotal ? `CALL () {\n${match}\nRETURN count(e) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH e ORDER BY ${pageOrder} SKIP $offset LIMIT $limit\n` +
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
