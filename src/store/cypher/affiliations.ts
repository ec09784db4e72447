/** Cypher for affiliations: officials REPRESENT a country or agency, agencies are PART_OF a country, countries are MEMBER_OF alliances. */
import type { AffiliationRow } from '../prepare.ts';
import type { CypherQuery } from './query.ts';

/** REPRESENTS and PART_OF, only between actors that exist and have the right labels. */
export function buildWriteAffiliations(rows: AffiliationRow[]): CypherQuery[] {
  const represents = rows.filter((r) => r.type === 'REPRESENTS');
  const partOf = rows.filter((r) => r.type === 'PART_OF');
  const out: CypherQuery[] = [];
  if (represents.length > 0) {
    out.push({
      cypher: `UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) WHERE a:Official
MATCH (b:Actor {id: row.to}) WHERE b:Country OR b:Agency
MERGE (a)-[:REPRESENTS]->(b)`,
      params: { rows: represents.map(({ from, to }) => ({ from, to })) },
    });
  }
  if (partOf.length > 0) {
    out.push({
      cypher: `UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) WHERE a:Agency
MATCH (b:Actor {id: row.to}) WHERE b:Country
MERGE (a)-[:PART_OF]->(b)`,
      params: { rows: partOf.map(({ from, to }) => ({ from, to })) },
    });
  }
  return out;
}

export interface MembershipRow {
  country: string;
  alliance: string;
}

/** MEMBER_OF between a country and an alliance when both are in the graph. */
export function buildWriteMemberships(rows: MembershipRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (c:Actor {id: row.country}) WHERE c:Country
MATCH (a:Actor {id: row.alliance}) WHERE a:Alliance
MERGE (c)-[:MEMBER_OF]->(a)`,
    params: { rows },
  };
}
