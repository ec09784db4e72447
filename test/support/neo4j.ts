/** Helpers for integration tests: a driver for the run's Neo4j and a wipe that keeps the schema. */
import { afterAll, beforeAll, inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/store/driver.ts';

export function testTarget() {
  return inject('neo4j');
}

export function testDriver(): Driver {
  return createDriver(inject('neo4j'));
}

/** Deletes every node but the schema-migration records, in batches. */
export async function wipeGraph(driver: Driver): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit (implicit) transaction: session.run, not executeQuery.
  const session = driver.session({ database: inject('neo4j').database });
  try {
    await session.run('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * For a test file or describe block: a driver to the run's Neo4j, the graph wiped before its tests,
 * the driver closed after them. Call the returned function inside tests and hooks.
 */
export function useTestGraph(): () => Driver {
  let driver: Driver | null = null;
  beforeAll(async () => {
    driver = testDriver();
    await wipeGraph(driver);
  });
  afterAll(async () => {
    await driver?.close();
  });
  return () => {
    if (!driver) throw new Error('useTestGraph: the driver is only there inside tests and hooks');
    return driver;
  };
}
