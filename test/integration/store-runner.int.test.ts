/**
 * The store's runner (src/store/runner.ts) against the real Neo4j: reads run in READ access mode, which
 * is what sends them to followers on a cluster (neo4j://, Aura); on a single server the same mode makes
 * a write slipped into a read fail instead of passing unnoticed.
 */
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
});
