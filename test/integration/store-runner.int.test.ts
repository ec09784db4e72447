/**
 * The store's runner (src/store/runner.ts) against the real Neo4j: reads run in READ access mode, which
 * is what sends them to followers on a cluster (neo4j://, Aura); on a single server the same mode makes
 * a write slipped into a read fail instead of passing unnoticed.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/api/executor.ts';
import { createRunner } from '../../src/store/runner.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

const WRITE = { cypher: 'CREATE (n:RunnerProbe {at: datetime()}) RETURN n.at AS at', params: {} };
const probes = { cypher: 'MATCH (n:RunnerProbe) RETURN count(n) AS n', params: {} };

describe('store runner', () => {
  const graph = useTestGraph();

  it('runs reads in READ access mode: a read that writes is refused, the same statement as a write passes', async () => {
    const runner = createRunner(graph(), testTarget().database);
    await expect(runner.read(WRITE)).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode' });
    // the API's reads are the store's
    await expect(createExecutor(graph(), testTarget().database).read(WRITE)).rejects.toMatchObject({
      code: 'Neo.ClientError.Statement.AccessMode',
    });
    expect(await runner.read(probes)).toEqual([{ n: 0 }]);
    const [row] = await runner.write(WRITE);
    expect(typeof row!.at).toBe('string'); // driver values come back plain
    expect(await runner.read(probes)).toEqual([{ n: 1 }]);
    await runner.write({ cypher: 'MATCH (n:RunnerProbe) DELETE n', params: {} });
  });

  it('answers SERVICE_UNAVAILABLE, not an internal error, when every connection of the pool is busy', async () => {
    // One connection, held by an open transaction: the next query waits for the pool and gives up.
    const { uri, user, password, database } = testTarget();
    const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
      maxConnectionPoolSize: 1,
      connectionAcquisitionTimeout: 1_000,
    });
    const session = driver.session({ database });
    const held = await session.beginTransaction();
    try {
      await held.run('RETURN 1');
      await expect(createExecutor(driver, database).read(probes)).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
        message: expect.stringMatching(/busy/),
      });
    } finally {
      await held.rollback();
      await session.close();
      await driver.close();
    }
  });
});
