/**
 * The consistency check of the graph model (schema/MODEL.md): zero rows means the actor network agrees
 * with the events beneath it, every event is whole, and every article has all its events.
 * The SOURCE / TARGET edges are the truth; the denormalised `sourceId` / `targetId` must agree with them.
 */
import type { Driver } from 'neo4j-driver';
import { RELATION_NAMES } from '../ontology.ts';
import { principalOf } from './cypher/incidents.ts';
import { countable, createRunner, type CypherQuery, type Runner } from './runner.ts';
import { diffResponses } from './derived.ts';
import { EXCHANGE_RELATIONS } from './exchange-rules.ts';
import { groupIncidents, groupKeyString, type IncidentGroupKey, type IncidentMember } from './incidents.ts';
import { linkResponses, type ExchangeEvent } from './responses.ts';

export const CONSISTENCY_CYPHER = `// 1. every network relationship has exactly the count, dates, articles and mean score of its events
MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $relations
CALL (s, r, t) {
  OPTIONAL MATCH (s)<-[:SOURCE]-(e:Event)-[:TARGET]->(t)
  WHERE e.relation = type(r) AND ${countable('e')}
  WITH e ORDER BY e.articleId
  RETURN count(e) AS n, min(e.date) AS firstDate, max(e.date) AS lastDate, avg(e.score) AS meanScore,
         collect(DISTINCT e.articleId) AS articleIds
}
WITH s, r, t, n, firstDate, lastDate, meanScore, articleIds
WHERE n = 0 OR r.count <> n OR coalesce(r.firstDate, date('0001-01-01')) <> coalesce(firstDate, date('0001-01-01'))
   OR coalesce(r.lastDate, date('0001-01-01')) <> coalesce(lastDate, date('0001-01-01'))
   OR r.articleIds <> articleIds OR abs(r.meanScore - meanScore) > 1e-6
RETURN 'network-mismatch' AS problem, s.id AS source, type(r) AS relation, t.id AS target,
       {stored: r.count, events: n} AS detail
UNION ALL
// 2. every counted event has its network relationship
MATCH (s:Actor)<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor)
WHERE ${countable('e')} AND NOT EXISTS { MATCH (s)-[r]->(t) WHERE type(r) = e.relation }
RETURN DISTINCT 'network-missing' AS problem, s.id AS source, e.relation AS relation, t.id AS target, {event: e.id} AS detail
UNION ALL
// 3. every event is whole: one source, one target, one article, and its denormalised ids agree
MATCH (e:Event)
WHERE COUNT { (e)-[:SOURCE]->(:Actor) } <> 1 OR COUNT { (e)-[:TARGET]->(:Actor) } <> 1
   OR COUNT { (e)-[:REPORTED_IN]->(:Article) } <> 1
   OR NOT EXISTS { MATCH (e)-[:SOURCE]->(s:Actor) WHERE s.id = e.sourceId }
   OR NOT EXISTS { MATCH (e)-[:TARGET]->(t:Actor) WHERE t.id = e.targetId }
   OR NOT EXISTS { MATCH (e)-[:REPORTED_IN]->(a:Article) WHERE a.id = e.articleId }
RETURN 'event-broken' AS problem, e.sourceId AS source, e.relation AS relation, e.targetId AS target, {event: e.id} AS detail
UNION ALL
// 4. every article has all its events (eventCount is written in the same transaction as the events)
MATCH (a:Article)
WITH a, COUNT { (a)<-[:REPORTED_IN]-(:Event) } AS n
WHERE a.contentHash IS NULL OR a.eventCount IS NULL OR a.eventCount <> n
RETURN 'article-partial' AS problem, null AS source, null AS relation, null AS target,
       {article: a.id, eventCount: a.eventCount, events: n} AS detail
UNION ALL
// 5. every counted event reports exactly one incident of its own key; other events none
MATCH (e:Event)
WITH e, COLLECT { MATCH (e)-[:REPORTS]->(i:Incident) RETURN i } AS incidents
WHERE CASE WHEN ${countable('e')}
        THEN size(incidents) <> 1 OR incidents[0].sourceId <> e.sourceId OR incidents[0].targetId <> e.targetId OR incidents[0].plover <> e.plover
        ELSE size(incidents) <> 0 END
RETURN 'incident-membership' AS problem, e.sourceId AS source, e.relation AS relation, e.targetId AS target,
       {event: e.id, incidents: [i IN incidents | i.id]} AS detail
UNION ALL
// 6. every incident has the reports, outlets, publication days and date of its events
MATCH (i:Incident)
CALL (i) {
  OPTIONAL MATCH (i)<-[:REPORTS]-(e:Event)-[:REPORTED_IN]->(a:Article)
  WITH e, a ORDER BY a.outlet
  RETURN count(e) AS n, min(a.publishedAt) AS first, max(a.publishedAt) AS last,
         [o IN collect(DISTINCT a.outlet) WHERE o <> ''] AS outlets,
         coalesce(min(CASE WHEN e.datePrecision = 'DAY' THEN e.date END), min(e.date)) AS best
}
WITH i, n, first, last, outlets, best
WHERE n = 0 OR i.reports <> n OR i.outlets <> outlets
   OR coalesce(i.firstReported, date('0001-01-01')) <> coalesce(first, date('0001-01-01'))
   OR coalesce(i.lastReported, date('0001-01-01')) <> coalesce(last, date('0001-01-01'))
   OR coalesce(i.date, date('0001-01-01')) <> coalesce(best, date('0001-01-01'))
RETURN 'incident-mismatch' AS problem, i.sourceId AS source, i.plover AS relation, i.targetId AS target,
       {incident: i.id, stored: i.reports, events: n} AS detail
UNION ALL
// 7. every network relationship counts the distinct incidents of its events
MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $relations
WITH s, r, t, COUNT { MATCH (s)<-[:SOURCE]-(e:Event)-[:TARGET]->(t), (e)-[:REPORTS]->(i:Incident)
                       WHERE e.relation = type(r) RETURN DISTINCT i } AS n
WHERE r.incidents IS NULL OR r.incidents <> n
RETURN 'network-incidents' AS problem, s.id AS source, type(r) AS relation, t.id AS target, {stored: r.incidents, incidents: n} AS detail
UNION ALL
// 8. a response answers a countable event before it, between the same two sides reversed
MATCH (r:Event)-[l:RESPONDS_TO]->(t:Event)
WHERE NOT (${countable('r')}) OR NOT (${countable('t')}) OR NOT l.kind IN ['stated', 'inferred']
   OR COUNT { (r)-[:RESPONDS_TO]->() } <> 1
RETURN 'response-broken' AS problem, r.sourceId AS source, r.relation AS relation, r.targetId AS target, {response: r.id, answers: t.id} AS detail`;

