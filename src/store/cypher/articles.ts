/** Cypher for articles: lookup by id / URL / content hash, lock, write, and removal of what they own. */
import type { ArticleRow } from '../prepare.ts';
import type { CypherQuery } from './query.ts';

export interface ArticleKey {
  key: number;
  id: string;
  url: string | null;
  contentHash: string;
}

/** What exists already for each incoming article: the same id, the same URL, the same content. */
export function buildLookupArticles(keys: ArticleKey[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
RETURN row.key AS key,
  COLLECT { MATCH (a:Article {id: row.id}) RETURN a.id } [0] AS byId,
  CASE WHEN row.url IS NULL THEN null ELSE COLLECT { MATCH (a:Article {url: row.url}) RETURN a.id ORDER BY a.id LIMIT 1 } [0] END AS byUrl,
  COLLECT { MATCH (a:Article {contentHash: row.contentHash}) RETURN a.id ORDER BY a.id LIMIT 1 } [0] AS byHash`,
    params: { rows: keys },
  };
}

/**
 * Creates-or-locks the articles about to be written, in id order (a fixed lock order keeps concurrent
 * batches from deadlocking), and returns the content hash each had before: null for a new article.
 * Everything this transaction reads about them afterwards is protected by the lock.
 */
export function buildLockArticles(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a._lock = true
REMOVE a._lock
RETURN a.id AS id, a.contentHash AS contentHash`,
    params: { ids: [...ids].sort() },
  };
}

/** Deletes the events of the given articles (to be replaced) and returns the network keys they counted in. */
export function buildDeleteArticleEvents(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (e:Event {articleId: id})
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

/** Sets every article property (the node exists: it was locked first). */
export function buildWriteArticles(rows: ArticleRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.outlet = row.outlet,
    a.publishedAt = CASE WHEN row.publishedAt IS NULL THEN null ELSE date(row.publishedAt) END,
    a.dateline = row.dateline, a.contentHash = row.contentHash, a.text = row.text,
    a.eventCount = row.eventCount, a.ingestedAt = datetime()`,
    params: { rows },
  };
}

export interface MentionRow {
  articleId: string;
  actorId: string;
}

export function buildWriteMentions(rows: MentionRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (a:Article {id: row.articleId})
MATCH (x:Actor {id: row.actorId})
MERGE (a)-[:MENTIONS]->(x)`,
    params: { rows },
  };
}

/** Deletes one article and its events; returns the network keys they counted in (no rows: not found). */
export function buildDeleteArticle(id: string): CypherQuery {
  return {
    cypher: `MATCH (a:Article {id: $id})
SET a._lock = true
WITH a
OPTIONAL MATCH (e:Event {articleId: $id})
OPTIONAL MATCH (e)-[:SOURCE]->(s:Actor)
OPTIONAL MATCH (e)-[:TARGET]->(t:Actor)
WITH a, collect(e) AS events, collect(DISTINCT CASE WHEN e IS NULL THEN null ELSE {source: s.id, relation: e.relation, target: t.id} END) AS keys
FOREACH (e IN events | DETACH DELETE e)
DETACH DELETE a
RETURN keys`,
    params: { id },
  };
}
