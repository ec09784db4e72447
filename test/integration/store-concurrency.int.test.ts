import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../src/store/consistency.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { testTarget, useTestGraph, wipeGraph } from '../support/neo4j.ts';
import { makeCorpus } from '../fixtures/store/extractions.ts';
import { count, dumpGraph } from '../fixtures/store/graph.ts';
import { spawnIngest } from '../fixtures/store/spawn.ts';

describe('store: concurrent ingests leave the graph a sequential ingest leaves', () => {
  const graph = useTestGraph();

  // Two overlapping halves of one corpus: articles 100..199 are in both; every actor is in both.
  const corpus = makeCorpus(300, { prefix: 'conc', seed: 7 });
  const first = corpus.slice(0, 200);
  const second = [...corpus.slice(100, 300)].reverse();

  it('Promise.all of overlapping batches', async () => {
    await wipeGraph(graph());
    await ingestExtractions(graph(), corpus, { batchSize: 50 });
    const sequential = await dumpGraph(graph());
    // the comparison below covers incidents and response links: there are some of both to compare
    expect(await count(graph(), 'MATCH (i:Incident) WHERE i.reports > 1 RETURN count(i)')).toBeGreaterThan(0);
    expect(await count(graph(), 'MATCH ()-[l:RESPONDS_TO]->() RETURN count(l)')).toBeGreaterThan(0);

    await wipeGraph(graph());
    const [a, b] = await Promise.all([
      ingestExtractions(graph(), first, { batchSize: 25 }),
      ingestExtractions(graph(), second, { batchSize: 25 }),
    ]);
    expect(a.failed + b.failed).toBe(0);
    expect(a.new + b.new + a.duplicate + b.duplicate).toBe(400);
    expect(await checkConsistency(graph())).toEqual([]);
    expect(await count(graph(), 'MATCH (a:Article) RETURN count(a)')).toBe(300);
    expect(await count(graph(), 'MATCH (a:Actor) WITH a.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)')).toBe(0);
    expect(await dumpGraph(graph())).toEqual(sequential);
  });

  it('two child processes ingesting overlapping corpora at once', async () => {
    await wipeGraph(graph());
    await ingestExtractions(graph(), makeCorpus(240, { prefix: 'proc', seed: 3 }), { batchSize: 60 });
    const sequential = await dumpGraph(graph());

    await wipeGraph(graph());
    const target = testTarget();
    const one = spawnIngest(target, ['proc', '0', '160', '20', '3']);
    const two = spawnIngest(target, ['proc', '80', '240', '30', '3']);
    const [e1, e2] = await Promise.all([one.exit, two.exit]);
    expect(e1.code, e1.stderr).toBe(0);
    expect(e2.code, e2.stderr).toBe(0);
    expect(await checkConsistency(graph())).toEqual([]);
    expect(await dumpGraph(graph())).toEqual(sequential);
  });
});