export function buildConsistencyCheck(): CypherQuery {
  return { cypher: CONSISTENCY_CYPHER, params: { relations: [...RELATION_NAMES] } };
}

export interface ConsistencyProblem {
  problem: string;
  source: string | null;
  relation: string | null;
  target: string | null;
  detail: unknown;
}

/** Runs the check; returns the offending rows (empty: consistent). */
export async function checkConsistency(driver: Driver, database?: string): Promise<ConsistencyProblem[]> {
  const runner = createRunner(driver, database);
  const problems = (await runner.read(buildConsistencyCheck())) as unknown as ConsistencyProblem[];
  return [...problems, ...(await checkDerived(runner))];
}

/**
 * The part Cypher cannot say: incidents and response links are exactly what the rules give when
 * recomputed from all the events at once (so the incremental upkeep did not drift).
 */
async function checkDerived(runner: Runner): Promise<ConsistencyProblem[]> {
  const problems: ConsistencyProblem[] = [];
  const records = await runner.read({
    cypher: `MATCH (e:Event)-[:REPORTED_IN]->(a:Article)
WHERE ${countable('e')}
RETURN e.id AS id, e.articleId AS articleId, e.relation AS relation, e.plover AS plover, e.sourceId AS source, e.targetId AS target,
       toString(e.date) AS date, e.datePrecision AS datePrecision, toString(a.publishedAt) AS publishedAt, a.outlet AS outlet,
       COLLECT { MATCH (e)-[:REPORTS]->(i:Incident) RETURN i.id } AS incidents`,
    params: {},
  });
  const groups = new Map<string, { key: IncidentGroupKey; members: IncidentMember[] }>();
  const stored = new Map<string, string[]>();
  for (const o of records) {
    const key = { source: String(o.source), plover: String(o.plover), target: String(o.target) };
    const g = groups.get(groupKeyString(key)) ?? { key, members: [] };
    g.members.push({
      id: String(o.id),
      articleId: String(o.articleId),
      relation: String(o.relation),
      date: (o.date as string | null) ?? null,
      datePrecision: (o.datePrecision as string | null) ?? 'UNKNOWN',
      publishedAt: (o.publishedAt as string | null) ?? null,
      outlet: (o.outlet as string | null) ?? null,
    });
    groups.set(groupKeyString(key), g);
    stored.set(String(o.id), o.incidents as string[]);
  }
  for (const { key, members } of groups.values()) {
    for (const inc of groupIncidents(key, members)) {
      const wrong = inc.eventIds.filter((id) => stored.get(id)?.length !== 1 || stored.get(id)![0] !== inc.id);
      if (wrong.length > 0)
        problems.push({
          problem: 'incident-grouping',
          source: key.source,
          relation: key.plover,
          target: key.target,
          detail: { incident: inc.id, events: wrong },
        });
    }
  }
  const links = await runner.read({
    cypher: `MATCH (x:Actor)<-[:SOURCE]-(e:Event)-[:TARGET]->(y:Actor), (e)-[:REPORTED_IN]->(a:Article)
WHERE ${countable('e')} AND e.relation IN $relations
RETURN e.id AS id, e.articleId AS articleId, e.relation AS relation, ${principalOf('x')} AS sourceSide, ${principalOf('y')} AS targetSide,
       toString(coalesce(e.date, a.publishedAt)) AS date, toString(a.publishedAt) AS publishedAt, e.start AS start, (e.date IS NOT NULL AND e.datePrecision = 'DAY') AS precise, e.sentence AS sentence,
       COLLECT { MATCH (e)-[l:RESPONDS_TO]->(t:Event) RETURN [t.id, l.kind, l.cue, toString(l.days)] } AS links`,
    params: { relations: [...EXCHANGE_RELATIONS] },
  });
  const events: ExchangeEvent[] = [];
  const existing = new Map<string, { to: string; kind: string; cue: string | null; days: string }[]>();
  for (const o of links) {
    events.push({
      id: String(o.id),
      articleId: String(o.articleId),
      relation: String(o.relation),
      sourceSide: String(o.sourceSide),
      targetSide: String(o.targetSide),
      date: (o.date as string | null) ?? null,
      precise: o.precise === true,
      publishedAt: (o.publishedAt as string | null) ?? null,
      start: Number(o.start),
      sentence: String(o.sentence ?? ''),
    });
    existing.set(
      String(o.id),
      ((o.links as (string | null)[][]) ?? []).map(([to, kind, cue, days]) => ({
        to: to!,
        kind: kind!,
        cue: cue ?? null,
        days: days!,
      })),
    );
  }
  const { drop, add } = diffResponses(existing, linkResponses(events));
  for (const [from, to] of drop)
    problems.push({
      problem: 'response-extra',
      source: null,
      relation: null,
      target: null,
      detail: { response: from, answers: to },
    });
  for (const l of add)
    problems.push({ problem: 'response-missing', source: null, relation: null, target: null, detail: l });
  return problems;
}
