/**
 * Incidents and exchanges for a graph written before they existed (migration 004): every network key
 * is refreshed — network totals, incidents, response links — in transactions of a few hundred keys,
 * each taking the same locks as ingest, so it may run beside other writers.
 */
import type { Driver } from 'neo4j-driver';
import type { NetworkKey } from './cypher/network.ts';
import { countable, createRunner } from './runner.ts';
import { refreshKeys } from './writer.ts';

export async function backfillDerived(driver: Driver, database?: string, keysPerTransaction = 300): Promise<number> {
  const runner = createRunner(driver, database);
  const rows = await runner.read({
    cypher: `MATCH (e:Event) WHERE ${countable('e')}
     RETURN DISTINCT e.sourceId AS source, e.relation AS relation, e.targetId AS target ORDER BY source, target, relation`,
    params: {},
  });
  const keys = rows as unknown as NetworkKey[];
  for (let i = 0; i < keys.length; i += keysPerTransaction) {
    await runner.transaction((run) => refreshKeys(run, keys.slice(i, i + keysPerTransaction)));
  }
  return keys.length;
}
