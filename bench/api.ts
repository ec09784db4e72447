/**
 * `npm run bench:api`: seeds a Neo4j of its own (.diplograph/bench-api-neo4j, bolt 27787 / http 27774,
 * never the developer's data) with >= 10,000 articles made from the gold and seed articles (varied ids,
 * dates and countries), serves the graph twice on 127.0.0.1 — diplograph's API and @neo4j/graphql —
 * and drives five analyst queries at each with autocannon for a fixed time, printing req/s, p50, p99
 * (means of alternating rounds, after a warm-up of every query on both) and the latency ratio. Options: --articles N (10000), --duration S (10), --connections C (CPUs),
 * --reseed (rebuild the corpus even if present), --keep (leave the bench Neo4j running), --only TEXT (just the
 * queries whose name contains TEXT).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import { createYoga as createPlainYoga } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { COUNTRIES } from '../src/ingest/countries.ts';
import { createYoga } from '../src/api/yoga.ts';
import { ArticleParser } from '../src/ingest/article-parser.ts';
import { loadConfig } from '../src/config.ts';
import { extract } from '../src/ingest/extract.ts';
import type { ExtractionResult } from '../src/ingest/types.ts';
import { createDriver } from '../src/store/driver.ts';
import { ingestExtractions } from '../src/store/ingest.ts';
import { defaultLocalOptions, startLocalNeo4j } from '../src/store/local-neo4j.ts';
import { migrate } from '../src/store/schema.ts';
import { wipeGraph } from '../src/store/wipe.ts';
import { loadGoldInputs } from '../test/fixtures/api/gold-inputs.ts';
import { RELATION_NAMES } from '../src/ontology.ts';
import { seededRandom } from '../src/util/random.ts';

const { values: opts } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: String(availableParallelism()) },
    reseed: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const ARTICLES = Number(opts.articles);
const DURATION = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const log = (line: string): void => console.error(`[bench:api] ${line}`);

// ---------------------------------------------------------------- corpus

const POOL = COUNTRIES.filter((c) => c.independent).map((c) => ({
  id: `country:${c.cca3}`,
  code: c.cca3,
  name: c.name.common,
}));
const DAY = 86_400_000;
const START = Date.UTC(2015, 0, 1);
const SPAN_DAYS = 11 * 365;

function shiftDate(date: string | null, deltaDays: number): string | null {
  if (!date) return null;
  return new Date(Date.parse(`${date}T00:00:00Z`) + deltaDays * DAY).toISOString().slice(0, 10);
}

/** Variant k of a base extraction: new ids and hash, dates moved, about half of the countries swapped. */
function variant(base: ExtractionResult, k: number, rand: () => number): ExtractionResult {
  const id = `bench-${k}-${base.id}`;
  const baseDate = base.article.publishedAt ?? base.events.find((e) => e.date)?.date ?? '2020-01-01';
  const newDate = new Date(START + Math.floor(rand() * SPAN_DAYS) * DAY).toISOString().slice(0, 10);
  const delta = Math.round((Date.parse(newDate) - Date.parse(baseDate)) / DAY);
  const swap = new Map<string, (typeof POOL)[number]>();
  if (rand() < 0.5) {
    for (const a of base.actors)
      if (a.kind === 'COUNTRY' && rand() < 0.7) swap.set(a.id, POOL[Math.floor(rand() * POOL.length)]!);
  }
  const to = (actorId: string): string => swap.get(actorId)?.id ?? actorId;
  const actors = new Map<string, ExtractionResult['actors'][number]>();
  for (const a of base.actors) {
    const s = swap.get(a.id);
    const next = s
      ? { ...a, id: s.id, name: s.name, country: s.code, aliases: [] }
      : { ...a, affiliation: a.affiliation ? to(a.affiliation) : (a.affiliation ?? null) };
    if (!actors.has(next.id)) actors.set(next.id, next);
  }
  const events = base.events
    .map((e) => ({
      ...e,
      id: createHash('sha256').update(`${id}|${e.id}`).digest('hex').slice(0, 16),
      source: to(e.source),
      target: to(e.target),
      date: shiftDate(e.date, delta),
    }))
    // An event whose actor the extraction does not list would be refused by the store: left out.
    .filter((e) => e.source !== e.target && actors.has(e.source) && actors.has(e.target));
  return {
    ...base,
    id,
    article: {
      ...base.article,
      url: null,
      publishedAt: newDate,
      contentHash: createHash('sha256').update(id).digest('hex'),
    },
    actors: [...actors.values()],
    events,
  };
}

