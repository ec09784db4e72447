/** Cypher for articles: lookup by id / URL / content hash, lock, write, and removal of what they own. */
import type { ArticleRow } from '../prepare.ts';
import type { CypherQuery } from '../runner.ts';

export interface ArticleKey {
  key: number;
  id: string;
  url: string | null;
  contentHash: string;
}

/**
 * Finds which stored article each incoming one is (the same id, else the same URL; else, with the same
 * content under another id, it is a duplicate of that one: `byHash`), then creates-or-locks the
 * articles to write in id order (a fixed lock order keeps concurrent batches from deadlocking) and
 * returns each one's content hash from before: null for a new article. Everything the transaction
 * reads about a locked article afterwards is current. Also returns, on every row, which of `actorIds`
 * were merged away by a correction (`merged`: [id, mergedInto] pairs), to save a round trip.
 */
export function buildClaimArticles(keys: ArticleKey[], actorIds: string[] = []): CypherQuery {
  return {
    cypher: `CALL () {
  MATCH (x:Actor)
  WHERE x.mergedInto IS NOT NULL AND x.id IN $actorIds
  RETURN collect([x.id, x.mergedInto]) AS merged
}
UNWIND $rows AS row
WITH merged, row,
  COLLECT { MATCH (a:Article {id: row.id}) RETURN a.id } [0] AS byId,
  CASE WHEN row.url IS NULL THEN null ELSE COLLECT { MATCH (a:Article {url: row.url}) USING INDEX a:Article(url) RETURN a.id ORDER BY a.id LIMIT 1 } [0] END AS byUrl,
  COLLECT { MATCH (a:Article {contentHash: row.contentHash}) USING INDEX a:Article(contentHash) RETURN a.id ORDER BY a.id LIMIT 1 } [0] AS byHash
WITH merged, row, coalesce(byId, byUrl) AS target, byHash
ORDER BY coalesce(target, row.id)
OPTIONAL CALL (row, target, byHash) {
  WITH * WHERE target IS NOT NULL OR byHash IS NULL
  MERGE (a:Article {id: coalesce(target, row.id)})
  SET a._lock = true
  REMOVE a._lock
  RETURN a.id AS id, a.contentHash AS before
}
RETURN row.key AS key, id, before, byHash, merged`,
    params: { rows: keys, actorIds },
  };
}

/** Deletes the events of the given articles (to be replaced) and returns the network keys they counted in. */
export function buildDeleteArticleEvents(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (e:Event {articleId: id}) USING INDEX e:Event(articleId)
OPTIONAL MATCH (e)-[:SOURCE]->(s:Actor)
OPTIONAL MATCH (e)-[:TARGET]->(t:Actor)
WITH e, s.id AS source, e.relation AS relation, t.id AS target
DETACH DELETE e
RETURN DISTINCT source, relation, target`,
    params: { ids },
  };
}

/** Drops the MENTIONS of the given articles (rewritten from the new extraction). */
export function buildDeleteMentions(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
DELETE m`,
    params: { ids },
  };
}

/**
 * Sets every article property (the node exists: it was locked first) and its MENTIONS of the actors
 * in `mentions`. CREATE: an article's mentions are only written under its lock, after the old ones
 * were dropped.
 */
export function buildWriteArticles(rows: (ArticleRow & { mentions: string[] })[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.outlet = row.outlet,
    a.publishedAt = CASE WHEN row.publishedAt IS NULL THEN null ELSE date(row.publishedAt) END,
    a.dateline = row.dateline, a.contentHash = row.contentHash, a.text = row.text,
    a.eventCount = row.eventCount, a.ingestedAt = datetime()
WITH a, row
UNWIND row.mentions AS actorId
MATCH (x:Actor {id: actorId})
CREATE (a)-[:MENTIONS]->(x)`,
    params: { rows },
  };
}

/**
 * Deletes one article and its events; returns the network keys they counted in and the actors the
 * article named (its mentions and its events' actors, sorted), which may be left with nothing
 * referring to them (no rows: not found).
 */
export function buildDeleteArticle(id: string): CypherQuery {
  return {
    cypher: `MATCH (a:Article {id: $id})
SET a._lock = true
WITH a, COLLECT { MATCH (a)-[:MENTIONS]->(m:Actor) RETURN m.id } AS mentioned
OPTIONAL MATCH (e:Event {articleId: $id}) USING INDEX e:Event(articleId)
OPTIONAL MATCH (e)-[:SOURCE]->(s:Actor)
OPTIONAL MATCH (e)-[:TARGET]->(t:Actor)
WITH a, mentioned, collect(e) AS events, collect(DISTINCT CASE WHEN e IS NULL THEN null ELSE {source: s.id, relation: e.relation, target: t.id} END) AS keys,
     collect(s.id) + collect(t.id) AS eventActors
FOREACH (e IN events | DETACH DELETE e)
DETACH DELETE a
RETURN keys, COLLECT { UNWIND mentioned + eventActors AS x RETURN DISTINCT x ORDER BY x } AS actorIds`,
    params: { id },
  };
}

/**
 * Deletes the given actors that nothing refers to any more: no event, mention, affiliation, membership
 * or network relationship (no relationship at all), no correction naming them, no tombstone merged
 * into them. A country named only by a deleted article goes; one a correction renamed, or another
 * article mentions, stays. Each actor is locked (ids sorted, the writers' order) before it is looked
 * at, so an ingest writing an event about it either commits first (and the actor stays) or waits for
 * this transaction. DELETE, not DETACH DELETE: an actor that still has a relationship fails the
 * transaction rather than losing it.
 */
export function buildDeleteOrphanActors(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (x:Actor {id: id})
SET x._lock = true REMOVE x._lock
WITH x
WHERE NOT EXISTS { (x)--() }
WITH x
WHERE NOT EXISTS { MATCH (c:Correction) WHERE x.id IN coalesce(c.actorIds, [c.actorId]) }
  AND NOT EXISTS { MATCH (:Actor {mergedInto: x.id}) }
WITH x, x.id AS id
DELETE x
RETURN id`,
    params: { ids: [...new Set(ids)].sort() },
  };
}
