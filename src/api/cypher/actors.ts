/** Actors: one by id, a page of a search or listing, affiliations for a batch of ids. */
import { actorProjection, where, type CypherQuery } from './common.ts';

export interface ActorsArgs {
  /** A Lucene query already escaped (see buildFulltextQuery), or null to list by name. */
  fulltext: string | null;
  kinds: string[] | null;
  country: string | null;
  offset: number;
  /** Rows to fetch (page size + 1, to know whether there is a next page). */
  limit: number;
  withTotal: boolean;
  /**
   * With fulltext: the search as aliasKey() spells it, and the actors the dictionaries call so
   * (../actor-aliases.ts). Those and the actors whose name or stored alias is exactly it come first.
   */
  exact?: { key: string; ids: string[] };
}

/** Actors by id, in one query (for Actor-valued fields resolved by id). */
export function buildActorsByIdQuery(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN id, ${actorProjection('a')} AS actor`,
    params: { ids },
  };
}

export function buildActorsQuery(args: ActorsArgs): CypherQuery {
  const params: Record<string, unknown> = { offset: args.offset, limit: args.limit };
  const conditions = ['a.mergedInto IS NULL'];
  if (args.kinds) {
    params.kinds = args.kinds;
    conditions.push('a.kind IN $kinds');
  }
  if (args.country) {
    params.country = args.country;
    conditions.push('a.country = $country');
  }
  let match: string;
  let order: string;
  if (args.fulltext && args.exact) {
    params.q = args.fulltext;
    params.exactKey = args.exact.key;
    params.exactIds = args.exact.ids;
    // The dictionaries' actors join the index's hits (score 0 when the index did not find them); an exact
    // name (dots and case aside, as aliasKey() compares) ranks above any partial one: "UK" is the United
    // Kingdom before Ukraine, which only the prefix uk* found.
    match =
      "CALL () {\n  CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node, score RETURN node AS a, score\n" +
      '  UNION ALL\n  MATCH (a:Actor) WHERE a.id IN $exactIds RETURN a, 0.0 AS score\n}\n' +
      `WITH a, max(score) AS score\n${where(conditions)}\n` +
      "WITH a, score, a.id IN $exactIds OR any(n IN coalesce(a.aliases, []) + [a.name] WHERE trim(replace(toLower(n), '.', '')) = $exactKey) AS exact";
    order = 'exact DESC, score DESC, a.name, a.id';
  } else if (args.fulltext) {
    params.q = args.fulltext;
    match = `CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node AS a, score\n${where(conditions)}`;
    order = 'score DESC, a.name, a.id';
  } else {
    match = `MATCH (a:Actor)\n${where(conditions)}`;
    order = 'a.name, a.id';
  }
  const total = args.withTotal ? `CALL () {\n${match}\nRETURN count(a) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH a${args.fulltext ? ', score' : ''}${args.fulltext && args.exact ? ', exact' : ''} ORDER BY ${order} SKIP $offset LIMIT $limit\n` +
      `RETURN collect(${actorProjection('a')}) AS rows\n}\nRETURN rows${args.withTotal ? ', totalCount' : ', null AS totalCount'}`,
    params,
  };
}

/** Affiliations of a batch of actors: represents, partOf, memberOf, members. */
export function buildAffiliationsQuery(ids: string[]): CypherQuery {
  const list = (pattern: string) =>
    `COLLECT { MATCH ${pattern} RETURN ${actorProjection('x')} AS x ORDER BY x.name LIMIT 500 }`;
  return {
    cypher:
      'UNWIND $ids AS id MATCH (a:Actor {id: id})\n' +
      `RETURN id, ${list('(a)-[:REPRESENTS]->(x:Actor)')} AS represents,\n` +
      `  ${list('(a)-[:PART_OF]->(x:Actor)')} AS partOf,\n` +
      `  ${list('(a)-[:MEMBER_OF]->(x:Actor)')} AS memberOf,\n` +
      `  ${list('(a)<-[:REPRESENTS|PART_OF|MEMBER_OF]-(x:Actor)')} AS members`,
    params: { ids },
  };
}