function buildCorpus(n: number): ExtractionResult[] {
  const bases = loadGoldInputs()
    .map((input) => extract(input))
    .filter((r) => r.events.length > 0);
  if (bases.length === 0) throw new Error('bench:api: the extractor found no events in the gold articles');
  const rand = seededRandom(20210719);
  return Array.from({ length: n }, (_, k) => variant(bases[k % bases.length]!, k, rand));
}

async function countBenchArticles(driver: Driver): Promise<number> {
  const { records } = await driver.executeQuery(
    "MATCH (a:Article) WHERE a.id STARTS WITH 'bench-' RETURN count(a) AS n",
    {},
    { routing: 'READ' },
  );
  return Number(records[0]?.get('n') ?? 0);
}

async function seed(driver: Driver): Promise<void> {
  const have = await countBenchArticles(driver);
  if (have >= ARTICLES && !opts.reseed) {
    log(`corpus present: ${have} articles`);
    return;
  }
  log('wiping the bench database …');
  await wipeGraph(driver);
  const t0 = performance.now();
  const corpus = buildCorpus(ARTICLES);
  log(
    `built ${corpus.length} articles (${corpus.reduce((n, r) => n + r.events.length, 0)} events) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ingesting …`,
  );
  const t1 = performance.now();
  let done = 0;
  for (let i = 0; i < corpus.length; i += 1000) {
    const summary = await ingestExtractions(driver, corpus.slice(i, i + 1000), { batchSize: 250 });
    if (summary.failed > 0)
      throw new Error(
        `bench:api: ${summary.failed} articles failed: ${JSON.stringify(summary.results.find((r) => r.error)?.error)}`,
      );
    done += summary.results.length;
    log(`  ${done}/${corpus.length}`);
  }
  log(`ingested in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- @neo4j/graphql

/**
 * The comparison server: the same graph served by @neo4j/graphql (7.x, the
 * major that runs on Node 20), with the closest equivalent of each analyst query that library offers:
 * generated filters and sorting where it has them, @cypher fields where it has none (network
 * neighbours, shortest path, monthly buckets).
 */

const NETWORK = RELATION_NAMES.join('|');

/**
 * diplograph's network(actorIds: [X], depth: 2, limit: 100) written as one plain Cypher statement, the way
 * an @neo4j/graphql user would put it in a @cypher field: the seed; level 1, its network neighbours by
 * summed count (either direction), heaviest first (ties by id), as many as fit in limit; level 2 (only
 * if room is left), the neighbours of level 1 the same way; then the network relationships among the
 * kept actors, the heaviest maxEdges (ties by source, relation, target), with count, firstDate, lastDate
 * and meanScore; truncated when an actor or edge was left out. Same nodes, edges and truncated as ours.
 */
const NETWORK_CYPHER = `
MATCH (seed:Actor {id: $actorId})
CALL (seed) {
  MATCH (seed)-[r:${NETWORK}]-(n) WHERE n <> seed
  WITH n, sum(r.count) AS w ORDER BY w DESC, n.id
  RETURN collect(n) AS l1
}
WITH [seed] + l1[..$limit - 1] AS kept1, l1[..$limit - 1] AS frontier, size(l1) > $limit - 1 AS more1
CALL (kept1, frontier) {
  UNWIND CASE WHEN size(kept1) < $limit THEN frontier ELSE [] END AS f
  MATCH (f)-[r:${NETWORK}]-(n) WHERE n <> f AND NOT n IN kept1
  WITH n, sum(r.count) AS w ORDER BY w DESC, n.id
  RETURN collect(n) AS l2
}
WITH kept1 + l2[..$limit - size(kept1)] AS kept,
  more1 OR size(l2) > $limit - size(kept1) OR (size(kept1) >= $limit AND size(frontier) > 0) AS more
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r:${NETWORK}]->(b) WHERE b IN kept AND b <> a
  WITH a.id AS source, type(r) AS relation, b.id AS target, r.count AS count, r
  ORDER BY count DESC, source, relation, target LIMIT $maxEdges + 1
  RETURN collect({ source: source, relation: relation, target: target, count: count, firstDate: r.firstDate, lastDate: r.lastDate, meanScore: r.meanScore }) AS edges
}
RETURN { nodes: [k IN kept | k { .id, .name, .kind, .country }], edges: edges[..$maxEdges], truncated: more OR size(edges) > $maxEdges } AS result
`;
const NETWORK_DOC = 'The depth-2 network around actorId, as diplograph computes it (see NETWORK_CYPHER).';

const neo4jGraphqlTypeDefs = /* GraphQL */ `
  type Actor @node @fulltext(indexes: [{ indexName: "actor_names", queryName: "actorSearch", fields: ["name", "aliasText"] }]) {
    id: ID!
    name: String!
    kind: String!
    country: String
    aliasText: String
    "Network neighbours (any relation, either direction), the busiest first."
    neighbours(limit: Int = 10): [Actor!]!
      @cypher(
        statement: "MATCH (this)-[r:${NETWORK}]-(n:Actor) WITH n, sum(r.count) AS w ORDER BY w DESC LIMIT $limit RETURN n"
        columnName: "n"
      )
  }

  type Article @node {
    id: ID!
    title: String
    outlet: String
    url: String
    publishedAt: Date
  }

  type Event @node {
    id: ID!
    relation: String!
    date: Date
    score: Float
    sentence: String
    source: [Actor!]! @relationship(type: "SOURCE", direction: OUT)
    target: [Actor!]! @relationship(type: "TARGET", direction: OUT)
    article: [Article!]! @relationship(type: "REPORTED_IN", direction: OUT)
  }

  type NetworkActor {
    id: ID!
    name: String!
    kind: String!
    country: String
  }

  type NetworkEdge {
    source: ID!
    relation: String!
    target: ID!
    count: Int!
    firstDate: Date
    lastDate: Date
    meanScore: Float
  }

  type NetworkResult {
    nodes: [NetworkActor!]!
    edges: [NetworkEdge!]!
    truncated: Boolean!
  }

  type MonthBucket {
    start: Date!
    count: Int!
    meanScore: Float
  }

  type Query {
    "${NETWORK_DOC}"
    network(actorId: ID!, limit: Int = 100, maxEdges: Int = 500): NetworkResult!
      @cypher(statement: """${NETWORK_CYPHER}""", columnName: "result")
    shortestPath(from: ID!, to: ID!): [Actor!]!
      @cypher(
        statement: "MATCH (a:Actor {id: $from}), (b:Actor {id: $to}) MATCH p = shortestPath((a)-[:${NETWORK}*..4]-(b)) UNWIND nodes(p) AS n RETURN n"
        columnName: "n"
      )
    monthly(actor: ID!): [MonthBucket!]!
      @cypher(
        statement: "MATCH (:Actor {id: $actor})<-[:SOURCE|TARGET]-(e:Event) WHERE e.date IS NOT NULL AND e.negated = false AND e.hypothetical = false WITH DISTINCT e WITH date.truncate('month', e.date) AS start, e WITH start, count(e) AS count, avg(e.score) AS meanScore ORDER BY start RETURN { start: start, count: count, meanScore: meanScore } AS b"
        columnName: "b"
      )
  }
