/**
 * What the project's local servers (Neo4j, CoreNLP) share: their settings from the environment, and the
 * life of a server process recorded in a pid file (its first line the pid, its second the owner).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../config.ts';

/** A whole number from the environment within [min, max] (`what` names the range in the error), else the fallback. */
export function intFromEnv(
  name: string,
  fallback: number,
  min: number,
  max: number,
  what = `a whole number from ${min} to ${max}`,
): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return n;
}

export function portFromEnv(name: string, fallback: number): number {
  return intFromEnv(name, fallback, 1, 65535, 'a TCP port (1-65535)');
}

/** A JVM memory size ("512m", "2g") from the environment, else the fallback. */
export function sizeFromEnv(name: string, fallback: string): string {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+[kmg]$/i.test(raw))
    throw new ConfigError(`${name} must be a size such as 512m or 2g, got ${JSON.stringify(raw)}`);
  return raw.toLowerCase();
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What identifies one local server: its main class and an argument naming its home (exact, as passed to the JVM). */
export interface ServerIdentity {
  pidFile: string;
  mainClass: string;
  /** e.g. "--home-dir=/srv/diplograph/neo4j": two homes' servers are never taken for each other. */
  homeArg: string;
}

/** The arguments of a process (Linux /proc), or null when they cannot be read (no /proc, gone, not ours). */
function argsOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/**
 * Whether `pid` is this server: alive, and (where /proc can tell) running its main class with its home.
 * A pid recycled by another program, or the same server class run on another home, is not.
 */
export function isServer(pid: number, id: ServerIdentity): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return false;
  if (!existsSync('/proc/self/cmdline')) return true; // no /proc: the pid file is all there is to go on
  const args = argsOf(pid);
  return args !== null && args.includes(id.mainClass) && args.includes(id.homeArg);
}

/** Every running process of this server (its main class on its home), from /proc; [] without /proc. */
export function findServerPids(id: ServerIdentity): number[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = argsOf(Number(entry));
    if (args?.includes(id.mainClass) && args.includes(id.homeArg)) out.push(Number(entry));
  }
  return out;
}

/** The pid file's two lines: the server's pid and its owner (a pid, or "detached"). */
export function readPidFile(pidFile: string): { pid: number; owner: string | undefined } | null {
  if (!existsSync(pidFile)) return null;
  const [pid, owner] = readFileSync(pidFile, 'utf8').trim().split('\n');
  return { pid: Number(pid), owner };
}

/**
 * The one answer to "is this server running, and which process is it": the pid in the pid file when that
 * process really is the server; else a process found running the server on this home (a pid file lost or
 * overwritten, e.g. by a run that stopped a server already dead and removed the file of the next one),
 * which is written back to the pid file as "detached" (nobody's to stop on exit); else null, and a stale
 * pid file is removed. start, status and stop all ask here.
 */
export function runningPidFrom(id: ServerIdentity): number | null {
  const recorded = readPidFile(id.pidFile);
  if (recorded && isServer(recorded.pid, id)) return recorded.pid;
  const found = findServerPids(id)[0];
  if (found !== undefined) {
    mkdirSync(dirname(id.pidFile), { recursive: true });
    writeFileSync(id.pidFile, `${found}\ndetached\n`);
    return found;
  }
  rmSync(id.pidFile, { force: true });
  return null;
}

/** Removes the pid file only when it still names `pid` (a newer server's file is left alone). */
export function releasePidFile(pidFile: string, pid: number): void {
  if (readPidFile(pidFile)?.pid === pid) rmSync(pidFile, { force: true });
}

/** Whether something already listens on 127.0.0.1:port. */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolveTaken) => {
    const probe = createServer();
    probe.once('error', () => resolveTaken(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolveTaken(false)));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; true when the process is gone. */
export async function terminate(pid: number, graceMs: number): Promise<boolean> {
  if (!processAlive(pid)) return true;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processAlive(pid) && Date.now() < deadline) await sleep(100);
  if (processAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    await sleep(500);
  }
  return !processAlive(pid);
}
