/**
 * What network and paths cost on a graph of realistic density (80 actors, 3,200 events between them):
 * the graph-work limit refuses before any Cypher runs what would exhaust Neo4j's memory, the largest
 * single network allowed answers, and a query Neo4j stops for memory is QUERY_TOO_COSTLY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createExecutor } from '../../src/api/executor.ts';
import { RELATION_NAMES, type RelationName } from '../../src/ontology.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { createTestApi, type TestApi } from '../fixtures/api/harness.ts';
import { makeExtraction } from '../fixtures/api/extractions.ts';
import { testDriver, testTarget, wipeGraph } from '../support/neo4j.ts';

const ACTORS = Array.from({ length: 80 }, (_, i) => ({
  id: `country:D${String(i).padStart(2, '0')}`,
  name: `Denseland ${i}`,
}));

/** 80 articles of 40 events each between random actors, with random relations: every actor meets most others. */
function denseArticles() {
  let state = 7;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
  return Array.from({ length: 80 }, (_, a) => {
    const triples: [string, RelationName, string][] = Array.from({ length: 40 }, () => {
      const s = next(ACTORS.length);
      const t = (s + 1 + next(ACTORS.length - 1)) % ACTORS.length;
      return [ACTORS[s]!.id, RELATION_NAMES[next(RELATION_NAMES.length)]!, ACTORS[t]!.id];
    });
    return makeExtraction(
      `dense-${a}`,
      `2021-${String(1 + (a % 12)).padStart(2, '0')}-${String(1 + (a % 28)).padStart(2, '0')}`,
      ACTORS,
      triples,
    );
  });
}

let driver: Driver;
let api: TestApi;

beforeAll(async () => {
  driver = testDriver();
  await wipeGraph(driver);
  const summary = await ingestExtractions(driver, denseArticles(), { database: testTarget().database, batchSize: 40 });
  expect(summary.new).toBe(80);
  api = createTestApi(driver, testTarget().database);
});

afterAll(async () => {
  await driver?.close();
});

const aliases = (n: number, field: (i: number) => string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

describe('the graph-work limit (depth and limit multiply)', () => {
  it('refuses 15 aliases of network(depth: 3, limit: 1000) with QUERY_TOO_COSTLY before any Cypher runs', async () => {
    api.counter.reset();
    const r = await api.gql(
      aliases(
        15,
        (i) => `network(actorIds: ["${ACTORS[i]!.id}"], depth: 3, limit: 1000) { nodes { id } edges { id count } }`,
      ),
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(r.errors?.[0]?.message).toMatch(/graph work limit of 6000 exceeded: this operation asks for 45000/);
    expect(r.data ?? null).toBeNull();
    expect(api.counter.count).toBe(0);
  });

  it('counts limits given as variables, and paths by their hops', async () => {
    api.counter.reset();
    // Two networks of 1,000 actors three levels deep over a date range: 2 × 3 × 1,000 × 2.
    const network = await api.gql(
      'query ($l: Int!, $from: Date) { a: network(actorIds: ["country:D00"], depth: 3, limit: $l, from: $from) { truncated } b: network(actorIds: ["country:D01"], depth: 3, limit: $l, from: $from) { truncated } }',
      { l: 1000, from: '2021-01-01' },
    );
    expect(network.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    const paths = await api.gql(
      aliases(15, (i) => `paths(from: "${ACTORS[i]!.id}", to: "${ACTORS[i + 1]!.id}", maxHops: 6) { length }`),
    );
    expect(paths.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(api.counter.count).toBe(0);
  });

  it("answers the largest single network the arguments allow, and 15 default ones, within Neo4j's memory", async () => {
    const big = await api.ok(
      '{ network(actorIds: ["country:D00"], depth: 3, limit: 1000) { nodes { id } edges { id count } truncated } }',
    );
    expect(big.network.nodes).toHaveLength(80);
    expect(big.network.edges.length).toBeGreaterThan(1000);
    const dated = await api.ok(
      '{ network(actorIds: ["country:D00"], depth: 2, limit: 998, from: "2021-01-01") { nodes { id } edges { id } } }',
    );
    expect(dated.network.nodes).toHaveLength(80);
    const many = await api.ok(aliases(15, (i) => `network(actorIds: ["${ACTORS[i]!.id}"]) { nodes { id } }`));
    // One level out: each actor's own counterparts, most of the other 79 in this graph.
    const sizes = Object.values(many as Record<string, { nodes: unknown[] }>).map((n) => n.nodes.length);
    expect(sizes).toHaveLength(15);
    expect(Math.min(...sizes)).toBeGreaterThan(20);
  });
});

describe("Neo4j's memory bound", () => {
  it('a read Neo4j stops for memory is QUERY_TOO_COSTLY, not "Unexpected error."', async () => {
    const exec = createExecutor(driver, testTarget().database);
    // About 1.5 GB of strings held at once: over the local server's db.memory.transaction.max (512 MB).
    await expect(
      exec.read({ cypher: 'UNWIND range(1, 30000000) AS x RETURN size(collect(toString(x))) AS n', params: {} }),
    ).rejects.toMatchObject({
      extensions: { code: 'QUERY_TOO_COSTLY' },
      message: expect.stringMatching(/more memory than the graph database allows/),
    });
  });
});
