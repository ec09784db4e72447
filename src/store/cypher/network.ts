/**
 * Cypher for the actor network: one relationship per (source, relation, target) with the totals of the
 * events beneath it. A key touched only by new articles (whose events cannot be counted yet: no version
 * of them was stored) gets their totals added; any other key (deleted events, updated articles,
 * corrections) is recomputed from its events. Both run after the source actor is locked, so a retried or
 * concurrent write cannot leave a total off by one.
 */
import { RELATION_NAMES, relationInfo } from '../../ontology.ts';
import { countable, isCountable, type CypherQuery } from '../runner.ts';

export interface NetworkKey {
  source: string;
  relation: string;
  target: string;
}

/** What a batch's new events add to one key (countable events only). */
export interface NetworkAddition extends NetworkKey {
  /** `YYYY-MM-DD` or null (no dated event). */
  firstDate: string | null;
  lastDate: string | null;
  /** One per event. */
  scores: number[];
  /** Sorted, distinct. */
  articleIds: string[];
}

/** The fields of an event the network counts. */
export interface CountedEvent {
  sourceId: string;
  relation: string;
  targetId: string;
  articleId: string;
  date: string | null;
  score: number;
  negated: boolean;
  hypothetical: boolean;
}

/** `ACCUSES|CONDEMNS|…`: every network type, so a dense actor's event edges are never scanned. */
const ALL_TYPES = RELATION_NAMES.map((r) => relationInfo(r).name).join('|');

const CREATE_BY_TYPE = RELATION_NAMES.map(
  (r) =>
    `  FOREACH (_ IN CASE WHEN key.relation = '${r}' THEN [1] ELSE [] END | CREATE (s)-[x:${relationInfo(r).name}]->(t) SET x = totals)`,
).join('\n');

/**
 * The network statement: per key, the totals (count, firstDate, lastDate, articleIds sorted, scoreSum
 * in millionths, meanScore) of its non-negated, non-hypothetical events, either added to the stored
 * ones (`key.added`; a relationship stored without `scoreSum` is recomputed instead) or recomputed
 * from the events; the relationship is deleted when none is left. Scores are summed as integers so
 * the totals do not depend on the order batches arrive in. Locks the source actor before reading
 * (unless `key.lock` is false: this transaction holds it already), so two transactions touching one
 * key run one after the other and the later one sees the earlier one's events and totals. The type
 * is written from the ontology's closed list (one FOREACH per type); existing relationships are found
 * and updated without naming it.
 */
const NETWORK_CYPHER = `UNWIND $keys AS key
MATCH (s:Actor {id: key.source})
MATCH (t:Actor {id: key.target})
FOREACH (_ IN CASE WHEN key.lock THEN [1] ELSE [] END | SET s._lock = true REMOVE s._lock)
WITH s, t, key
OPTIONAL MATCH (s)-[r:${ALL_TYPES}]->(t) WHERE type(r) = key.relation
CALL (s, t, key, r) {
  WITH key, r WHERE key.added IS NOT NULL AND (r IS NULL OR r.scoreSum IS NOT NULL)
  WITH key.added AS extra, r, date(key.added.firstDate) AS first, date(key.added.lastDate) AS last
  RETURN coalesce(r.count, 0) + size(extra.scores) AS n,
         CASE WHEN r.firstDate IS NULL OR first < r.firstDate THEN first ELSE r.firstDate END AS firstDate,
         CASE WHEN r.lastDate IS NULL OR last > r.lastDate THEN last ELSE r.lastDate END AS lastDate,
         coalesce(r.scoreSum, 0) + reduce(acc = 0, x IN extra.scores | acc + toInteger(round(x * 1000000))) AS scoreSum,
         COLLECT { UNWIND coalesce(r.articleIds, []) + extra.articleIds AS id RETURN DISTINCT id ORDER BY id } AS articleIds
  UNION
  WITH s, t, key, r WHERE key.added IS NULL OR (r IS NOT NULL AND r.scoreSum IS NULL)
  OPTIONAL MATCH (e:Event {sourceId: s.id, relation: key.relation, targetId: t.id})
  USING INDEX e:Event(sourceId, relation, targetId)
  WHERE ${countable('e')}
  WITH key, e ORDER BY e.articleId
  // grouped by the key: no row at all when the branch above applies, one row (n = 0) when no event is left
  WITH key.relation AS relation, count(e) AS n, min(e.date) AS firstDate, max(e.date) AS lastDate,
       sum(toInteger(round(e.score * 1000000))) AS scoreSum, collect(DISTINCT e.articleId) AS articleIds
  RETURN n, firstDate, lastDate, scoreSum, articleIds
}
WITH s, t, key, r, n, {count: n, firstDate: firstDate, lastDate: lastDate, scoreSum: scoreSum, articleIds: articleIds,
  meanScore: CASE WHEN n = 0 THEN null ELSE round(toFloat(scoreSum) / n / 1000000, 6) END} AS totals
CALL (r, n) {
  WITH * WHERE r IS NOT NULL AND n = 0
  DELETE r
}
CALL (r, n, totals) {
  WITH * WHERE r IS NOT NULL AND n > 0
  SET r = totals
}
CALL (s, t, key, r, n, totals) {
  WITH * WHERE r IS NULL AND n > 0
${CREATE_BY_TYPE}
}`;

