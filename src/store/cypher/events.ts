/**
 * Cypher for events: node, SOURCE / TARGET / REPORTED_IN edges, with the endpoint ids denormalised.
 * CREATE, not MERGE: events are only written by the transaction holding their article's lock, right
 * after that article's old events were deleted (event ids embed the article id); the unique constraint
 * on Event.id still refuses a duplicate.
 */
import neo4j from 'neo4j-driver';
import type { EventRow } from '../prepare.ts';
import type { CypherQuery } from '../runner.ts';

/** `YYYY-MM-DD` (validated by prepare) as a Neo4j date. */
function toDate(value: string | null) {
  if (value === null) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new neo4j.types.Date(y!, m!, d!);
}

/** An event's properties, typed as stored (offsets as integers, the date as a date). */
function eventProperties(e: EventRow): Record<string, unknown> {
  const int = (n: number) => neo4j.int(n);
  return {
    id: e.id,
    relation: e.relation,
    plover: e.plover,
    mode: e.mode,
    cameo: e.cameo,
    score: e.score,
    date: toDate(e.date),
    datePrecision: e.datePrecision,
    negated: e.negated,
    hypothetical: e.hypothetical,
    sentence: e.sentence,
    start: int(e.start),
    end: int(e.end),
    sourceText: e.sourceText,
    sourceStart: int(e.sourceStart),
    sourceEnd: int(e.sourceEnd),
    targetText: e.targetText,
    targetStart: int(e.targetStart),
    targetEnd: int(e.targetEnd),
    rule: e.rule,
    articleId: e.articleId,
    sourceId: e.sourceId,
    targetId: e.targetId,
  };
}

/**
 * One statement for a batch's events. Each actor and article is looked up once (rows point at them by
 * position; a missing one is null and fails the statement rather than dropping the event), and each
 * event's properties are set from one map. Scores go as floats (JavaScript numbers), offsets as integers.
 */
export function buildWriteEvents(rows: EventRow[]): CypherQuery {
  const actors = [...new Set(rows.flatMap((e) => [e.sourceId, e.targetId]))].sort();
  const articles = [...new Set(rows.map((e) => e.articleId))].sort();
  const actorAt = new Map(actors.map((id, i) => [id, i]));
  const articleAt = new Map(articles.map((id, i) => [id, i]));
  return {
    cypher: `WITH [id IN $actors | COLLECT { MATCH (x:Actor {id: id}) RETURN x }[0]] AS actors,
     [id IN $articles | COLLECT { MATCH (x:Article {id: id}) RETURN x }[0]] AS articles
UNWIND $rows AS row
WITH actors[row.source] AS s, actors[row.target] AS t, articles[row.article] AS art, row
CREATE (e:Event)
SET e = row.properties
CREATE (e)-[:SOURCE]->(s), (e)-[:TARGET]->(t), (e)-[:REPORTED_IN]->(art)`,
    params: {
      actors,
      articles,
      rows: rows.map((e) => ({
        source: neo4j.int(actorAt.get(e.sourceId)!),
        target: neo4j.int(actorAt.get(e.targetId)!),
        article: neo4j.int(articleAt.get(e.articleId)!),
        properties: eventProperties(e),
      })),
    },
  };
}
