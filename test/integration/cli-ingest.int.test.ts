/** `diplograph ingest` as a user runs it: missing paths, skipped files, invalid metadata, warnings and an honest summary. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testCoreNlpUrl } from '../support/corenlp.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

const graph = useTestGraph();
const tmp = mkdtempSync(join(tmpdir(), 'diplograph-cli-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runIngest(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const t = testTarget();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/diplograph.js', 'ingest', '--workers', '0', ...args], {
      env: {
        ...process.env,
        NEO4J_URI: t.uri,
        NEO4J_USER: t.user,
        NEO4J_PASSWORD: t.password,
        NEO4J_DATABASE: t.database ?? '',
        CORENLP_URL: testCoreNlpUrl(),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('diplograph ingest', () => {
  it('names each missing path (NOT_FOUND), each skipped file, each invalid article and warning, and counts honestly', async () => {
    const root = join(tmp, 'corpus');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(tmp, 'private.txt'), 'Private: Britain condemned China.\n');
    writeFileSync(join(root, 'good.txt'), 'Britain condemned China on Tuesday.\n');
    writeFileSync(
      join(root, 'quiet.json'),
      JSON.stringify({ id: 'quiet', text: 'The weather in London was mild on Tuesday.', publishedAt: '2024-05-01' }),
    );
    writeFileSync(
      join(root, 'bad-date.json'),
      JSON.stringify({ id: 'bad-date', text: 'Britain condemned China.', publishedAt: '2024-13-45' }),
    );
    writeFileSync(
      join(root, 'huge-id.json'),
      JSON.stringify({ id: 'x'.repeat(8192), text: 'Britain condemned China.' }),
    );
    writeFileSync(join(root, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
    symlinkSync(join(tmp, 'private.txt'), join(root, 'link.txt'));

    const r = await runIngest(['no/such/path', root]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toContain('ENOENT');
    expect(r.stderr).toContain('failed: no/such/path: NOT_FOUND: no/such/path: no such file or folder');
    expect(r.stderr).toContain(`skipped: ${join(root, 'photo.jpg')}: UNSUPPORTED_TYPE`);
    expect(r.stderr).toContain(`skipped: ${join(root, 'link.txt')}: LINK_OUTSIDE`);
    expect(r.stderr).toMatch(
      new RegExp(`failed: ${join(root, 'bad-date.json')}: INVALID_FIELD: .*"publishedAt" must be a date`),
    );
    expect(r.stderr).toMatch(
      new RegExp(`failed: ${join(root, 'huge-id.json')}: INVALID_FIELD: .*"id" is 8192 characters`),
    );
    expect(r.stderr).toContain(`warning: ${join(root, 'quiet.json')}: NO_EVENTS`);
    expect(r.stderr).toMatch(
      /ingested 2 of 5 articles in [\d.]+ s \([\d.]+\/s\): 2 new, 0 duplicate, 0 updated, 3 failed; 2 files skipped;/,
    );

    const { records } = await graph().executeQuery(
      'MATCH (a:Article) RETURN a.id AS id, a.text AS text ORDER BY id',
      {},
      { database: testTarget().database },
    );
    expect(records.map((x) => x.get('id'))).toEqual(['good', 'quiet']);
    expect(records.some((x) => String(x.get('text')).includes('Private'))).toBe(false);
  });

  it('on SIGTERM mid-ingest, says what was committed, and that matches the graph', async () => {
    const t = testTarget();
    const child = spawn(process.execPath, ['bin/diplograph.js', 'ingest', '--workers', '0', '--batch-size', '1', '-'], {
      env: {
        ...process.env,
        NEO4J_URI: t.uri,
        NEO4J_USER: t.user,
        NEO4J_PASSWORD: t.password,
        NEO4J_DATABASE: t.database ?? '',
        CORENLP_URL: 'none',
      },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const stderr = collect(child);
    // Three articles, and stdin left open: the run is mid-ingest, waiting for more.
    for (const n of [1, 2, 3])
      child.stdin!.write(
        `${JSON.stringify({ id: `sig-${n}`, text: `Britain condemned China on Tuesday, report ${n} said.` })}\n`,
      );
    await waitFor(() => /ingest: [1-9]/.test(stderr()), 90_000, stderr);
    // Progress counts with the right plural and a rate that is not rounded to "0/s".
    expect(stderr()).toMatch(/ingest: (1 article|[2-9] articles), (\d+\.\d|[1-9]\d*)\/s, 0 failed/);
    expect(stderr()).not.toContain(' 1 articles');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const m =
      /ingest stopped by SIGTERM: (\d+) articles? committed \((\d+) new, 0 duplicate, 0 updated\), 0 failed; articles not yet committed were not stored/.exec(
        stderr(),
      );
    expect(m, stderr()).not.toBeNull();
    const { records } = await graph().executeQuery(
      "MATCH (a:Article) WHERE a.id STARTS WITH 'sig-' RETURN count(a) AS n",
      {},
      { database: t.database },
    );
    const stored = records[0]!.get('n').toNumber() as number;
    expect(stored).toBeGreaterThan(0);
    expect(Number(m![1])).toBe(stored);
    expect(Number(m![2])).toBe(stored);
  });

  it('while Neo4j does not answer, says that writes are being retried, and finishes once it is back', async () => {
    const t = testTarget();
    const upstream = new URL(t.uri.replace(/^[a-z+]+:/, 'http:'));
    // The CLI reaches Neo4j through this relay; closing it is an outage of the real server, as seen from the CLI.
    const relay = new Relay(upstream.hostname, Number(upstream.port));
    const port = await relay.open(0);
    const child = spawn(process.execPath, ['bin/diplograph.js', 'ingest', '--workers', '0', '--batch-size', '1', '-'], {
      env: {
        ...process.env,
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_USER: t.user,
        NEO4J_PASSWORD: t.password,
        NEO4J_DATABASE: t.database ?? '',
        CORENLP_URL: 'none',
      },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const stderr = collect(child);
    const line = (n: number): string =>
      `${JSON.stringify({ id: `outage-${n}`, text: `France criticised Russia on Friday, a second report (${n}) said.` })}\n`;
    for (const n of [1, 2, 3]) child.stdin!.write(line(n));
    await waitFor(() => /ingest: [1-9]/.test(stderr()), 90_000, stderr);
    await relay.shut();
    for (const n of [4, 5, 6]) child.stdin!.write(line(n));
    child.stdin!.end();
    await waitFor(() => stderr().includes('does not answer'), 60_000, stderr);
    expect(stderr()).toMatch(
      new RegExp(
        `Neo4j at bolt://127\\.0\\.0\\.1:${port} does not answer \\(\\w+\\): writes are being retried \\(\\d+ s since the last batch was committed\\)`,
      ),
    );
    await relay.open(port);
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code, stderr()).toBe(0);
    expect(stderr()).toContain('answers again: writing continues');
    expect(stderr()).toMatch(
      /ingested 6 of 6 articles in [\d.]+ s \([\d.]+\/s\): 6 new, 0 duplicate, 0 updated, 0 failed;/,
    );
    await relay.shut();
  });
});

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return () => text;
}

async function waitFor(ok: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${what()}`);
    await sleep(200);
  }
}

/** A TCP relay to host:port that can be shut (listening stopped, connections cut) and opened again on its port. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  open(port: number): Promise<number> {
    const server = createServer((client) => {
      const up = connect(this.port, this.host);
      for (const s of [client, up]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(up).pipe(client);
    });
    this.server = server;
    return new Promise((resolveOpen) =>
      server.listen(port, '127.0.0.1', () => resolveOpen((server.address() as { port: number }).port)),
    );
  }

  async shut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((r) => server.close(r));
  }
}
