/**
 * Cypher for analyst corrections (run by src/store/corrections.ts): merge actors, add an alias, rename.
 * Each is one write transaction that also records a (:Correction) node (MERGE on its id, so a retried
 * transaction writes it once), with the name of whoever asked.
 */
import type { CypherQuery } from '../runner.ts';
import { actorProjection } from './actors.ts';

export interface CorrectionRecord {
  id: string;
  action: 'MERGE_ACTORS' | 'ADD_ALIAS' | 'RENAME_ACTOR';
  actorId: string;
  /** Every actor the correction touched (for corrections(actorId)). */
  actorIds: string[];
  payload: string;
  by: string;
}

const correctionProjection = 'c { .id, .action, .actorId, .payload, .by, .at }';

/** `aliases` as the ` | `-joined aliasText that the actor_names full-text index reads (as the store writes it). */
function aliasText(list: string): string {
  return `reduce(acc = '', x IN ${list} | acc + CASE WHEN acc = '' THEN '' ELSE ' | ' END + x)`;
}

/** The sorted, distinct aliases from a list expression, leaving out the actor's name (the store's rule). */
function sortedAliases(list: string, name: string): string {
  return `COLLECT { UNWIND ${list} AS alias WITH alias WHERE alias IS NOT NULL AND alias <> ${name} RETURN DISTINCT alias ORDER BY alias }`;
}

function recordCorrection(actorVar: string): string {
  return (
    'MERGE (c:Correction {id: $correction.id})\n' +
    'ON CREATE SET c.action = $correction.action, c.actorId = $correction.actorId, c.actorIds = $correction.actorIds,\n' +
    '  c.payload = $correction.payload, c.by = $correction.by, c.at = datetime()\n' +
    `RETURN ${actorProjection(actorVar)} AS actor, ${correctionProjection} AS correction`
  );
}

export function buildCorrectionsQuery(
  actorId: string | null,
  offset: number,
  limit: number,
  withTotal: boolean,
): CypherQuery {
  const match = `MATCH (c:Correction)${actorId ? ' WHERE $actorId IN coalesce(c.actorIds, [c.actorId])' : ''}`;
  const total = withTotal ? `CALL () {\n${match}\nRETURN count(c) AS totalCount\n}\n` : '';
  return {
    cypher:
      `${total}CALL () {\n${match}\nWITH c ORDER BY c.at DESC, c.id DESC SKIP $offset LIMIT $limit\n` +
      `RETURN collect(${correctionProjection}) AS rows\n}\nRETURN rows, ${withTotal ? 'totalCount' : 'null AS totalCount'}`,
    params: { actorId, offset, limit },
  };
}

/** The actors a correction names, with their tombstone state (for validation before writing). */
export function buildActorStatesQuery(ids: string[]): CypherQuery {
  return {
    cypher:
      'UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.mergedInto AS mergedInto',
    params: { ids },
  };
}

export function buildAddAliasQuery(actorId: string, alias: string, correction: CorrectionRecord): CypherQuery {
  return {
    cypher:
      'MATCH (a:Actor {id: $actorId})\n' +
      `WITH a, ${sortedAliases('coalesce(a.aliases, []) + [$alias]', 'a.name')} AS aliases\n` +
      `SET a.aliases = aliases, a.aliasText = ${aliasText('aliases')}\n` +
      `WITH a\n${recordCorrection('a')}`,
    params: { actorId, alias, correction },
  };
}

/**
 * Renames an actor; the previous name is kept as an alias so searches for it still find the actor, and
 * `nameLocked` tells the store's ingest to keep this name whatever later articles call the actor.
 */
export function buildRenameActorQuery(actorId: string, name: string, correction: CorrectionRecord): CypherQuery {
  return {
    cypher:
      'MATCH (a:Actor {id: $actorId})\n' +
      `WITH a, ${sortedAliases('coalesce(a.aliases, []) + [a.name]', '$name')} AS aliases\n` +
      `SET a.name = $name, a.nameLocked = true, a.aliases = aliases, a.aliasText = ${aliasText('aliases')}\n` +
      `WITH a\n${recordCorrection('a')}`,
    params: { actorId, name, correction },
  };
}

const AFFILIATIONS = ['REPRESENTS', 'PART_OF', 'MEMBER_OF'] as const;

/**
 * Moves events, mentions, affiliations and aliases of mergeIds onto keepId and marks the merged actors
 * as tombstones (mergedInto). Returns the network keys (source, relation, target) the moved events
 * counted in before the move, for the store's network refresh.
 */
export function buildMergeMoveQuery(keepId: string, mergeIds: string[]): CypherQuery {
  const moves = [
    'CALL (k, m) { MATCH (e:Event)-[r:SOURCE]->(m) DELETE r MERGE (e)-[:SOURCE]->(k) SET e.sourceId = k.id }',
    'CALL (k, m) { MATCH (e:Event)-[r:TARGET]->(m) DELETE r MERGE (e)-[:TARGET]->(k) SET e.targetId = k.id }',
    'CALL (k, m) { MATCH (x:Article)-[r:MENTIONS]->(m) DELETE r MERGE (x)-[:MENTIONS]->(k) }',
    ...AFFILIATIONS.flatMap((type) => [
      `CALL (k, m) { MATCH (m)-[r:${type}]->(x:Actor) DELETE r WITH k, x WHERE x <> k MERGE (k)-[:${type}]->(x) }`,
      `CALL (k, m) { MATCH (m)<-[r:${type}]-(x:Actor) DELETE r WITH k, x WHERE x <> k MERGE (k)<-[:${type}]-(x) }`,
    ]),
    // Earlier tombstones of m now point at k, so redirects never chain.
    'CALL (k, m) { MATCH (old:Actor {mergedInto: m.id}) SET old.mergedInto = k.id }',
  ];
  return {
    cypher: [
      'MATCH (k:Actor {id: $keepId})',
      'UNWIND $mergeIds AS mid',
      'MATCH (m:Actor {id: mid}) WHERE m <> k',
      'CALL (m) { MATCH (m)<-[:SOURCE|TARGET]-(e:Event) RETURN collect(DISTINCT { source: e.sourceId, relation: e.relation, target: e.targetId }) AS keys }',
      ...moves,
      'SET m.mergedInto = k.id',
      'WITH k, collect(m) AS ms, collect(keys) AS keyLists',
      'WITH k, keyLists, reduce(acc = coalesce(k.aliases, []), m IN ms | acc + [m.name] + coalesce(m.aliases, [])) AS all',
      `WITH k, keyLists, ${sortedAliases('all', 'k.name')} AS aliases`,
      `SET k.aliases = aliases, k.aliasText = ${aliasText('aliases')}`,
      'RETURN k.id AS id, reduce(acc = [], l IN keyLists | acc + l) AS keys',
    ].join('\n'),
    params: { keepId, mergeIds },
  };
}

/** Records a correction that an earlier statement of the same transaction carried out. */
export function buildRecordCorrectionQuery(actorId: string, correction: CorrectionRecord): CypherQuery {
  return { cypher: `MATCH (a:Actor {id: $actorId})\n${recordCorrection('a')}`, params: { actorId, correction } };
}
