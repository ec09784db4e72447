/**
 * The processes a soak run owns: a local Neo4j in a home of its own (wiped at every run, so the final
 * consistency check speaks of this run only), the local CoreNLP when its jars are cached, and the API as
 * a child process (`node bin/diplograph.js serve`, as a user runs it) pointed at both, on 127.0.0.1.
 * Every process started here is stopped by `stopAll`, also after an error or a Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { portFromEnv, processAlive, sizeFromEnv } from '../../src/util/local-server.ts';
import {
  defaultLocalOptions,
  startLocalNeo4j,
  stopLocalNeo4j,
  type LocalNeo4jHandle,
  type LocalNeo4jOptions,
} from '../../src/store/local-neo4j.ts';
import { corenlpDistDir, defaultCoreNlpOptions, LocalCoreNlp, stopLocalCoreNlp } from '../../src/nlp/local-corenlp.ts';

export const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
export const soakHome = join(repoRoot, '.diplograph', 'soak');

export const log = (line: string): void => console.error(`[soak] ${line}`);

/** Ports of the run's own servers: DIPLOGRAPH_SOAK_* variables, else defaults no other tool uses. */
export function soakPorts(): { bolt: number; neo4jHttp: number; corenlp: number; api: number } {
  return {
    bolt: portFromEnv('DIPLOGRAPH_SOAK_BOLT_PORT', 26687),
    neo4jHttp: portFromEnv('DIPLOGRAPH_SOAK_HTTP_PORT', 26474),
    corenlp: portFromEnv('DIPLOGRAPH_SOAK_CORENLP_PORT', 26900),
    api: portFromEnv('DIPLOGRAPH_SOAK_API_PORT', 26400),
  };
}

// ---------------------------------------------------------------------------------------------
// Neo4j: started, killed with SIGKILL, started again on the same home
// ---------------------------------------------------------------------------------------------

export class SoakNeo4j {
  handle: LocalNeo4jHandle | null = null;
  readonly opts: LocalNeo4jOptions;

  constructor(bolt: number, http: number) {
    this.opts = defaultLocalOptions({
      home: join(soakHome, 'neo4j'),
      boltPort: bolt,
      httpPort: http,
      // Sized for a small machine shared with CoreNLP and the API (the embedded default is 4g + 4g).
      heap: sizeFromEnv('DIPLOGRAPH_NEO4J_HEAP', '1g'),
      pageCache: sizeFromEnv('DIPLOGRAPH_NEO4J_PAGECACHE', '512m'),
      log: (line) => log(`neo4j: ${line}`),
    });
  }

  /** A fresh home: a server left by a killed run is stopped first, then the folder is removed. */
  async startFresh(): Promise<LocalNeo4jHandle> {
    await stopLocalNeo4j(this.opts).catch(() => undefined);
    rmSync(this.opts.home, { recursive: true, force: true });
    return this.start();
  }

  async start(): Promise<LocalNeo4jHandle> {
    this.handle = await startLocalNeo4j(this.opts);
    return this.handle;
  }

