/**
 * `diplograph serve` as a user runs it, with the embedded default: its own local Neo4j in a temporary
 * home. Seed ingested, GraphQL answers over HTTP, SIGTERM stops the API and the Neo4j it started, and a
 * second start keeps the data (the seed is a duplicate the second time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { processAlive as alive } from '../../src/util/local-server.ts';

const repo = resolve(import.meta.dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'diplograph-serve-'));
const ports = { bolt: 0, http: 0, corenlp: 0 };

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the service as `node bin/diplograph.js serve`, or as a user does, through `npm start`. */
async function startServe(via: 'node' | 'npm'): Promise<Started> {
  const [cmd, args] =
    via === 'node' ? [process.execPath, [join(repo, 'bin/diplograph.js'), 'serve']] : ['npm', ['start', '--silent']];
  const child = spawn(cmd, args, {
    cwd: repo,
    env: {
      ...process.env,
      NEO4J_URI: '',
      NEO4J_USER: '',
      NEO4J_PASSWORD: '',
      DIPLOGRAPH_HOME: join(home, 'neo4j'),
      DIPLOGRAPH_NEO4J_BOLT_PORT: String(ports.bolt),
      DIPLOGRAPH_NEO4J_HTTP_PORT: String(ports.http),
      DIPLOGRAPH_NEO4J_HEAP: '512m',
      DIPLOGRAPH_NEO4J_PAGECACHE: '256m',
      // Its own local CoreNLP too (not the test run's server): SIGTERM must stop it as well.
      CORENLP_URL: '',
      DIPLOGRAPH_CORENLP_HOME: join(home, 'corenlp'),
      DIPLOGRAPH_CORENLP_PORT: String(ports.corenlp),
      DIPLOGRAPH_CORENLP_HEAP: '2g',
      DIPLOGRAPH_API_KEY: 'serve-test-key-0123456789',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => rejectUrl(new Error(`serve did not come up in time:\n${out}`)), 240_000);
    const check = (): void => {
      const m = /GraphQL API \+ GraphiQL\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return { child, url, output: () => out };
}

async function stopWithSigterm(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
  s.child.kill('SIGTERM');
  return exited;
}

/** Nice value of each thread of a process, by thread name (Linux /proc; field 19 of stat). */
function threadNice(pid: number): { name: string; nice: number }[] {
  const dir = `/proc/${pid}/task`;
  return readdirSync(dir).map((tid) => ({
    name: readFileSync(join(dir, tid, 'comm'), 'utf8').trim(),
    nice: Number(
      readFileSync(join(dir, tid, 'stat'), 'utf8')
        .split(') ')[1]!
        .split(' ')[16],
    ),
  }));
}

function corenlpPid(): number {
  return Number(readFileSync(join(home, 'corenlp', 'run', 'corenlp.pid'), 'utf8').split('\n')[0]);
}

/** Java processes whose command line names this test's CoreNLP home. */
function corenlpJavas(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        return cmd.includes('StanfordCoreNLPServer') && cmd.includes(join(home, 'corenlp'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function neo4jPid(): number {
  return Number(readFileSync(join(home, 'neo4j', 'run', 'neo4j.pid'), 'utf8').split('\n')[0]);
}

async function gql(url: string, query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('diplograph serve with the embedded Neo4j', () => {
  beforeAll(async () => {
    ports.bolt = await freePort();
    ports.http = await freePort();
    ports.corenlp = await freePort();
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('ingests the seed, answers GraphQL, stops Neo4j and CoreNLP on SIGTERM (to the service or to npm), and keeps the data', async () => {
    const first = await startServe('node');
    const pid = neo4jPid();
    expect(alive(pid)).toBe(true);
    const nlpPid = corenlpPid();
    expect(alive(nlpPid)).toBe(true);
    expect(first.output()).toMatch(/CoreNLP\s+local CoreNLP on http:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(`http://127.0.0.1:${ports.corenlp}/ready`)).status).toBe(200);
    // The JIT compiler threads run at a lower priority than the threads serving queries.
    const threads = threadNice(pid);
    const compilers = threads.filter((t) => /^C[12] CompilerThre/.test(t.name));
    expect(compilers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(compilers.map((t) => t.nice))).toEqual(new Set([15]));
    expect(threads.find((t) => t.name.startsWith('neo4j.Bolt'))?.nice).toBe(0);

    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    const ready = await fetch(`${first.url}/ready`);
    expect(ready.status).toBe(200);

    const res = await gql(first.url, '{ actor(id: "country:CHN") { id name kind } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.actor).toMatchObject({ id: 'country:CHN', kind: 'COUNTRY' });
    expect(first.output()).toMatch(/seed .*1 new/);

    expect(await stopWithSigterm(first)).toBe(0);
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(home, 'neo4j', 'run', 'neo4j.pid'))).toBe(false);
    // No Java process is left of the CoreNLP it started.
    expect(alive(nlpPid)).toBe(false);
    expect(corenlpJavas()).toEqual([]);

    // The second time as a user runs it: SIGTERM goes to npm, which does not pass it on; the service
    // notices its parent is gone and shuts down all the same.
    const second = await startServe('npm');
    try {
      expect(second.output()).toMatch(/seed .*1 duplicate/);
      const again = await gql(second.url, '{ actor(id: "country:CHN") { id } }');
      expect(again.data?.actor).toMatchObject({ id: 'country:CHN' });
    } finally {
      const pid2 = neo4jPid();
      const nlpPid2 = corenlpPid();
      await stopWithSigterm(second);
      const deadline = Date.now() + 90_000;
      while ((alive(pid2) || alive(nlpPid2)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect(alive(pid2)).toBe(false);
      expect(alive(nlpPid2)).toBe(false);
      expect(corenlpJavas()).toEqual([]);
    }
  }, 600_000);
});