const keyString = (k: NetworkKey): string => `${k.source}\u0000${k.target}\u0000${k.relation}`;

/** Drops duplicate and incomplete keys; sorted (source, target, relation) for a stable lock order. */
export function uniqueNetworkKeys(keys: Iterable<Partial<NetworkKey> | null | undefined>): NetworkKey[] {
  const out = new Map<string, NetworkKey>();
  for (const k of keys) {
    if (!k?.source || !k.relation || !k.target) continue;
    const key = { source: k.source, relation: k.relation, target: k.target };
    out.set(keyString(key), key);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** Per key, the totals that countable events add (events of articles new to the graph). */
export function networkAdditions(events: Iterable<CountedEvent>): NetworkAddition[] {
  const out = new Map<string, NetworkAddition & { ids: Set<string> }>();
  for (const e of events) {
    if (!isCountable(e)) continue;
    const key = { source: e.sourceId, relation: e.relation, target: e.targetId };
    const k = keyString(key);
    const a = out.get(k) ?? {
      ...key,
      firstDate: null,
      lastDate: null,
      scores: [],
      articleIds: [],
      ids: new Set<string>(),
    };
    if (e.date !== null && (a.firstDate === null || e.date < a.firstDate)) a.firstDate = e.date;
    if (e.date !== null && (a.lastDate === null || e.date > a.lastDate)) a.lastDate = e.date;
    a.scores.push(e.score);
    a.ids.add(e.articleId);
    out.set(k, a);
  }
  return [...out.values()].map(({ ids, ...a }) => ({ ...a, articleIds: [...ids].sort() }));
}

/**
 * The network statement for keys to recompute and additions of new events (none when there is
 * nothing to do). A key in both is recomputed (the events are written by then). The caller's
 * transaction holds the locks of `lockedSources` already.
 */
export function buildUpdateNetwork(
  recompute: Iterable<Partial<NetworkKey> | null | undefined>,
  additions: NetworkAddition[] = [],
  lockedSources: ReadonlySet<string> = new Set(),
): CypherQuery[] {
  const rows = new Map<string, NetworkKey & { added: Omit<NetworkAddition, keyof NetworkKey> | null }>();
  for (const { source, relation, target, ...added } of additions)
    rows.set(keyString({ source, relation, target }), { source, relation, target, added });
  for (const k of uniqueNetworkKeys(recompute)) rows.set(keyString(k), { ...k, added: null });
  if (rows.size === 0) return [];
  for (const r of rows.values()) relationInfo(r.relation);
  const keys = [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => ({ ...r, lock: !lockedSources.has(r.source) }));
  return [{ cypher: NETWORK_CYPHER, params: { keys } }];
}

/** Recomputes the network relationships of these keys from their events (deletes, updates, corrections). */
export function buildRefreshNetwork(
  keys: Iterable<Partial<NetworkKey> | null | undefined>,
  lockedSources?: ReadonlySet<string>,
): CypherQuery[] {
  return buildUpdateNetwork(keys, [], lockedSources);
}
