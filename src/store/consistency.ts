/**
 * The consistency check of the graph model (schema/MODEL.md): zero rows means the actor network agrees
 * with the events beneath it, every event is whole, and every article has all its events.
 * The SOURCE / TARGET edges are the truth; the denormalised `sourceId` / `targetId` must agree with them.
 */
import type { Driver } from 'neo4j-driver';
import { RELATION_NAMES } from '../ontology.ts';
import type { CypherQuery } from './cypher/query.ts';

export const CONSISTENCY_CYPHER = `// 1. every network relationship has exactly the count, dates, articles and mean score of its events
MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $relations
CALL (s, r, t) {
  OPTIONAL MATCH (s)<-[:SOURCE]-(e:Event)-[:TARGET]->(t)
  WHERE e.relation = type(r) AND e.negated = false AND e.hypothetical = false
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
WHERE e.negated = false AND e.hypothetical = false AND NOT EXISTS { MATCH (s)-[r]->(t) WHERE type(r) = e.relation }
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
       {article: a.id, eventCount: a.eventCount, events: n} AS detail`;

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
  const { cypher, params } = buildConsistencyCheck();
  const { records } = await driver.executeQuery(cypher, params, { database, routing: 'READ' });
  return records.map((r) => r.toObject() as unknown as ConsistencyProblem);
}
