/**
 * Cypher for events: node, SOURCE / TARGET / REPORTED_IN edges, with the endpoint ids denormalised.
 * CREATE, not MERGE: events are only written by the transaction holding their article's lock, right
 * after that article's old events were deleted (event ids embed the article id); the unique constraint
 * on Event.id still refuses a duplicate.
 */
import type { EventRow } from '../prepare.ts';
import type { CypherQuery } from './query.ts';

export function buildWriteEvents(rows: EventRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (art:Article {id: row.articleId})
MATCH (s:Actor {id: row.sourceId})
MATCH (t:Actor {id: row.targetId})
CREATE (e:Event {id: row.id})
SET e.relation = row.relation, e.plover = row.plover, e.mode = row.mode, e.cameo = row.cameo,
    e.score = toFloat(row.score),
    e.date = CASE WHEN row.date IS NULL THEN null ELSE date(row.date) END,
    e.datePrecision = row.datePrecision, e.negated = row.negated, e.hypothetical = row.hypothetical,
    e.sentence = row.sentence, e.start = toInteger(row.start), e.end = toInteger(row.end),
    e.sourceText = row.sourceText, e.sourceStart = toInteger(row.sourceStart), e.sourceEnd = toInteger(row.sourceEnd),
    e.targetText = row.targetText, e.targetStart = toInteger(row.targetStart), e.targetEnd = toInteger(row.targetEnd),
    e.rule = row.rule, e.articleId = row.articleId, e.sourceId = row.sourceId, e.targetId = row.targetId
CREATE (e)-[:SOURCE]->(s), (e)-[:TARGET]->(t), (e)-[:REPORTED_IN]->(art)`,
    params: { rows },
  };
}
