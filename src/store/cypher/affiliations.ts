/** Cypher for affiliations: officials REPRESENT a country or agency, agencies are PART_OF a country, countries are MEMBER_OF alliances. */
import type { AffiliationRow } from '../prepare.ts';
import type { CypherQuery } from '../runner.ts';

/**
 * REPRESENTS and PART_OF in one statement, only between actors that exist and have the right labels;
 * the existence check reads from the (sparse) official or agency side, so known ones cost little.
 * Returns the actors given a new affiliation (their principal may have changed).
 */
export function buildWriteAffiliations(rows: AffiliationRow[]): CypherQuery[] {
  if (rows.length === 0) return [];
  return [
    {
      cypher: `UNWIND $rows AS row
MATCH (a:Actor {id: row.from})
MATCH (b:Actor {id: row.to})
WITH a, b, row WHERE NOT EXISTS { (a)-[:REPRESENTS|PART_OF]->(b) }
FOREACH (_ IN CASE WHEN row.type = 'REPRESENTS' AND a:Official AND (b:Country OR b:Agency) THEN [1] ELSE [] END | MERGE (a)-[:REPRESENTS]->(b))
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' AND a:Agency AND b:Country THEN [1] ELSE [] END | MERGE (a)-[:PART_OF]->(b))
RETURN DISTINCT a.id AS from`,
      params: { rows: rows.map(({ from, to, type }) => ({ from, to, type })) },
    },
  ];
}

export interface MembershipRow {
  country: string;
  alliance: string;
}

/**
 * MEMBER_OF between a country and an alliance when both are in the graph. Written for the countries
 * and alliances a transaction creates; the singleton `(:StoreLock {name: 'memberships'})` makes such
 * transactions take turns, so of two that create the two sides at once, the later sees the other.
 */
export function buildWriteMemberships(rows: MembershipRow[]): CypherQuery {
  return {
    cypher: `MERGE (lock:StoreLock {name: 'memberships'})
SET lock._lock = true
REMOVE lock._lock
WITH lock
UNWIND $rows AS row
MATCH (c:Actor {id: row.country}) WHERE c:Country
MATCH (a:Actor {id: row.alliance}) WHERE a:Alliance
MERGE (c)-[:MEMBER_OF]->(a)`,
    params: { rows },
  };
}
