/** Incidents, response links and exchanges (maintained by the store: src/store/derived.ts). */
import { principalOf } from '../../store/cypher/incidents.ts';
import { EXCHANGE_RELATIONS } from '../../store/exchange-rules.ts';
import { actorProjection, countable, dateConditions, eventProjection, where, type CypherQuery } from './common.ts';

/** An incident row: its properties and both actors (reports are loaded on demand). */
function incidentProjection(i: string): string {
  return (
    `${i} { .id, .plover, date: toString(${i}.date), firstReported: toString(${i}.firstReported), lastReported: toString(${i}.lastReported), ` +
    `reportCount: ${i}.reports, .outlets, source: COLLECT { MATCH (s:Actor {id: ${i}.sourceId}) RETURN ${actorProjection('s')} AS s }[0], ` +
    `target: COLLECT { MATCH (t:Actor {id: ${i}.targetId}) RETURN ${actorProjection('t')} AS t }[0] }`
  );
}

export interface IncidentsArgs {
  source: string | null;
  target: string | null;
  either: string | null;
  plover: string[] | null;
  from: string | null;
  to: string | null;
  minReports: number;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/** A page of incidents, latest first (ties by id), with the total when asked. */
export function buildIncidentsQuery(args: IncidentsArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit, minReports: args.minReports };
  const conditions = ['i.reports >= $minReports', ...dateConditions('i.date', args.from, args.to, params)];
  if (args.source) {
    params.source = args.source;
    conditions.push('i.sourceId = $source');
  }
  if (args.target) {
    params.target = args.target;
    conditions.push('i.targetId = $target');
  }
  if (args.either) {
    params.either = args.either;
    conditions.push('(i.sourceId = $either OR i.targetId = $either)');
  }
  if (args.plover) {
    params.plover = args.plover;
    conditions.push('i.plover IN $plover');
  }
  return {
    cypher: `MATCH (i:Incident)
${where(conditions)}
WITH i ORDER BY i.date DESC, i.id
WITH collect(i) AS found
RETURN ${args.withTotal ? 'size(found)' : 'null'} AS totalCount,
       [i IN found[$offset..$offset + $limit] | ${incidentProjection('i')}] AS rows`,
    params,
  };
}

/** Each event's incident (none for uncounted events). */
export function buildEventIncidentsQuery(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (:Event {id: id})-[:REPORTS]->(i:Incident)
RETURN id, ${incidentProjection('i')} AS incident`,
    params: { ids },
  };
}

/** Each incident's reports, earliest first. */
export function buildIncidentReportsQuery(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (i:Incident {id: id})
RETURN id, COLLECT {
  MATCH (i)<-[:REPORTS]-(e:Event)-[:SOURCE]->(s:Actor), (e)-[:TARGET]->(t:Actor)
  WITH e, s, t ORDER BY e.date, e.articleId, e.id
  RETURN ${eventProjection('e', 's', 't')}
} AS events`,
    params: { ids },
  };
}

/** Links from (`out`: what each event answers) or to (`in`: what answers each event) these events. */
export function buildResponseLinksQuery(ids: string[], direction: 'out' | 'in'): CypherQuery {
  const pattern = direction === 'out' ? '(x)-[l:RESPONDS_TO]->(o:Event)' : '(x)<-[l:RESPONDS_TO]-(o:Event)';
  return {
    cypher: `UNWIND $ids AS id
MATCH (x:Event {id: id})
RETURN id, COLLECT {
  MATCH ${pattern}, (o)-[:SOURCE]->(s:Actor), (o)-[:TARGET]->(t:Actor)
  WITH l, o, s, t ORDER BY o.date, o.articleId, o.\`start\`, o.id
  RETURN {kind: l.kind, cue: l.cue, days: l.days, other: ${eventProjection('o', 's', 't')}}
} AS links`,
    params: { ids },
  };
}

/**
 * The exchange events between the actors standing for `a` and those standing for `b` (principals, as
 * the store links responses), both directions, in time order.
 */
export function buildExchangesQuery(
  a: string,
  b: string,
  from: string | null,
  to: string | null,
  limit: number,
): CypherQuery {
  const params: Record<string, unknown> = { a, b, relations: [...EXCHANGE_RELATIONS], limit };
  const conditions = [
    countable('e'),
    'e.relation IN $relations',
    ...dateConditions('coalesce(e.date, pub.publishedAt)', from, to, params),
  ];
  return {
    cypher: `MATCH (pa:Actor {id: $a}), (pb:Actor {id: $b})
CALL (pa) {
  MATCH (x:Actor)-[:REPRESENTS|PART_OF*0..2]->(pa)
  WITH DISTINCT x WHERE ${principalOf('x')} = pa.id
  RETURN collect(x) AS famA
}
CALL (pb) {
  MATCH (x:Actor)-[:REPRESENTS|PART_OF*0..2]->(pb)
  WITH DISTINCT x WHERE ${principalOf('x')} = pb.id
  RETURN collect(x) AS famB
}
UNWIND famA + famB AS s
MATCH (s)<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor), (e)-[:REPORTED_IN]->(pub:Article)
WHERE ((s IN famA AND t IN famB) OR (s IN famB AND t IN famA)) AND ${conditions.join(' AND ')}
WITH DISTINCT e, s, t, pub ORDER BY coalesce(e.date, pub.publishedAt), pub.publishedAt, e.articleId, e.\`start\`, e.id LIMIT $limit
RETURN ${eventProjection('e', 's', 't')} AS event`,
    params,
  };
}
