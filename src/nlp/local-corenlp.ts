/**
 * The embedded default linguistic engine: Stanford CoreNLP's server run on this machine's JVM, provisioned
 * like the local Neo4j (src/util/maven-dist.ts: resolved from Maven Central with strict checksums, cached
 * beside the Neo4j jars, every jar's SHA-256 checked at every start).
 *
 * The server has no option to bind one address, so it is kept to this machine otherwise: it requires a
 * generated user and password (basic auth, kept in its home's auth.json) and refuses every IPv4 address
 * outside 127.0.0.0/8 (a -blockList file). A supervisor restarts it when it dies, after a number of
 * documents, or when its resident memory passes a threshold (CoreNLP's memory grows over long runs).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureMavenDist } from '../util/maven-dist.ts';
import {
  intFromEnv,
  isServer,
  portFromEnv,
  portTaken,
  processAlive,
  releasePidFile,
  runningPidFrom,
  sizeFromEnv,
  terminate,
  type ServerIdentity,
} from '../util/local-server.ts';
import type { DistErrorCode } from '../util/maven-dist.ts';
import { ANNOTATION_PROPERTIES } from './client.ts';
import { NlpError } from './errors.ts';
import type { NlpServer } from './client.ts';

export const CORENLP_VERSION = process.env.DIPLOGRAPH_CORENLP_VERSION ?? '4.5.10';
const MAIN_CLASS = 'edu.stanford.nlp.pipeline.StanfordCoreNLPServer';

export class LocalCoreNlpError extends Error {
  constructor(
    readonly code: 'JAVA_MISSING' | DistErrorCode | 'START_FAILED' | 'STOP_FAILED' | 'PORT_IN_USE',
    message: string,
  ) {
    super(message);
    this.name = 'LocalCoreNlpError';
  }
}

const ALTERNATIVES =
  'Alternatives: point diplograph at running CoreNLP servers with CORENLP_URL, or start one with `docker compose up corenlp` (see README.md).';

export interface LocalCoreNlpOptions {
  /** Server home: server.properties, blocklist, auth.json, logs/, run/. Default <repo>/.diplograph/corenlp. */
  home: string;
  port: number;
  /** JVM heap, e.g. "3g". */
  heap: string;
  /** Annotation threads of the server. */
  threads: number;
  /** Restart after this many documents (0: never). */
  restartAfterDocs: number;
  /** Restart when the JVM's resident memory passes this many MiB (0: never). */
  restartAboveMiB: number;
  cacheDir: string;
  log?: (line: string) => void;
}

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);

export function defaultCoreNlpOptions(overrides: Partial<LocalCoreNlpOptions> = {}): LocalCoreNlpOptions {
  const env = process.env;
  return {
    home: env.DIPLOGRAPH_CORENLP_HOME ? resolve(env.DIPLOGRAPH_CORENLP_HOME) : join(repoRoot, '.diplograph', 'corenlp'),
    port: portFromEnv('DIPLOGRAPH_CORENLP_PORT', 9000),
    // The models of this annotator set take ~1.6 GB resident; 3 GiB leaves room for long documents on
    // the 24 GiB machine that also runs Neo4j (8 GiB) and the API.
    heap: sizeFromEnv('DIPLOGRAPH_CORENLP_HEAP', '3g'),
    threads: intFromEnv('DIPLOGRAPH_CORENLP_THREADS', 2, 1, 64),
    restartAfterDocs: intFromEnv('DIPLOGRAPH_CORENLP_RESTART_AFTER', 50_000, 0, 1e9),
    restartAboveMiB: intFromEnv('DIPLOGRAPH_CORENLP_RESTART_ABOVE_MB', 4500, 0, 1e6),
    cacheDir: env.DIPLOGRAPH_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'diplograph'),
    ...overrides,
  };
}

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function corenlpDistDir(opts: Pick<LocalCoreNlpOptions, 'cacheDir'>): string {
  return join(opts.cacheDir, `stanford-corenlp-${CORENLP_VERSION}`);
}

