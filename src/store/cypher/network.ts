/**
 * Cypher for the actor network: one relationship per (source, relation, target), recomputed from the
 * events beneath it (never incremented), so a retried or concurrent write cannot leave it off by one.
 */
import { relationInfo } from '../../ontology.ts';
import type { CypherQuery } from './query.ts';

export interface NetworkKey {
  source: string;
  relation: string;
  target: string;
}

/**
 * Recomputes the network relationships of one relation type for the given (source, target) pairs:
 * count, firstDate, lastDate, articleIds (sorted), meanScore of the non-negated, non-hypothetical
 * events; deletes the relationship when none is left. Locks the source actor first, so two
 * transactions recomputing one pair run one after the other and the later sees the earlier's events.
 */
export function buildRecomputeNetwork(relation: string, pairs: { source: string; target: string }[]): CypherQuery {
  const type = relationInfo(relation).name;
  return {
    cypher: `UNWIND $pairs AS pair
MATCH (s:Actor {id: pair.source})
MATCH (t:Actor {id: pair.target})
SET s._lock = true
REMOVE s._lock
WITH s, t
CALL (s, t) {
  MATCH (e:Event {sourceId: s.id, relation: $relation, targetId: t.id})
  WHERE e.negated = false AND e.hypothetical = false
  WITH e ORDER BY e.articleId
  RETURN count(e) AS n, min(e.date) AS firstDate, max(e.date) AS lastDate,
         round(avg(e.score), 6) AS meanScore, collect(DISTINCT e.articleId) AS articleIds
}
CALL (s, t, n) {
  WITH s, t, n WHERE n = 0
  MATCH (s)-[r:${type}]->(t)
  DELETE r
}
CALL (s, t, n, firstDate, lastDate, meanScore, articleIds) {
  WITH * WHERE n > 0
  MERGE (s)-[r:${type}]->(t)
  SET r.count = n, r.firstDate = firstDate, r.lastDate = lastDate, r.meanScore = meanScore, r.articleIds = articleIds
}`,
    params: { relation: type, pairs },
  };
}

/** Groups keys by relation (one statement per relationship type), dropping duplicates and incomplete keys. */
export function groupNetworkKeys(keys: Iterable<Partial<NetworkKey> | null | undefined>): Map<string, { source: string; target: string }[]> {
  const seen = new Set<string>();
  const byRelation = new Map<string, { source: string; target: string }[]>();
  for (const k of keys) {
    if (!k?.source || !k.relation || !k.target) continue;
    const id = `${k.source}\u0000${k.relation}\u0000${k.target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = byRelation.get(k.relation) ?? [];
    list.push({ source: k.source, target: k.target });
    byRelation.set(k.relation, list);
  }
  for (const list of byRelation.values()) list.sort((a, b) => (a.source + '\u0000' + a.target < b.source + '\u0000' + b.target ? -1 : 1));
  return new Map([...byRelation.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The network statements for a set of touched keys. */
export function buildRefreshNetwork(keys: Iterable<Partial<NetworkKey> | null | undefined>): CypherQuery[] {
  return [...groupNetworkKeys(keys)].map(([relation, pairs]) => buildRecomputeNetwork(relation, pairs));
}
