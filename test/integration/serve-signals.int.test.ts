/**
 * Stopping the service (issue 14): a request in flight at SIGTERM gets its answer within the drain time
 * (DIPLOGRAPH_DRAIN_MS) and is cut after it; a service started in the background (`… &`, nohup) is not
 * stopped by SIGHUP nor by its shell exiting.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { processAlive as alive } from '../../src/util/local-server.ts';
import { loadConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { startServer } from '../../src/server.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

const repo = resolve(import.meta.dirname, '../..');
const graph = useTestGraph();
mkdirSync(join(repo, '.diplograph', 'scratch'), { recursive: true });
const tmp = mkdtempSync(join(repo, '.diplograph', 'scratch', 'serve-signals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MUTATION = JSON.stringify({
  query: 'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status article { id } } }',
  variables: {
    input: { id: 'in-flight', text: 'Britain condemned China on Tuesday over the arrests.', publishedAt: '2024-05-01' },
  },
});

/** A POST /graphql whose body is sent in two halves: `finish()` sends the rest; `response` settles with the answer or the error. */
function halfSentMutation(url: string) {
  const body = Buffer.from(MUTATION);
  const req = request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': body.length },
  });
  const response = new Promise<{ status: number; body: string }>((resolveRes, rejectRes) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, body: text }));
      res.on('error', rejectRes);
    });
    req.on('error', rejectRes);
  });
  response.catch(() => undefined);
  req.write(body.subarray(0, 40));
  return { response, finish: () => req.end(body.subarray(40)) };
}

async function startApi(drainMs: number) {
  const config = loadConfig({
    PORT: '0',
    DIPLOGRAPH_API_KEY: 'none',
    DIPLOGRAPH_SEED: 'none',
    DIPLOGRAPH_DRAIN_MS: String(drainMs),
  });
  return startServer({ driver: graph(), database: testTarget().database, config, parser: ArticleParser.of(null) });
}

describe('stopping the HTTP server', () => {
  it('lets a mutation in flight finish and answer, while refusing new connections', async () => {
    const api = await startApi(120_000);
    // A first mutation loads the extractor's dictionaries, so that the one in flight below is quick.
    const warm = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: MUTATION.replace('in-flight', 'warm-up').replace('Britain condemned China', 'France criticised Russia'),
    });
    expect(warm.status).toBe(200);
    const inFlight = halfSentMutation(api.url);
    await sleep(300); // the request has reached the server
    let closed = false;
    const closing = api.close().then(() => (closed = true));
    await sleep(1000);
    expect(closed).toBe(false); // still draining
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
    inFlight.finish();
    const res = await inFlight.response;
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      data: { ingestArticle: { status: 'CREATED', article: { id: 'in-flight' } } },
    });
    await closing;
    const { records } = await graph().executeQuery(
      'MATCH (a:Article {id: $id}) RETURN count(a) AS n',
      { id: 'in-flight' },
      { database: testTarget().database },
    );
    expect(records[0]!.get('n').toNumber()).toBe(1);
  }, 300_000);

  it('cuts a request still in flight once the drain time is over', async () => {
    const api = await startApi(1500);
    const stuck = halfSentMutation(api.url);
    await sleep(300);
    const t0 = Date.now();
    await api.close();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(60_000);
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});

describe('the service in the background', () => {
  it('keeps running when its shell exits and on SIGHUP, and stops on SIGTERM', async () => {
    const t = testTarget();
    const log = join(tmp, 'serve.log');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEO4J_URI: t.uri,
      NEO4J_USER: t.user,
      NEO4J_PASSWORD: t.password,
      NEO4J_DATABASE: t.database ?? '',
      CORENLP_URL: 'none',
      DIPLOGRAPH_SEED: 'none',
      DIPLOGRAPH_API_KEY: 'signals-test-key-0123456789',
      PORT: '0',
    };
    delete env.npm_lifecycle_event; // not run by npm: as from a terminal
    // As a user types it: the shell starts the service in the background and exits (the service is reparented).
    const sh = spawn('sh', ['-c', `"${process.execPath}" bin/diplograph.js serve > "${log}" 2>&1 &`], {
      cwd: repo,
      env,
      stdio: 'ignore',
    });
    await new Promise((r) => sh.once('exit', r));
    let out = '';
    const deadline = Date.now() + 120_000;
    while (!out.includes('diplograph is up') && Date.now() < deadline) {
      await sleep(500);
      out = readFileSync(log, 'utf8');
    }
    expect(out).toContain('diplograph is up');
    const pid = Number(/kill -TERM (\d+)/.exec(out)?.[1]);
    const url = /GraphQL API \+ GraphiQL\s+(http:\/\/\S+)\/graphql/
      .exec(out)![1]!
      .replace('//localhost:', '//127.0.0.1:');
    try {
      await sleep(3000); // longer than the parent watch's period
      expect(alive(pid), readFileSync(log, 'utf8')).toBe(true);
      process.kill(pid, 'SIGHUP');
      await sleep(2000);
      expect(alive(pid), readFileSync(log, 'utf8')).toBe(true);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(readFileSync(log, 'utf8')).toContain('SIGHUP ignored (the service stops on SIGINT or SIGTERM)');
      process.kill(pid, 'SIGTERM');
      const stopDeadline = Date.now() + 60_000;
      while (alive(pid) && Date.now() < stopDeadline) await sleep(200);
      expect(alive(pid)).toBe(false);
      expect(readFileSync(log, 'utf8')).toContain('stopped.');
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
