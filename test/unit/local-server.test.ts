/**
 * How a local server (Neo4j, CoreNLP) is recognised among the machine's processes: the pid file is
 * trusted only when its process runs the server's main class on the same home, and a server running
 * without its pid file is still found. Stand-in processes carry the command line a server would have
 * (Linux /proc is read, as for the real servers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findServerPids,
  isServer,
  releasePidFile,
  runningPidFrom,
  type ServerIdentity,
} from '../../src/util/local-server.ts';

const scratch = join(import.meta.dirname, '../../.diplograph/scratch');
mkdirSync(scratch, { recursive: true });
const tmp = mkdtempSync(join(scratch, 'local-server-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const MAIN = 'org.neo4j.server.CommunityEntryPoint';

/** A process whose command line names MAIN and the home, as the server's JVM does; resolves once it runs. */
async function standIn(home: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)', MAIN, `--home-dir=${home}`], {
    stdio: 'ignore',
  });
  children.push(child);
  await new Promise((r) => child.once('spawn', r));
  return child.pid!;
}

function identity(home: string): ServerIdentity {
  return { pidFile: join(home, 'run', 'neo4j.pid'), mainClass: MAIN, homeArg: `--home-dir=${home}` };
}

describe('local server pids', () => {
  it("does not take another home's server, named in this home's pid file, for this one", async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    mkdirSync(join(a, 'run'), { recursive: true });
    const pidB = await standIn(b);
    writeFileSync(identity(a).pidFile, `${pidB}\ndetached\n`);
    expect(isServer(pidB, identity(b))).toBe(true);
    expect(isServer(pidB, identity(a))).toBe(false);
    expect(runningPidFrom(identity(a))).toBeNull();
    expect(existsSync(identity(a).pidFile)).toBe(false); // stale: removed
  });

  it('finds a server running without its pid file, and records it again (as nobody’s to stop)', async () => {
    const c = join(tmp, 'c');
    const pid = await standIn(c);
    expect(findServerPids(identity(c))).toEqual([pid]);
    expect(runningPidFrom(identity(c))).toBe(pid);
    expect(readFileSync(identity(c).pidFile, 'utf8')).toBe(`${pid}\ndetached\n`);
  });

  it("leaves a newer server's pid file when an older pid is released", async () => {
    const d = join(tmp, 'd');
    mkdirSync(join(d, 'run'), { recursive: true });
    const newer = await standIn(d);
    writeFileSync(identity(d).pidFile, `${newer}\ndetached\n`);
    releasePidFile(identity(d).pidFile, newer + 100_000);
    expect(runningPidFrom(identity(d))).toBe(newer);
    releasePidFile(identity(d).pidFile, newer);
    expect(existsSync(identity(d).pidFile)).toBe(false);
  });
});
