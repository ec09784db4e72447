/** Helpers for integration tests: a driver for the run's Neo4j and a wipe that keeps the schema. */
import { afterAll, beforeAll, inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/store/driver.ts';
import { wipeGraph as wipeDatabase } from '../../src/store/wipe.ts';

export function testTarget() {
  return inject('neo4j');
}

export function testDriver(): Driver {
  return createDriver(inject('neo4j'));
}

/** Deletes every node but the schema-migration records, in batches. */
export async function wipeGraph(driver: Driver): Promise<void> {
  await wipeDatabase(driver, inject('neo4j').database);
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