function pom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>diplograph.local</groupId>
  <artifactId>corenlp-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>edu.stanford.nlp</groupId><artifactId>stanford-corenlp</artifactId><version>${version}</version></dependency>
    <!-- The English models (~450 MB): tagger, NER classifiers, neural dependency parser. -->
    <dependency><groupId>edu.stanford.nlp</groupId><artifactId>stanford-corenlp</artifactId><version>${version}</version><classifier>models</classifier></dependency>
  </dependencies>
</project>
`;
}

/** Makes sure the CoreNLP jars are cached and intact; returns the lib folder. */
export function ensureCoreNlp(opts: LocalCoreNlpOptions): string {
  return ensureMavenDist({
    what: `Stanford CoreNLP ${CORENLP_VERSION} with its English models`,
    dir: corenlpDistDir(opts),
    pom: pom(CORENLP_VERSION),
    mainJar: `stanford-corenlp-${CORENLP_VERSION}-models`,
    alternatives: ALTERNATIVES,
    ...(opts.log ? { log: opts.log } : {}),
    fail: (code, message) => {
      throw new LocalCoreNlpError(code, message);
    },
  });
}

interface Auth {
  user: string;
  password: string;
}

const pidPath = (home: string): string => join(home, 'run', 'corenlp.pid');
const authPath = (home: string): string => join(home, 'auth.json');

/** Every IPv4 address but 127.0.0.0/8, as CIDR blocks (the server's -blockList format: one a line). */
export const NON_LOOPBACK_IPV4 = [
  '0.0.0.0/2',
  '64.0.0.0/3',
  '96.0.0.0/4',
  '112.0.0.0/5',
  '120.0.0.0/6',
  '124.0.0.0/7',
  '126.0.0.0/8',
  '128.0.0.0/1',
];

function prepareHome(opts: LocalCoreNlpOptions): Auth {
  for (const sub of ['logs', 'run']) mkdirSync(join(opts.home, sub), { recursive: true });
  const props = Object.entries(ANNOTATION_PROPERTIES).map(([k, v]) => `${k}=${v}`);
  writeFileSync(
    join(opts.home, 'server.properties'),
    `# Written by diplograph (src/nlp/local-corenlp.ts) at every start.\n${props.join('\n')}\n`,
  );
  writeFileSync(join(opts.home, 'blocklist'), `${NON_LOOPBACK_IPV4.join('\n')}\n`);
  if (existsSync(authPath(opts.home))) return JSON.parse(readFileSync(authPath(opts.home), 'utf8')) as Auth;
  const auth = { user: 'diplograph', password: randomBytes(18).toString('hex') };
  writeFileSync(authPath(opts.home), `${JSON.stringify(auth)}\n`, { mode: 0o600 });
  return auth;
}

/** How the server of a home is recognised among processes: its -serverProperties file is in the home. */
function identity(home: string): ServerIdentity {
  return { pidFile: pidPath(home), mainClass: MAIN_CLASS, homeArg: join(home, 'server.properties') };
}

/** The pid of the server of this home, if one runs (found even without its pid file; a stale one is removed). */
export function runningCoreNlpPid(home: string): number | null {
  return runningPidFrom(identity(home));
}

/** Whether the server at `url` answers /ready (it does once its preloaded pipeline is built). */
export async function coreNlpReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Resident memory of a process in MiB (Linux /proc), or null. */
export function residentMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function logTail(home: string, lines = 20): string {
  const p = join(home, 'logs', 'corenlp.log');
  return existsSync(p) ? `--- ${p}\n${readFileSync(p, 'utf8').trim().split('\n').slice(-lines).join('\n')}` : '';
}

export interface CoreNlpProcess {
  pid: number;
  server: NlpServer;
  startedHere: boolean;
}

/**
 * Starts the server (or finds it running on this home) and waits until it answers /ready. With `detached`
 * it outlives this process (the `corenlp start` verb); otherwise it is this process's to stop.
 */
