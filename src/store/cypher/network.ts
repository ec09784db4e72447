/**
 * Cypher for the actor network: one relationship per (source, relation, target), recomputed from the
 * events beneath it (never incremented), so a retried or concurrent write cannot leave it off by one.
 */
import { RELATION_NAMES, relationInfo } from '../../ontology.ts';
import type { CypherQuery } from './query.ts';

export interface NetworkKey {
  source: string;
  relation: string;
  target: string;
}

/** `ACCUSES|CONDEMNS|…`: every network type, so a dense actor's event edges are never scanned. */
const ALL_TYPES = RELATION_NAMES.map((r) => relationInfo(r).name).join('|');

const CREATE_BY_TYPE = RELATION_NAMES.map(
  (r) => `  FOREACH (_ IN CASE WHEN key.relation = '${r}' THEN [1] ELSE [] END | CREATE (s)-[:${relationInfo(r).name} {count: n, firstDate: firstDate, lastDate: lastDate, meanScore: meanScore, articleIds: articleIds}]->(t))`,
).join('\n');

/**
 * Recomputes the network relationships for the given keys: count, firstDate, lastDate, articleIds
 * (sorted), meanScore of the non-negated, non-hypothetical events; deletes the relationship when none
 * is left. Locks the source actor before reading (unless the caller says this transaction holds it
 * already), so two transactions recomputing one key run one after the other and the later one sees
 * the earlier one's events. The relationship type is written
 * from the ontology's closed list (one FOREACH per type); existing relationships are found and
 * updated without naming the type.
 */
export function buildRecomputeNetwork(keys: NetworkKey[], lockedSources: ReadonlySet<string> = new Set()): CypherQuery {
  for (const k of keys) relationInfo(k.relation);
  return {
    cypher: `UNWIND $keys AS key
MATCH (s:Actor {id: key.source})
MATCH (t:Actor {id: key.target})
FOREACH (_ IN CASE WHEN key.lock THEN [1] ELSE [] END | SET s._lock = true REMOVE s._lock)
WITH s, t, key
CALL (s, t, key) {
  MATCH (e:Event {sourceId: s.id, relation: key.relation, targetId: t.id})
  WHERE e.negated = false AND e.hypothetical = false
  WITH e ORDER BY e.articleId
  RETURN count(e) AS n, min(e.date) AS firstDate, max(e.date) AS lastDate,
         round(avg(e.score), 6) AS meanScore, collect(DISTINCT e.articleId) AS articleIds
}
OPTIONAL MATCH (s)-[r:${ALL_TYPES}]->(t) WHERE type(r) = key.relation
CALL (r, n) {
  WITH * WHERE r IS NOT NULL AND n = 0
  DELETE r
}
CALL (r, n, firstDate, lastDate, meanScore, articleIds) {
  WITH * WHERE r IS NOT NULL AND n > 0
  SET r.count = n, r.firstDate = firstDate, r.lastDate = lastDate, r.meanScore = meanScore, r.articleIds = articleIds
}
CALL (s, t, key, r, n, firstDate, lastDate, meanScore, articleIds) {
  WITH * WHERE r IS NULL AND n > 0
${CREATE_BY_TYPE}
}`,
    params: { keys: keys.map((k) => ({ ...k, lock: !lockedSources.has(k.source) })) },
  };
}

/** Drops duplicate and incomplete keys; sorted (source, target, relation) for a stable lock order. */
export function uniqueNetworkKeys(keys: Iterable<Partial<NetworkKey> | null | undefined>): NetworkKey[] {
  const out = new Map<string, NetworkKey>();
  for (const k of keys) {
    if (!k?.source || !k.relation || !k.target) continue;
    out.set(`${k.source}\u0000${k.target}\u0000${k.relation}`, { source: k.source, relation: k.relation, target: k.target });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** The network statement for a set of touched keys (none when there are no keys). */
export function buildRefreshNetwork(keys: Iterable<Partial<NetworkKey> | null | undefined>, lockedSources?: ReadonlySet<string>): CypherQuery[] {
  const unique = uniqueNetworkKeys(keys);
  return unique.length > 0 ? [buildRecomputeNetwork(unique, lockedSources)] : [];
}