  /** `kill -9` of the JVM: no shutdown hook runs, the store is left as a crash leaves it. */
  kill9(): number {
    const pid = this.handle?.pid;
    if (pid === undefined) throw new Error('Neo4j is not started');
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  async stop(): Promise<void> {
    const pid = this.handle?.pid;
    if (pid !== undefined && processAlive(pid)) await this.handle?.stop();
    this.handle = null;
  }
}

// ---------------------------------------------------------------------------------------------
// CoreNLP: the local server when its jars are cached (the soak does not download 600 MB by itself)
// ---------------------------------------------------------------------------------------------

export interface SoakNlp {
  /** CORENLP_URL for the API: the local server with its credentials, a URL given, or "none". */
  url: string;
  how: string;
  stop: () => Promise<void>;
}

export async function startNlp(port: number): Promise<SoakNlp> {
  const given = process.env.CORENLP_URL?.trim();
  if (given)
    return { url: given, how: given === 'none' ? 'none (CORENLP_URL=none)' : 'CORENLP_URL', stop: async () => {} };
  const opts = defaultCoreNlpOptions({
    home: join(soakHome, 'corenlp'),
    port,
    heap: sizeFromEnv('DIPLOGRAPH_CORENLP_HEAP', '2g'),
    log: (line) => log(`corenlp: ${line}`),
  });
  if (!existsSync(join(corenlpDistDir(opts), 'manifest.json'))) {
    const why = `the CoreNLP jars are not cached in ${corenlpDistDir(opts)} (\`npm run corenlp -- start\` fetches them once)`;
    log(`running with CORENLP_URL=none: ${why}`);
    return { url: 'none', how: `none: ${why}`, stop: async () => {} };
  }
  await stopLocalCoreNlp(opts).catch(() => undefined);
  const local = new LocalCoreNlp(opts);
  try {
    const server = await local.start();
    const url = new URL(server.url);
    url.username = server.user ?? '';
    url.password = server.password ?? '';
    return { url: url.toString().replace(/\/$/, ''), how: `local CoreNLP on ${server.url}`, stop: () => local.stop() };
  } catch (error) {
    await local.stop().catch(() => undefined);
    log(`running with CORENLP_URL=none: the local CoreNLP did not start: ${(error as Error).message.split('\n')[0]}`);
    return { url: 'none', how: 'none: the local CoreNLP did not start', stop: async () => {} };
  }
}

// ---------------------------------------------------------------------------------------------
// The API, as a child process
// ---------------------------------------------------------------------------------------------

export interface SoakServe {
  child: ChildProcess;
  url: string;
  logPath: string;
  /** Lines the service wrote (stdout and stderr), kept to find what it logged of unexpected errors. */
  lines: string[];
  /** Set when the process exited before we stopped it. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  stop: () => Promise<void>;
}

export async function startServe(opts: {
  port: number;
  neo4j: LocalNeo4jHandle;
  corenlpUrl: string;
  apiKey: string;
}): Promise<SoakServe> {
  mkdirSync(soakHome, { recursive: true });
  const logPath = join(soakHome, 'serve.log');
  const out: WriteStream = createWriteStream(logPath);
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'diplograph.js'), 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NEO4J_URI: opts.neo4j.uri,
      NEO4J_USER: opts.neo4j.user,
      NEO4J_PASSWORD: opts.neo4j.password,
      NEO4J_DATABASE: '',
      CORENLP_URL: opts.corenlpUrl,
      HOST: '127.0.0.1',
      PORT: String(opts.port),
      DIPLOGRAPH_API_KEY: opts.apiKey,
      DIPLOGRAPH_API_KEYS: '',
      DIPLOGRAPH_READ_ACCESS: 'open',
      DIPLOGRAPH_CORS_ORIGINS: '',
      // The workload ingests what it needs; the seed would only add a start-up delay.
      DIPLOGRAPH_SEED: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serve: SoakServe = {
    child,
    url: '',
    logPath,
    lines: [],
    exited: null,
    stop: async () => {
      if (serve.exited || child.exitCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await gone;
      clearTimeout(timer);
    },
  };
  let partial = '';
  const take = (d: Buffer): void => {
    out.write(d);
    const text = partial + d.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    serve.lines.push(...parts);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) serve.exited = { code, signal };
    out.end();
  });
  const stop = serve.stop;
  serve.stop = async () => {
    stopping = true;
    await stop();
  };
  serve.url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(
      () => rejectUrl(new Error(`the API did not come up within 5 minutes; see ${logPath}`)),
      300_000,
    );
    const check = (): void => {
      const m = /GraphQL API \+ GraphiQL\s+(http:\/\/\S+)\/graphql/.exec(serve.lines.join('\n'));
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolveUrl(m[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(
        new Error(`the API exited with ${code} while starting; see ${logPath}:\n${serve.lines.slice(-15).join('\n')}`),
      );
    });
  });
  return serve;
}
