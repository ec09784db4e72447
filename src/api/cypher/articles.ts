/** Articles: a page of a search or listing; and per-article text and mentioned actors, batched. */
import { actorProjection, articleProjection, dateConditions, where, type CypherQuery } from './common.ts';

export interface ArticlesArgs {
  fulltext: string | null;
  outlet: string | null;
  from: string | null;
  to: string | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

export function buildArticlesByIdQuery(ids: string[], withText: boolean): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id, ${withText ? 'a { .*, text: a.text }' : articleProjection('a')} AS article`,
    params: { ids },
  };
}

export function buildArticlesQuery(args: ArticlesArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit };
  const conditions: string[] = [];
  if (args.outlet) {
    params.outlet = args.outlet;
    conditions.push('a.outlet = $outlet');
  }
  conditions.push(...dateConditions('a.publishedAt', args.from, args.to, params));
  let match: string;
  let order: string;
  if (args.fulltext) {
    params.q = args.fulltext;
    match = `CALL db.index.fulltext.queryNodes('article_search', $q) YIELD node AS a, score\n${where(conditions)}`;
    order = 'score DESC, a.publishedAt DESC, a.id';
  } else {
    match = `MATCH (a:Article)\n${where(conditions)}`;
    order = 'a.publishedAt DESC, a.id';
  }
  const total = args.withTotal ? `CALL () {\n${match}\nRETURN count(a) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH a${args.fulltext ? ', score' : ''} ORDER BY ${order} SKIP $offset LIMIT $limit\n` +
      `RETURN collect(${articleProjection('a')}) AS rows\n}\nRETURN rows, ${args.withTotal ? 'totalCount' : 'null AS totalCount'}`,
    params,
  };
}

/** Actors each article mentions, for a batch of articles. */
export function buildArticleActorsQuery(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id MATCH (a:Article {id: id})\nRETURN id, COLLECT { MATCH (a)-[:MENTIONS]->(x:Actor) RETURN ${actorProjection('x')} AS x ORDER BY x.name } AS actors`,
    params: { ids },
  };
}
