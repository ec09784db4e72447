/**
 * Ingest reads CoreNLP's parse (issue 13), against the run's real Neo4j and real CoreNLP: an article stored
 * through the GraphQL mutation or `diplograph ingest` carries events read on the dependency graph; with the
 * engine pointed at a closed port the article fails with NLP_UNAVAILABLE and nothing of it is written, while
 * what was stored before stays as it was; CORENLP_URL=none stores without a parse and says so once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { CoreNlpClient } from '../../src/nlp/client.ts';
import { checkConsistency } from '../../src/store/consistency.ts';
import { createTestApi } from '../fixtures/api/harness.ts';
import { dumpGraph } from '../fixtures/store/graph.ts';
import { testCoreNlpUrl, testParser } from '../support/corenlp.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

const graph = useTestGraph();
const tmp = mkdtempSync(join(tmpdir(), 'diplograph-ingest-engine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A local port nothing listens on: bound, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let deadUrl = '';
beforeAll(async () => {
  deadUrl = `http://127.0.0.1:${await closedPort()}`;
});

const seedText = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');
// The Reuters report of the same affair (test/gold/dev), a second article to send while the engine is down.
const reutersText = readFileSync(
  new URL('../../test/gold/dev/articles/reuters-2021-07-20-china-dismisses-hacking-accusation.txt', import.meta.url),
  'utf8',
);

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status warnings article { id } events { relation } } }`;

/** What the graph holds of one article: the article node and its events. */
async function stored(driver: Driver, id: string): Promise<{ articles: number; events: number; graphEvents: number }> {
  const db = testTarget().database;
  const q = (cypher: string) =>
    driver.executeQuery(cypher, { id }, { database: db }).then((r) => Number(r.records[0]!.get(0)));
  return {
    articles: await q('MATCH (a:Article {id: $id}) RETURN count(a)'),
    events: await q('MATCH (e:Event {articleId: $id}) RETURN count(e)'),
    graphEvents: await q('MATCH (e:Event {articleId: $id}) WHERE e.rule STARTS WITH "graph:" RETURN count(e)'),
  };
}

function runIngest(args: string[], corenlpUrl: string): Promise<{ code: number | null; stderr: string }> {
  const t = testTarget();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/diplograph.js', 'ingest', '--workers', '1', ...args], {
      env: {
        ...process.env,
        NEO4J_URI: t.uri,
        NEO4J_USER: t.user,
        NEO4J_PASSWORD: t.password,
        NEO4J_DATABASE: t.database ?? '',
        CORENLP_URL: corenlpUrl,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('ingestArticle with the engine', () => {
  it('stores the article with events read on the dependency graph', async () => {
    const api = createTestApi(graph(), testTarget().database, {}, testParser());
    const r = (
      await api.ok(INGEST, { input: { id: 'engine-up', text: seedText, outlet: 'Dawn', publishedAt: '2021-07-21' } })
    ).ingestArticle;
    expect(r.status).toBe('CREATED');
    expect(r.warnings.some((w: string) => w.startsWith('NO_PARSE'))).toBe(false);
    const s = await stored(graph(), 'engine-up');
    expect(s.articles).toBe(1);
    expect(s.events).toBeGreaterThan(0);
    expect(s.graphEvents).toBeGreaterThan(0);
  });

  it('refuses the article with NLP_UNAVAILABLE when the engine cannot be reached, writing nothing of it', async () => {
    const before = await dumpGraph(graph());
    const dead = new ArticleParser(new CoreNlpClient({ servers: [{ url: deadUrl }] }));
    const api = createTestApi(graph(), testTarget().database, {}, dead);
    const r = await api.gql(INGEST, { input: { id: 'engine-down', text: reutersText, publishedAt: '2021-07-20' } });
    expect(r.status).toBe(503);
    expect(r.data?.ingestArticle ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('NLP_UNAVAILABLE');
    // The engine's address is for the log, not for the client.
    expect(JSON.stringify(r.errors)).not.toContain(deadUrl);
    expect(api.logs.join('\n')).toContain('NLP_UNAVAILABLE');
    expect(await stored(graph(), 'engine-down')).toEqual({ articles: 0, events: 0, graphEvents: 0 });
    expect(await dumpGraph(graph())).toEqual(before);
    expect((await stored(graph(), 'engine-up')).events).toBeGreaterThan(0);
    expect(await checkConsistency(graph(), testTarget().database)).toEqual([]);
  });
});

describe('diplograph ingest with the engine', () => {
  it('stores files with events read on the dependency graph', async () => {
    const file = join(tmp, 'cli-up.json');
    writeFileSync(file, JSON.stringify({ id: 'cli-up', text: reutersText, publishedAt: '2021-07-20' }));
    const r = await runIngest([file], testCoreNlpUrl());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ingested 1 of 1 article .*: 1 new/);
    const s = await stored(graph(), 'cli-up');
    expect(s.articles).toBe(1);
    expect(s.graphEvents).toBeGreaterThan(0);
  });

  it('fails every article with NLP_UNAVAILABLE when CORENLP_URL names a dead server, and stores none of them', async () => {
    const before = await dumpGraph(graph());
    const a = join(tmp, 'down-a.json');
    const b = join(tmp, 'down-b.json');
    writeFileSync(
      a,
      JSON.stringify({ id: 'cli-down-a', text: 'Britain condemned China on Tuesday.', publishedAt: '2024-05-01' }),
    );
    writeFileSync(
      b,
      JSON.stringify({ id: 'cli-down-b', text: seedText.replace('Beijing', 'Peking'), publishedAt: '2021-07-21' }),
    );
    const r = await runIngest([a, b], deadUrl);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`failed: ${a}: NLP_UNAVAILABLE: `);
    expect(r.stderr).toContain(`failed: ${b}: NLP_UNAVAILABLE: `);
    expect(r.stderr).toMatch(/ingested 0 of 2 articles .*: 0 new, 0 duplicate, 0 updated, 2 failed/);
    for (const id of ['cli-down-a', 'cli-down-b'])
      expect(await stored(graph(), id)).toEqual({ articles: 0, events: 0, graphEvents: 0 });
    expect(await dumpGraph(graph())).toEqual(before);
  });

  it('with CORENLP_URL=none stores without a parse and says so once', async () => {
    const a = join(tmp, 'none-a.json');
    const b = join(tmp, 'none-b.json');
    writeFileSync(
      a,
      JSON.stringify({ id: 'none-a', text: 'Britain condemned China on Tuesday.', publishedAt: '2024-05-01' }),
    );
    writeFileSync(
      b,
      JSON.stringify({ id: 'none-b', text: 'Japan criticised Russia on Monday.', publishedAt: '2024-05-01' }),
    );
    const r = await runIngest([a, b], 'none');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/warning: NO_PARSE: CORENLP_URL=none/g)).toHaveLength(1);
    for (const id of ['none-a', 'none-b']) {
      const s = await stored(graph(), id);
      expect(s.events).toBeGreaterThan(0);
      expect(s.graphEvents).toBe(0);
    }
  });
});
