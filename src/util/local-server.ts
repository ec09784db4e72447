/**
 * What the project's local servers (Neo4j, CoreNLP) share: their settings from the environment, and the
 * life of a server process recorded in a pid file (its first line the pid, its second the owner).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../config.ts';

/** A whole number from the environment within [min, max] (`what` names the range in the error), else the fallback. */
export function intFromEnv(name: string, fallback: number, min: number, max: number, what = `a whole number from ${min} to ${max}`): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return n;
}

export function portFromEnv(name: string, fallback: number): number {
  return intFromEnv(name, fallback, 1, 65535, 'a TCP port (1-65535)');
}

/** A JVM memory size ("512m", "2g") from the environment, else the fallback. */
export function sizeFromEnv(name: string, fallback: string): string {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+[kmg]$/i.test(raw)) throw new ConfigError(`${name} must be a size such as 512m or 2g, got ${JSON.stringify(raw)}`);
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

/**
 * The pid recorded in `pidFile` when that process is alive and really runs `mainClass` (a recycled pid is
 * not taken for the server); a stale pid file is removed.
 */
export function runningPidFrom(pidFile: string, mainClass: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim().split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : mainClass;
    if (cmdline.includes(mainClass)) return pid;
  }
  rmSync(pidFile, { force: true });
  return null;
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