`;

async function buildNeo4jGraphqlSchema(driver: Driver): Promise<GraphQLSchema> {
  return new Neo4jGraphQL({ typeDefs: neo4jGraphqlTypeDefs, driver }).getSchema();
}

// ---------------------------------------------------------------- servers and queries

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

interface BenchQuery {
  name: string;
  ours: string;
  theirs: string;
  /** What each side computes (printed with the table). */
  what: string;
  /** Both sides answer the same data (checked before the run: the bench stops if they differ). */
  same?: boolean;
}

const QUERIES: BenchQuery[] = [
  {
    name: 'actor search',
    ours: '{ actors(search: "Russ", first: 10) { nodes { id name kind country } } }',
    theirs: '{ actorSearch(phrase: "russ*", first: 10) { edges { node { id name kind country } } } }',
    what: 'both: 10 actors matching "Russ" by the actor_names fulltext index (ours ranks and pages its own way)',
  },
  {
    name: 'accusers of CHN 2019-2021 + evidence',
    ours: '{ events(filter: { target: "country:CHN", relations: [ACCUSES], from: "2019-01-01", to: "2021-12-31" }, first: 20) { nodes { date source { id name } evidence { sentence article { title outlet publishedAt } } } } }',
    theirs:
      '{ events(where: { relation: { eq: "ACCUSES" }, date: { gte: "2019-01-01", lte: "2021-12-31" }, target: { some: { id: { eq: "country:CHN" } } } }, sort: [{ date: DESC }], limit: 20) { date sentence source { id name } article { title outlet publishedAt } } }',
    what: 'both: 20 ACCUSES events against CHN in 2019-2021, newest first, with source and article (ours: evidence via the events page)',
  },
  {
    name: 'network depth 2 around GBR',
    // measure: REPORTS, the comparison server's weight (ours defaults to incidents).
    ours: '{ network(actorIds: ["country:GBR"], depth: 2, limit: 100, measure: REPORTS) { nodes { id name kind country } edges { source relation target count firstDate lastDate meanScore } truncated } }',
    theirs:
      '{ network(actorId: "country:GBR", limit: 100, maxEdges: 500) { nodes { id name kind country } edges { source relation target count firstDate lastDate meanScore } truncated } }',
    what:
      'both: up to 100 actors (GBR, then its neighbours by summed count, then theirs) and the 500 heaviest network edges among them with count, firstDate, lastDate, meanScore, and truncated; ' +
      'ours: Query.network (Cypher built by src/api/cypher/network.ts); @neo4j/graphql: a @cypher Query.network with the same computation as one plain statement',
    same: true,
  },
  {
    name: 'path GBR to IRN',
    ours: '{ paths(from: "country:GBR", to: "country:IRN", maxHops: 4) { length hops { source { id name } target { id name } relation count } } }',
    theirs: '{ shortestPath(from: "country:GBR", to: "country:IRN") { id name } }',
    what: 'ours: up to 10 shortest paths (4 hops at most) with relation and count per hop; @neo4j/graphql: the actors of one shortest path',
  },
  {
    name: 'monthly timeline of USA',
    ours: '{ timeline(actor: "country:USA", granularity: MONTH, measure: REPORTS) { start count meanScore } }',
    theirs: '{ monthly(actor: "country:USA") { start count meanScore } }',
    what: 'both: events of USA (source or target, not negated or hypothetical) per month with count and mean score',
  },
];

async function answer(url: string, query: string): Promise<{ data: unknown; bytes: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (body.errors?.length)
    throw new Error(`bench:api: ${url} answered errors for ${query}: ${JSON.stringify(body.errors)}`);
  return { data: body.data, bytes: text.length };
}

async function check(url: string, query: string): Promise<string> {
  const { data, bytes } = await answer(url, query);
  return `${JSON.stringify(data).slice(0, 100)} (${(bytes / 1024).toFixed(1)} KB)`;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function driveOnce(url: string, query: string, seconds: number): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Both servers in turn, ROUNDS times DURATION/ROUNDS seconds each (ours, theirs, ours, theirs …), so
 * a change in the machine's load hits both alike; the figures are the means of the rounds.
 */
const ROUNDS = 2;

/**
 * Warm-up of every query on both servers before anything is measured: a few requests (plans cached,
 * pages in memory), then WARMUP_SECONDS of load each, not counted, so both JITs (V8's, the JVM's) have
 * compiled the hot paths under the concurrency the measurement uses and the first query measured is
 * not measured on a colder server than the last.
 */
const WARMUP_SECONDS = 2;

async function warmUp(ours: string, theirs: string, queries: BenchQuery[]): Promise<void> {
  for (const q of queries) {
    for (let i = 0; i < 20; i += 1) {
      await check(ours, q.ours);
      await check(theirs, q.theirs);
    }
    await driveOnce(ours, q.ours, WARMUP_SECONDS);
    await driveOnce(theirs, q.theirs, WARMUP_SECONDS);
  }
}

async function driveBoth(
  ours: string,
  oursQuery: string,
  theirs: string,
  theirsQuery: string,
): Promise<[Measured, Measured]> {
  const runs: [Measured[], Measured[]] = [[], []];
  for (let r = 0; r < ROUNDS; r += 1) {
    runs[0].push(await driveOnce(ours, oursQuery, DURATION / ROUNDS));
    runs[1].push(await driveOnce(theirs, theirsQuery, DURATION / ROUNDS));
  }
  const mean = (ms: Measured[]): Measured => ({
    rps: ms.reduce((n, m) => n + m.rps, 0) / ms.length,
    p50: ms.reduce((n, m) => n + m.p50, 0) / ms.length,
    p99: ms.reduce((n, m) => n + m.p99, 0) / ms.length,
    non2xx: ms.reduce((n, m) => n + m.non2xx, 0),
    errors: ms.reduce((n, m) => n + m.errors, 0),
  });
  return [mean(runs[0]), mean(runs[1])];
}

async function main(): Promise<void> {
  const local = defaultLocalOptions({
    home: resolve(join('.diplograph', 'bench-api-neo4j')),
    boltPort: 27787,
    httpPort: 27774,
    heap: process.env.DIPLOGRAPH_NEO4J_HEAP ?? '2g',
    pageCache: process.env.DIPLOGRAPH_NEO4J_PAGECACHE ?? '1g',
    log,
  });
  const handle = await startLocalNeo4j(local);
  const driver = createDriver({ uri: handle.uri, user: handle.user, password: handle.password, database: undefined });
  const servers: Server[] = [];
  try {
    await migrate(driver);
    await seed(driver);
    const { records } = await driver.executeQuery(
      'MATCH (a:Article) WITH count(a) AS articles MATCH (e:Event) WITH articles, count(e) AS events MATCH (x:Actor) RETURN articles, events, count(x) AS actors',
    );
    const r = records[0]!;
    log(`graph: ${r.get('articles')} articles, ${r.get('events')} events, ${r.get('actors')} actors`);

    const config = { ...loadConfig({}), apiKey: null };
    // No article is ingested through this server: it needs no engine.
    const ours = await listen(createYoga({ driver, config, parser: new ArticleParser(null), log }));
    const theirsSchema = await buildNeo4jGraphqlSchema(driver);
    const theirs = await listen(
      createPlainYoga({ schema: theirsSchema, graphqlEndpoint: '/graphql', logging: false, context: () => ({}) }),
    );
    servers.push(ours.server, theirs.server);

    const load = (): string =>
      loadavg()
        .map((x) => x.toFixed(1))
        .join(' ');
    console.log(
      `\nbench:api — ${DURATION} s per query and server (${ROUNDS} alternating rounds), ${CONNECTIONS} connections, autocannon on 127.0.0.1`,
    );
    console.log(`machine: ${availableParallelism()} CPUs, load average ${load()} at start\n`);
    const rows: string[][] = [['query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors']];
    const ratios: string[][] = [['query', 'p50 ours/theirs', 'p99 ours/theirs', 'p99 < 50 ms', 'not slower']];
    console.log('what each side computes:');
    for (const q of QUERIES) console.log(`  ${q.name}: ${q.what}`);
    console.log('');
    const chosen = QUERIES.filter((q) => !opts.only || q.name.includes(opts.only));
    if (chosen.length === 0) throw new Error(`bench:api: no query name contains ${JSON.stringify(opts.only)}`);
    log(`warming up: ${chosen.length} queries on both servers, ${WARMUP_SECONDS} s of load each …`);
    await warmUp(ours.url, theirs.url, chosen);
    for (const q of chosen) {
      log(`${q.name}: ours ${await check(ours.url, q.ours)} …`);
      log(`${q.name}: @neo4j/graphql ${await check(theirs.url, q.theirs)} …`);
      if (q.same) {
        const [a, b] = [
          JSON.stringify((await answer(ours.url, q.ours)).data),
          JSON.stringify((await answer(theirs.url, q.theirs)).data),
        ];
        if (a !== b)
          throw new Error(
            `bench:api: ${q.name}: the two servers answer differently:\nours   ${a.slice(0, 2000)}\ntheirs ${b.slice(0, 2000)}`,
          );
        log(`${q.name}: both answers identical (${a.length} bytes of data)`);
      }
      const [a, b] = await driveBoth(ours.url, q.ours, theirs.url, q.theirs);
      for (const [server, m] of [
        ['diplograph', a],
        ['@neo4j/graphql', b],
      ] as const) {
        rows.push([q.name, server, m.rps.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), String(m.non2xx + m.errors)]);
      }
      ratios.push([
        q.name,
        (a.p50 / Math.max(b.p50, 0.5)).toFixed(2),
        (a.p99 / Math.max(b.p99, 0.5)).toFixed(2),
        a.p99 < 50 ? 'yes' : 'NO',
        a.p99 <= b.p99 ? 'yes' : 'NO',
      ]);
    }
    const print = (table: string[][]) => {
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      for (const row of table)
        console.log(
          row.map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
        );
    };
    print(rows);
    console.log('');
    print(ratios);
    console.log(`\nload average at the end: ${load()} (Neo4j, both servers and autocannon share these CPUs)`);
  } finally {
    for (const s of servers) s.close();
    await driver.close();
    if (!opts.keep && handle.startedHere) await handle.stop();
  }
}

await main();
