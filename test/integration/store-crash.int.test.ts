import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../src/store/consistency.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { testTarget, useTestGraph, wipeGraph } from '../support/neo4j.ts';
import { makeCorpus } from '../fixtures/store/extractions.ts';
import { count, dumpGraph } from '../fixtures/store/graph.ts';
import { spawnIngest } from '../fixtures/store/spawn.ts';

describe('store: an ingest killed with SIGKILL mid-batch', () => {
  const graph = useTestGraph();

  const N = 2500;
  const corpus = makeCorpus(N, { prefix: 'crash', seed: 11 });
  const expected = new Map(corpus.map((r) => [r.id, r.events.map((e) => e.id).sort()]));

  it('leaves no partial article, a consistent network, and a re-run completes it', async () => {
    const child = spawnIngest(testTarget(), ['crash', '0', String(N), '100', '11']);
    await child.batches(3);
    // Kill while a transaction is in flight (batches commit every few hundred milliseconds).
    await new Promise((r) => setTimeout(r, 150));
    child.proc.kill('SIGKILL');
    const exit = await child.exit;
    expect(exit.signal).toBe('SIGKILL');

    const { records } = await graph().executeQuery(
      'MATCH (a:Article) RETURN a.id AS id, COLLECT { MATCH (a)<-[:REPORTED_IN]-(e:Event) RETURN e.id ORDER BY e.id } AS events',
    );
    expect(records.length).toBeGreaterThanOrEqual(300);
    expect(records.length).toBeLessThan(N);
    expect(records.length % 100).toBe(0); // whole batches only
    for (const r of records) expect(r.get('events')).toEqual(expected.get(r.get('id') as string));
    expect(await checkConsistency(graph())).toEqual([]);

    // Running the ingest again finishes the job: the graph is the one an uninterrupted run leaves.
    const rerun = await ingestExtractions(graph(), corpus, { batchSize: 250 });
    expect(rerun.failed).toBe(0);
    expect(rerun.duplicate).toBe(records.length);
    const resumed = await dumpGraph(graph());
    await wipeGraph(graph());
    await ingestExtractions(graph(), corpus, { batchSize: 250 });
    expect(await dumpGraph(graph())).toEqual(resumed);
    expect(await count(graph(), 'MATCH (a:Article) RETURN count(a)')).toBe(N);
    expect(await checkConsistency(graph())).toEqual([]);
  });
});