export async function startCoreNlpProcess(
  opts: LocalCoreNlpOptions,
  { detached = false, timeoutMs = 300_000 } = {},
): Promise<CoreNlpProcess> {
  const log = opts.log ?? (() => {});
  const lib = ensureCoreNlp(opts);
  const auth = prepareHome(opts);
  const url = `http://127.0.0.1:${opts.port}`;
  const server: NlpServer = { url, ...auth };
  const already = runningCoreNlpPid(opts.home);
  if (already !== null) {
    if (await waitReady(url, already, 120_000)) {
      log(`CoreNLP already running (pid ${already}) on ${url}`);
      return { pid: already, server, startedHere: false };
    }
    throw new LocalCoreNlpError(
      'START_FAILED',
      `a CoreNLP process (pid ${already}) owns ${opts.home} but ${url}/ready does not answer. Run \`diplograph corenlp stop\`.\n${logTail(opts.home)}`,
    );
  }
  if (await coreNlpReady(url))
    throw new LocalCoreNlpError(
      'START_FAILED',
      `port ${opts.port} already answers as a CoreNLP server that is not ours: set CORENLP_URL to use it, or DIPLOGRAPH_CORENLP_PORT to run ours elsewhere`,
    );

  if (await portTaken(opts.port))
    throw new LocalCoreNlpError(
      'PORT_IN_USE',
      `port ${opts.port} is already in use by another process (not a CoreNLP of ${opts.home}): stop it, or set DIPLOGRAPH_CORENLP_PORT to another port`,
    );
  log(`Starting CoreNLP ${CORENLP_VERSION} (heap ${opts.heap}, ${opts.threads} threads) on ${url} …`);
  const out = openSync(join(opts.home, 'logs', 'corenlp.log'), 'a');
  const args = [
    `-Xmx${opts.heap}`,
    '-XX:+UseG1GC',
    '-cp',
    join(lib, '*'),
    MAIN_CLASS,
    '-port',
    String(opts.port),
    '-threads',
    String(opts.threads),
    // The server's own per-request limit; the client's timeout (NLP_TIMEOUT) is the one callers see.
    '-timeout',
    '300000',
    '-maxCharLength',
    '100000',
    '-quiet',
    'true',
    '-serverProperties',
    join(opts.home, 'server.properties'),
    '-preload',
    ANNOTATION_PROPERTIES.annotators!,
    '-blockList',
    join(opts.home, 'blocklist'),
    '-username',
    auth.user,
    '-password',
    auth.password,
  ];
  const child = spawn(javaBinary(), args, { cwd: opts.home, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined)
    throw new LocalCoreNlpError(
      'JAVA_MISSING',
      `could not start ${javaBinary()}: Java 17+ is needed for the local CoreNLP. ${ALTERNATIVES}`,
    );
  child.on('error', () => undefined);
  writeFileSync(pidPath(opts.home), `${pid}\n${detached ? 'detached' : process.pid}\n`);
  if (detached) child.unref();
  if (!(await waitReady(url, pid, timeoutMs))) {
    const tail = logTail(opts.home);
    await stopCoreNlpPid(opts.home, pid).catch(() => undefined);
    throw new LocalCoreNlpError(
      'START_FAILED',
      `CoreNLP did not become ready on ${url} within ${Math.round(timeoutMs / 1000)} s.\n${tail}`,
    );
  }
  log(`CoreNLP is up on ${url} (pid ${pid})`);
  return { pid, server, startedHere: true };
}

async function waitReady(url: string, pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return false;
    if (await coreNlpReady(url)) return true;
    await sleep(500);
  }
  return false;
}

/**
 * SIGTERM, then SIGKILL after the grace period, when `pid` still is this home's server (not a reused pid);
 * removes the pid file if it names this process.
 */
export async function stopCoreNlpPid(home: string, pid: number, graceMs = 20_000): Promise<void> {
  if (isServer(pid, identity(home)) && !(await terminate(pid, graceMs)))
    throw new LocalCoreNlpError('STOP_FAILED', `CoreNLP (pid ${pid}) did not stop`);
  releasePidFile(pidPath(home), pid);
}

export async function stopLocalCoreNlp(opts: LocalCoreNlpOptions): Promise<boolean> {
  const pid = runningCoreNlpPid(opts.home);
  if (pid === null) return false;
  await stopCoreNlpPid(opts.home, pid);
  return true;
}

