/**
 * Incidents and exchanges for a graph written before they existed (migration 004): every network key
 * is refreshed — network totals, incidents, response links — in transactions of a few hundred keys,
 * each taking the same locks as ingest, so it may run beside other writers.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { NetworkKey } from './cypher/network.ts';
import { refreshNetwork } from './writer.ts';

export async function backfillDerived(driver: Driver, database?: string, keysPerTransaction = 300): Promise<number> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Event) WHERE e.negated = false AND e.hypothetical = false
     RETURN DISTINCT e.sourceId AS source, e.relation AS relation, e.targetId AS target ORDER BY source, target, relation`,
    {},
    { database, routing: neo4j.routing.READ },
  );
  const keys = records.map((r) => r.toObject() as NetworkKey);
  for (let i = 0; i < keys.length; i += keysPerTransaction) {
    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite((tx) => refreshNetwork(tx, keys.slice(i, i + keysPerTransaction)));
    } finally {
      await session.close();
    }
  }
  return keys.length;
}
