/**
 * The embedded default: Neo4j Community 5.26 LTS run on this machine's JVM.
 *
 * Maven Central does not publish the community tarball for 5.26 (only its POM), so the server and its
 * dependencies are resolved with Maven from Central (`--strict-checksums`: every artifact's SHA-1 is
 * checked against the repository's), copied into a cache folder outside the work tree, and recorded in
 * a manifest of SHA-256 sums that is verified again before every start. The server runs with a home
 * folder of its own (config, data, logs, a generated password), listens on loopback only and is sized
 * for a small machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { ensureMavenDist } from '../util/maven-dist.ts';
import {
  intFromEnv,
  isServer,
  portFromEnv,
  portTaken,
  processAlive,
  readPidFile,
  releasePidFile,
  runningPidFrom,
  sizeFromEnv,
  terminate,
  type ServerIdentity,
} from '../util/local-server.ts';

export const NEO4J_VERSION = process.env.DIPLOGRAPH_NEO4J_VERSION ?? '5.26.30';
const BROWSER_VERSION = '5.24.0';
const MAIN_CLASS = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_CLASS = 'org.neo4j.cli.AdminTool';

export class LocalNeo4jError extends Error {
  constructor(
    readonly code:
      | 'JAVA_MISSING'
      | 'MAVEN_MISSING'
      | 'RESOLVE_FAILED'
      | 'CHECKSUM_MISMATCH'
      | 'START_FAILED'
      | 'STOP_FAILED'
      | 'PORT_IN_USE'
      | 'STORE_LOCKED',
    message: string,
  ) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

const ALTERNATIVES =
  'Alternatives: point diplograph at a running Neo4j 5 with NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, ' +
  'or start one with `docker compose up neo4j` (see README.md).';

export interface LocalNeo4jOptions {
  /** Server home: conf/, data/, logs/, run/, auth.json. Default: DIPLOGRAPH_HOME or <repo>/.diplograph/neo4j. */
  home: string;
  boltPort: number;
  httpPort: number;
  /** e.g. "1g" */
  heap: string;
  pageCache: string;
  /** Where the resolved jars are cached. Default: DIPLOGRAPH_CACHE or ~/.cache/diplograph. */
  cacheDir: string;
  log?: (line: string) => void;
}

export interface LocalNeo4jHandle {
  uri: string;
  user: string;
  password: string;
  browserUrl: string;
  pid: number;
  /** True when this call started the server (and so should stop it); false when one was already running. */
  startedHere: boolean;
  stop: () => Promise<void>;
}

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);

export function defaultLocalOptions(overrides: Partial<LocalNeo4jOptions> = {}): LocalNeo4jOptions {
  const env = process.env;
  const cacheRoot = env.DIPLOGRAPH_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'diplograph');
  return {
    home: env.DIPLOGRAPH_HOME ? resolve(env.DIPLOGRAPH_HOME) : join(repoRoot, '.diplograph', 'neo4j'),
    boltPort: portFromEnv('DIPLOGRAPH_NEO4J_BOLT_PORT', 7687),
    httpPort: portFromEnv('DIPLOGRAPH_NEO4J_HTTP_PORT', 7474),
    // Sized for the 24 GiB machine this runs on: 8 GiB for Neo4j leaves the rest to Node, a browser,
    // and the API bench's second server. Tests use less (test/support/global-setup.ts).
    heap: sizeFromEnv('DIPLOGRAPH_NEO4J_HEAP', '4g'),
    pageCache: sizeFromEnv('DIPLOGRAPH_NEO4J_PAGECACHE', '4g'),
    cacheDir: cacheRoot,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Java and the distribution
// ---------------------------------------------------------------------------------------------

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** The Java major version, or throws JAVA_MISSING with the two alternatives. */
export function checkJava(): number {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Java 17 or 21 is needed to run the local Neo4j, and \`${javaBinary()} -version\` did not run. Install a JDK (e.g. apt-get install openjdk-17-jre-headless). ${ALTERNATIVES}`,
    );
  }
  const match = /version "(\d+)/.exec(result.stderr + result.stdout);
  const major = match?.[1] ? Number(match[1]) : 0;
  if (major < 17)
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Neo4j ${NEO4J_VERSION} needs Java 17 or 21; found Java ${major || 'of unknown version'}. ${ALTERNATIVES}`,
    );
  return major;
}

/** Where the resolved jars and their manifest are cached. */
export function distDir(opts: Pick<LocalNeo4jOptions, 'cacheDir'>): string {
  return join(opts.cacheDir, `neo4j-community-${NEO4J_VERSION}-browser-${BROWSER_VERSION}`);
}

function pomFor(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>diplograph.local</groupId>
  <artifactId>neo4j-community-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <!-- The runtime dependencies of org.neo4j.assembly:neo4j-community-standalone (its POM, on Maven Central). -->
  <dependencies>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>${version}</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j-bootcheck</artifactId><version>${version}</version></dependency>
    <!-- Neo4j Browser, served by the server at /browser/ (the distribution bundles the same jar). -->
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>${BROWSER_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

/** Makes sure the distribution is in the cache and intact; returns its lib folder. */
export function ensureDistribution(opts: LocalNeo4jOptions): string {
  return ensureMavenDist({
    what: `Neo4j ${NEO4J_VERSION}`,
    dir: distDir(opts),
    pom: pomFor(NEO4J_VERSION),
    mainJar: `neo4j-server-${NEO4J_VERSION}`,
    alternatives: ALTERNATIVES,
    ...(opts.log ? { log: opts.log } : {}),
    fail: (code, message) => {
      throw new LocalNeo4jError(code, message);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The server home
// ---------------------------------------------------------------------------------------------

interface Auth {
  user: string;
  password: string;
}

function configText(opts: LocalNeo4jOptions): string {
  return [
    '# Written by diplograph (src/store/local-neo4j.ts) at every start; edit the DIPLOGRAPH_NEO4J_* variables instead.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${opts.boltPort}`,
    `server.http.listen_address=127.0.0.1:${opts.httpPort}`,
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    `server.memory.heap.initial_size=${opts.heap}`,
    `server.memory.heap.max_size=${opts.heap}`,
    `server.memory.pagecache.size=${opts.pageCache}`,
    // One transaction of a large batch must not take the whole heap.
    'db.memory.transaction.max=512m',
    'db.logs.query.enabled=OFF',
    'server.directories.import=import',
    '',
  ].join('\n');
}

