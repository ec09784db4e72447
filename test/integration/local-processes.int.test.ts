/**
 * The local Neo4j's process as a user meets it (issue 14): the service's Neo4j killed with -9, another
 * started with `diplograph neo4j start`, the service stopped. start, status and stop agree on one server
 * afterwards, found even when its pid file is gone; a start that cannot have its port or its store fails
 * with a code. The banner names the auth.json of DIPLOGRAPH_HOME.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { processAlive as alive } from '../../src/util/local-server.ts';
import { defaultCoreNlpOptions, startCoreNlpProcess } from '../../src/nlp/local-corenlp.ts';

const repo = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'diplograph-processes-'));
const home = join(tmp, 'elsewhere', 'neo4j');
const ports = { bolt: 0, http: 0 };
const started: number[] = [];

async function gone(pid: number, ms = 90_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  return !alive(pid);
}

function env(over: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: '',
    NEO4J_USER: '',
    NEO4J_PASSWORD: '',
    DIPLOGRAPH_HOME: home,
    DIPLOGRAPH_NEO4J_BOLT_PORT: String(ports.bolt),
    DIPLOGRAPH_NEO4J_HTTP_PORT: String(ports.http),
    DIPLOGRAPH_NEO4J_HEAP: '512m',
    DIPLOGRAPH_NEO4J_PAGECACHE: '128m',
    CORENLP_URL: 'none',
    DIPLOGRAPH_SEED: 'none',
    DIPLOGRAPH_API_KEY: 'processes-test-key-0123456789',
    PORT: '0',
    ...over,
  };
  delete e.npm_lifecycle_event;
  return e;
}

/** `diplograph neo4j ACTION` to completion. */
function neo4jCli(
  action: string,
  over: Record<string, string> = {},
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/diplograph.js'), 'neo4j', action], {
    cwd: repo,
    env: env(over),
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function pidFile(): number {
  return Number(readFileSync(join(home, 'run', 'neo4j.pid'), 'utf8').split('\n')[0]);
}

function status(): { code: number | null; running: boolean; pid: number | null } {
  const r = neo4jCli('status');
  const s = JSON.parse(r.out) as { running: boolean; pid: number | null };
  return { code: r.code, running: s.running, pid: s.pid };
}

async function startServe(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [join(repo, 'bin/diplograph.js'), 'serve'], {
    cwd: repo,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolveUp, rejectUp) => {
    const timer = setTimeout(() => rejectUp(new Error(`serve did not come up in time:\n${out}`)), 240_000);
    child.stdout!.on('data', () => {
      if (out.includes('diplograph is up')) {
        clearTimeout(timer);
        resolveUp();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUp(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out };
}

describe('the local Neo4j process', () => {
  beforeAll(async () => {
    ports.bolt = await freePort();
    ports.http = await freePort();
  });
  afterAll(async () => {
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await sleep(500);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('after kill -9 and `neo4j start`, stopping the service leaves one server that status, start and stop all know', async () => {
    const serve = await startServe();
    const first = pidFile();
    started.push(first);
    // The banner names the password file where DIPLOGRAPH_HOME puts it.
    expect(serve.output()).toContain(`password in ${join(home, 'auth.json')}`);
    expect(serve.output()).not.toContain('.diplograph/neo4j/auth.json');

    process.kill(first, 'SIGKILL');
    expect(await gone(first)).toBe(true);
    const start = neo4jCli('start');
    expect(start.code, start.err).toBe(0);
    const second = pidFile();
    started.push(second);
    expect(second).not.toBe(first);

    const exited = new Promise<number | null>((r) => serve.child.once('exit', (code) => r(code)));
    serve.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The service stopped the server it owned (already dead); the one `neo4j start` started runs on.
    expect(alive(second)).toBe(true);
    expect(status()).toEqual({ code: 0, running: true, pid: second });

    // Its pid file lost: the server is still found by its command line (main class and home).
    rmSync(join(home, 'run', 'neo4j.pid'));
    expect(status()).toEqual({ code: 0, running: true, pid: second });
    const again = neo4jCli('start');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`already running: bolt://127.0.0.1:${ports.bolt} (pid ${second})`);

    // Another home on the same port: refused before a JVM is started, with its code.
    const clash = neo4jCli('start', { DIPLOGRAPH_HOME: join(tmp, 'other') });
    expect(clash.code).toBe(1);
    expect(clash.err).toMatch(
      new RegExp(`diplograph neo4j: PORT_IN_USE: the Bolt port ${ports.bolt} is already in use`),
    );

    // The same store under another spelling of its home, on free ports: the new JVM cannot have the
    // store lock, and the start says so (it does not report the other server as up).
    const link = join(tmp, 'link');
    symlinkSync(home, link);
    const locked = neo4jCli('start', {
      DIPLOGRAPH_HOME: link,
      DIPLOGRAPH_NEO4J_BOLT_PORT: String(await freePort()),
      DIPLOGRAPH_NEO4J_HTTP_PORT: String(await freePort()),
    });
    expect(locked.code, locked.out + locked.err).toBe(1);
    expect(locked.err).toContain('diplograph neo4j: STORE_LOCKED: another process holds the store lock');
    expect(alive(second)).toBe(true);

    const stop = neo4jCli('stop');
    expect(stop.out).toContain('Neo4j stopped.');
    expect(await gone(second)).toBe(true);
    expect(status()).toEqual({ code: 3, running: false, pid: null });
    expect(existsSync(join(home, 'run', 'neo4j.pid'))).toBe(false);
  }, 900_000);

  it('a local CoreNLP whose port another program holds is not started, with PORT_IN_USE', async () => {
    // A program that takes connections and never answers: not a CoreNLP, and in the way of one.
    const held = new Set<Socket>();
    const squatter: Server = createServer((socket) => void held.add(socket));
    const port = await new Promise<number>((r) =>
      squatter.listen(0, '127.0.0.1', () => r((squatter.address() as { port: number }).port)),
    );
    try {
      const opts = defaultCoreNlpOptions({ home: join(tmp, 'corenlp'), port });
      await expect(startCoreNlpProcess(opts)).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringContaining(`port ${port} is already in use`),
      });
      expect(existsSync(join(tmp, 'corenlp', 'run', 'corenlp.pid'))).toBe(false);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((r) => squatter.close(r));
    }
  }, 300_000);
});