export interface CoreNlpStatus {
  running: boolean;
  pid: number | null;
  ready: boolean;
  url: string;
  home: string;
  cached: boolean;
  residentMiB: number | null;
}

export async function coreNlpStatus(opts: LocalCoreNlpOptions): Promise<CoreNlpStatus> {
  const pid = runningCoreNlpPid(opts.home);
  const url = `http://127.0.0.1:${opts.port}`;
  return {
    running: pid !== null,
    pid,
    ready: pid !== null && (await coreNlpReady(url)),
    url,
    home: opts.home,
    cached: existsSync(join(corenlpDistDir(opts), 'manifest.json')),
    residentMiB: pid !== null ? residentMiB(pid) : null,
  };
}

/**
 * A local server this process owns, kept alive: started on `start()`, started again when it dies, restarted
 * (stop, start) after `restartAfterDocs` documents or when its resident memory passes `restartAboveMiB`,
 * checked between documents. The client awaits `ready()` before each attempt, so requests wait out a restart
 * instead of failing; one in flight when the server goes down is retried after it. `stop()` ends it.
 */
export class LocalCoreNlp {
  private proc: CoreNlpProcess | null = null;
  private docs = 0;
  private restarting: Promise<void> | null = null;
  private stopped = false;
  private watch: NodeJS.Timeout | null = null;
  restarts = 0;

  constructor(private readonly opts: LocalCoreNlpOptions) {}

  get server(): NlpServer {
    if (!this.proc) throw new LocalCoreNlpError('START_FAILED', 'the local CoreNLP is not started');
    return this.proc.server;
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  async start(): Promise<NlpServer> {
    this.stopped = false;
    this.proc = await startCoreNlpProcess(this.opts);
    this.docs = 0;
    // A server that dies (out of memory, killed) is started again; the client retries meanwhile.
    this.watch = setInterval(() => {
      const pid = this.proc?.pid;
      if (!this.stopped && pid !== undefined && !processAlive(pid) && !this.restarting)
        void this.restart('it died').catch(() => undefined);
    }, 2000);
    this.watch.unref();
    return this.proc.server;
  }

  /**
   * The client's beforeRequest hook: resolves once the server can take a request. A server found dead is
   * started again here at once (the 2 s watch would find it too, later).
   */
  async ready(): Promise<void> {
    const pid = this.proc?.pid;
    if (!this.stopped && !this.restarting && pid !== undefined && !processAlive(pid))
      void this.restart('it died').catch(() => undefined);
    try {
      await this.restarting;
    } catch (err) {
      throw new NlpError('NLP_UNAVAILABLE', `the local CoreNLP could not be started again: ${(err as Error).message}`);
    }
  }

  /** The client's onDocument hook: counts documents and restarts when a threshold is passed. */
  noteDocument(): void {
    this.docs += 1;
    if (this.restarting || this.stopped || !this.proc) return;
    const { restartAfterDocs, restartAboveMiB } = this.opts;
    if (restartAfterDocs > 0 && this.docs >= restartAfterDocs)
      void this.restart(`${this.docs} documents served`).catch(() => undefined);
    else if (restartAboveMiB > 0 && this.docs % 50 === 0) {
      const rss = residentMiB(this.proc.pid);
      if (rss !== null && rss > restartAboveMiB)
        void this.restart(`resident memory ${rss} MiB > ${restartAboveMiB} MiB`).catch(() => undefined);
    }
  }

  async restart(reason: string): Promise<void> {
    this.restarting ??= (async () => {
      (this.opts.log ?? (() => {}))(`restarting CoreNLP: ${reason}`);
      const old = this.proc;
      if (old?.startedHere !== false && old) await stopCoreNlpPid(this.opts.home, old.pid).catch(() => undefined);
      if (this.watch) clearInterval(this.watch);
      if (!this.stopped) {
        this.restarts += 1;
        await this.start();
      }
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.watch) clearInterval(this.watch);
    await this.restarting?.catch(() => undefined);
    if (this.proc?.startedHere) await stopCoreNlpPid(this.opts.home, this.proc.pid);
    this.proc = null;
  }
}