function jvmArgs(opts: LocalNeo4jOptions): string[] {
  return [
    `-Xms${opts.heap}`,
    `-Xmx${opts.heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
    // The JIT compiler threads exist from the start (not made on demand), so that their priority can
    // be lowered once the server is up (see lowerCompilerPriority).
    '-XX:-UseDynamicNumberOfCompilerThreads',
    // Smaller C2 inlining budgets (JDK 17 defaults: 2500 and 325 bytes): less JIT CPU after a start on
    // bulk writes, the Bolt workers' CPU and the API bench's latencies unchanged (`npm run bench:ingest`).
    '-XX:InlineSmallCode=1000',
    '-XX:FreqInlineSize=100',
    // Extra options, e.g. for a profiler; whitespace-separated.
    ...(process.env.DIPLOGRAPH_NEO4J_JVM_OPTS ?? '').split(/\s+/).filter(Boolean),
  ];
}

function authPath(home: string): string {
  return join(home, 'auth.json');
}

function pidPath(home: string): string {
  return join(home, 'run', 'neo4j.pid');
}

function readAuth(home: string): Auth | null {
  const path = authPath(home);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Auth) : null;
}

/** Creates the home on first use: folders, and a generated password set before the first start. */
function prepareHome(opts: LocalNeo4jOptions, lib: string): Auth {
  for (const sub of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
    mkdirSync(join(opts.home, sub), { recursive: true });
  writeFileSync(join(opts.home, 'conf', 'neo4j.conf'), configText(opts));
  const existing = readAuth(opts.home);
  if (existing) return existing;
  if (existsSync(join(opts.home, 'data', 'databases'))) {
    throw new LocalNeo4jError(
      'START_FAILED',
      `${opts.home} holds a database but no auth.json; its password is unknown. Delete ${opts.home} to start afresh.`,
    );
  }
  // Hex: a base64url password may start with '-', which neo4j-admin reads as an option.
  const auth: Auth = { user: 'neo4j', password: randomBytes(20).toString('hex') };
  const res = spawnSync(
    javaBinary(),
    ['-cp', join(lib, '*'), ADMIN_CLASS, 'dbms', 'set-initial-password', auth.password],
    {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_HOME: opts.home, NEO4J_CONF: join(opts.home, 'conf') },
    },
  );
  if (res.status !== 0)
    throw new LocalNeo4jError(
      'START_FAILED',
      `neo4j-admin set-initial-password failed: ${(res.stderr || res.stdout).trim()}`,
    );
  writeFileSync(authPath(opts.home), `${JSON.stringify(auth)}\n`, { mode: 0o600 });
  return auth;
}

/** How the server of a home is recognised among processes (see runningPidFrom). */
function identity(home: string): ServerIdentity {
  return { pidFile: pidPath(home), mainClass: MAIN_CLASS, homeArg: `--home-dir=${home}` };
}

/** The pid of the server running on this home, if any (found even without its pid file; a stale one is removed). */
export function runningPid(home: string): number | null {
  return runningPidFrom(identity(home));
}

async function boltAnswers(uri: string, auth: Auth): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.user, auth.password), {
    connectionTimeout: 2000,
    logging: undefined,
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function logTail(home: string, lines = 25): string {
  const out: string[] = [];
  for (const name of ['console.log', 'neo4j.log']) {
    const p = join(home, 'logs', name);
    if (existsSync(p)) out.push(`--- ${p}\n${readFileSync(p, 'utf8').trim().split('\n').slice(-lines).join('\n')}`);
  }
  return out.join('\n');
}

/**
 * Starts the local server (or finds it running) and waits until Bolt answers.
 * With `detached`, the server outlives this process (the `neo4j start` verb); otherwise it is this
 * process's child and `stop()` ends it.
 */
export async function startLocalNeo4j(
  opts: LocalNeo4jOptions,
  { detached = false, timeoutMs = 180_000 } = {},
): Promise<LocalNeo4jHandle> {
  const log = opts.log ?? (() => {});
  const jitNice = jitNiceFromEnv(); // checked before anything starts
  checkJava();
  const lib = ensureDistribution(opts);
  const auth = prepareHome(opts, lib);
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;
  const browserUrl = `http://127.0.0.1:${opts.httpPort}/browser/`;

  const already = runningPid(opts.home);
  if (already !== null) {
    if (await waitForBolt(uri, auth, already, 60_000)) {
      const owner = readPidFile(pidPath(opts.home))?.owner;
      const orphan = owner !== undefined && owner !== 'detached' && !processAlive(Number(owner));
      if (orphan && !detached) writeFileSync(pidPath(opts.home), `${already}\n${process.pid}\n`);
      log(
        `Neo4j already running (pid ${already}${orphan ? ', left behind by an earlier run: adopted' : ''}) on ${uri}`,
      );
      return {
        uri,
        ...auth,
        browserUrl,
        pid: already,
        startedHere: orphan && !detached,
        stop: () => stopPid(opts.home, already),
      };
    }
    throw new LocalNeo4jError(
      'START_FAILED',
      `a Neo4j process (pid ${already}) owns ${opts.home} but Bolt does not answer on ${uri}. Run \`diplograph neo4j stop\`.\n${logTail(opts.home)}`,
    );
  }

  // A port already taken (another Neo4j, another program) would answer in place of the server started
  // here, which then dies on it unseen: say so before starting anything.
  for (const [what, port, variable] of [
    ['Bolt', opts.boltPort, 'DIPLOGRAPH_NEO4J_BOLT_PORT'],
    ['HTTP', opts.httpPort, 'DIPLOGRAPH_NEO4J_HTTP_PORT'],
  ] as const) {
    if (await portTaken(port)) {
      throw new LocalNeo4jError(
        'PORT_IN_USE',
        `the ${what} port ${port} is already in use by another process (not a Neo4j of ${opts.home}): stop it, or set ${variable} to another port`,
      );
    }
  }
  log(`Starting Neo4j ${NEO4J_VERSION} (heap ${opts.heap}, page cache ${opts.pageCache}) in ${opts.home} …`);
  const consoleLog = openSync(join(opts.home, 'logs', 'console.log'), 'a');
  const child = spawn(
    javaBinary(),
    [
      ...jvmArgs(opts),
      '-cp',
      join(lib, '*'),
      MAIN_CLASS,
      `--home-dir=${opts.home}`,
      `--config-dir=${join(opts.home, 'conf')}`,
    ],
    {
      cwd: opts.home,
      detached: true, // its own process group: a Ctrl-C in the terminal reaches us, and we stop it in order
      stdio: ['ignore', consoleLog, consoleLog],
      env: { ...process.env, NEO4J_HOME: opts.home, NEO4J_CONF: join(opts.home, 'conf') },
    },
  );
  closeSync(consoleLog);
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError('START_FAILED', `could not start ${javaBinary()}`);
  // Second line: the process that owns the server ("detached" for `diplograph neo4j start`). A server
  // whose owner died without stopping it (kill -9) is adopted by the next owner, which stops it on exit.
  writeFileSync(pidPath(opts.home), `${pid}\n${detached ? 'detached' : process.pid}\n`);
  if (detached) child.unref();

  if (!(await waitForBolt(uri, auth, pid, timeoutMs))) {
    const exited = !processAlive(pid);
    const tail = logTail(opts.home);
    await stopPid(opts.home, pid).catch(() => undefined);
    // e.g. "FileLockException: Lock file has been locked by another process: …/store_lock": a Neo4j not
    // started by diplograph (or started with another spelling of the home) has the database open.
    if (exited && /FileLockException|locked by another process/i.test(tail)) {
      throw new LocalNeo4jError(
        'STORE_LOCKED',
        `another process holds the store lock of ${opts.home} (a Neo4j started outside diplograph on the same data?): stop it first; \`diplograph neo4j status\` shows the server diplograph knows.\n${tail}`,
      );
    }
    throw new LocalNeo4jError(
      'START_FAILED',
      `Neo4j ${exited ? 'exited before answering' : 'did not answer'} on ${uri}${exited ? '' : ` within ${Math.round(timeoutMs / 1000)} s`}.\n${tail}`,
    );
  }
  log(`Neo4j is up on ${uri} (pid ${pid})`);
  lowerCompilerPriority(pid, jitNice, log);
  return { uri, ...auth, browserUrl, pid, startedHere: true, stop: () => stopPid(opts.home, pid) };
}

/** DIPLOGRAPH_NEO4J_JIT_NICE: the nice value for the JIT compiler threads (default 15; 0 leaves them). */
function jitNiceFromEnv(): number {
  return intFromEnv('DIPLOGRAPH_NEO4J_JIT_NICE', 15, 0, 19, 'a whole number 0-19');
}

/**
 * Lowers the scheduling priority (raises the nice value, by DIPLOGRAPH_NEO4J_JIT_NICE, default 15; 0
 * leaves it) of the JVM's JIT compiler threads. On a small machine HotSpot spends tens of CPU-seconds
 * compiling Neo4j after each start; at the same priority that work takes the cores from the queries and
 * writes that asked for it. Reniced, it runs in the gaps (`npm run bench:ingest` writes into a server just
 * started). Linux only (thread ids under /proc); lowering a priority needs no privilege.
 */
function lowerCompilerPriority(pid: number, nice: number, log: (line: string) => void): void {
  if (nice === 0) return;
  const lowered: number[] = [];
  for (const tid of compilerThreads(pid)) {
    try {
      setPriority(tid, nice);
      lowered.push(tid);
    } catch (error) {
      log(`could not lower the priority of JIT compiler thread ${tid}: ${(error as Error).message}`);
    }
  }
  if (lowered.length === 0) log('no JIT compiler threads found to lower the priority of');
}

/** The thread ids of a JVM's JIT compiler threads (C1, C2), from /proc (none where there is no /proc). */
export function compilerThreads(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  const out: number[] = [];
  for (const tid of readdirSync(tasks)) {
    try {
      if (/^C[12] CompilerThre/.test(readFileSync(join(tasks, tid, 'comm'), 'utf8'))) out.push(Number(tid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // ENOENT: the thread ended meanwhile
    }
  }
  return out;
}

async function waitForBolt(uri: string, auth: Auth, pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return false;
    if (await boltAnswers(uri, auth)) return true;
    await sleep(500);
  }
  return false;
}

/**
 * Stops the server `pid` of this home: SIGTERM (Neo4j shuts down cleanly), then SIGKILL after a minute.
 * A pid that is no longer that server (it died, the pid was reused) is not signalled, and the pid file is
 * removed only while it names `pid`: a server started since (e.g. by `neo4j start` after a kill -9) keeps it.
 */
export async function stopPid(home: string, pid: number, graceMs = 60_000): Promise<void> {
  if (isServer(pid, identity(home)) && !(await terminate(pid, graceMs)))
    throw new LocalNeo4jError('STOP_FAILED', `Neo4j (pid ${pid}) did not stop`);
  releasePidFile(pidPath(home), pid);
}

export async function stopLocalNeo4j(opts: LocalNeo4jOptions): Promise<boolean> {
  const pid = runningPid(opts.home);
  if (pid === null) return false;
  await stopPid(opts.home, pid);
  return true;
}

export interface LocalStatus {
  running: boolean;
  pid: number | null;
  boltAnswers: boolean;
  uri: string;
  home: string;
  cached: boolean;
}

export async function localStatus(opts: LocalNeo4jOptions): Promise<LocalStatus> {
  const pid = runningPid(opts.home);
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;
  const auth = readAuth(opts.home);
  return {
    running: pid !== null,
    pid,
    boltAnswers: pid !== null && auth !== null ? await boltAnswers(uri, auth) : false,
    uri,
    home: opts.home,
    cached: existsSync(join(distDir(opts), 'manifest.json')),
  };
}

export function localAuth(opts: LocalNeo4jOptions): Auth | null {
  return readAuth(opts.home);
}
