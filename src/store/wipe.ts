/**
 * Empties a database but for its schema-migration records (benchmarks and tests; never called by the
 * service). Events go first, then articles, then the rest: an actor named by tens of thousands of
 * events would otherwise take all their relationships into one inner transaction and exceed the
 * transaction memory limit.
 */
import type { Driver } from 'neo4j-driver';

const STEPS = [
  'MATCH (n:Event) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
  'MATCH (n:Article) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
  'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS',
];

export async function wipeGraph(driver: Driver, database?: string): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit (implicit) transaction: session.run, not executeQuery.
  const session = driver.session({ database });
  try {
    for (const step of STEPS) await session.run(step);
  } finally {
    await session.close();
  }
}
