/** End to end: files -> parse (CoreNLP) -> extract() in a worker thread -> batched writes, against the real Neo4j. */
import { describe, expect, it } from 'vitest';
import { loadEvalParses } from '../../src/eval/parses.ts';
import { readInputs } from '../../src/ingest/files.ts';
import { runPipeline } from '../../src/pipeline/pipeline.ts';
import { checkConsistency } from '../../src/store/consistency.ts';
import { summarize } from '../../src/store/ingest.ts';
import { testParser } from '../support/corenlp.ts';
import { useTestGraph } from '../support/neo4j.ts';
import { count } from '../fixtures/store/graph.ts';

describe('store: the ingest pipeline on the gold articles and seed/', () => {
  const graph = useTestGraph();

  it('ingests every article once, consistently; a second run is all duplicates', async () => {
    // The recorded parses of the gold texts spare most requests; the run's CoreNLP parses the rest.
    const parser = testParser({ store: loadEvalParses(false), maxStored: Number.POSITIVE_INFINITY });
    const first = summarize(
      await runPipeline(graph(), readInputs(['test/gold/dev/articles', 'seed']), { parser, batchSize: 7, workers: 1 }),
    );
    expect(first.failed).toBe(0);
    expect(first.new).toBeGreaterThan(10);
    expect(first.events).toBeGreaterThan(0);
    expect(await count(graph(), 'MATCH (a:Article) RETURN count(a)')).toBe(first.new);
    expect(
      await count(
        graph(),
        'MATCH (a:Article {id: "dawn-2021-07-21-china-hack-claims", outlet: "Dawn"}) RETURN count(a)',
      ),
    ).toBe(1);
    expect(await checkConsistency(graph())).toEqual([]);
    // The parses reached the extraction thread: some events were read on the dependency graph.
    expect(await count(graph(), 'MATCH (e:Event) WHERE e.rule STARTS WITH "graph:" RETURN count(e)')).toBeGreaterThan(
      0,
    );

    const again = summarize(
      await runPipeline(graph(), readInputs(['seed', 'test/gold/dev/articles']), { parser, batchSize: 50, workers: 0 }),
    );
    expect(again.duplicate).toBe(first.new);
    expect(again.new + again.updated + again.failed).toBe(0);
  });
});
