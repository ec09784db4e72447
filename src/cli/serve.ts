/**
 * `npm start` / `diplograph serve`: ensure Neo4j (NEO4J_URI, else the local server), apply the
 * schema, ingest seed/, serve GraphQL. SIGINT/SIGTERM close the server, the driver, then the Neo4j
 * this process started.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, DEFAULT_DRAIN_MS, loadConfig, type AppConfig } from '../config.ts';
import { openNeo4j, type Neo4jConnection } from '../store/driver.ts';
import { defaultLocalOptions, LocalNeo4jError } from '../store/local-neo4j.ts';
import { migrate } from '../store/schema.ts';
import { articlePool, closeArticlePool } from '../pipeline/extractor.ts';
import { ingestSeed } from '../pipeline/seed.ts';
import { startServer, type RunningServer } from '../server.ts';
import { ArticleParser } from '../ingest/article-parser.ts';
import { openNlp, type NlpEngine } from '../nlp/engine.ts';
import { LocalCoreNlpError } from '../nlp/local-corenlp.ts';
import { NlpError } from '../nlp/errors.ts';

const HELP = `usage: diplograph serve

Starts the API (GraphQL at /graphql with GraphiQL, /health, /ready, /explorer).
Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (else a local Neo4j is started),
HOST (127.0.0.1), PORT (4000), DIPLOGRAPH_API_KEY (mutations; generated and kept in .diplograph/api-key
when unset; "none" leaves them open), DIPLOGRAPH_READ_ACCESS (open | key), DIPLOGRAPH_SEED (folder to
ingest at start, default seed; "none" to skip), CORENLP_URL (comma-separated CoreNLP servers; else a local
CoreNLP is started; "none" runs without one), DIPLOGRAPH_DRAIN_MS (on SIGTERM, how long requests in flight
may finish, default 10000). SIGHUP is ignored: the service stops on SIGINT or SIGTERM.`;

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);

/** The demo's API key: DIPLOGRAPH_API_KEY, else one generated once and kept beside the local data. */
function resolveApiKey(config: AppConfig): { key: string | null; generated: boolean; path: string | null } {
  if (config.apiKey !== undefined) return { key: config.apiKey, generated: false, path: null };
  const path = join(repoRoot, '.diplograph', 'api-key');
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), generated: false, path };
  mkdirSync(dirname(path), { recursive: true });
  const key = `dg_${randomBytes(24).toString('base64url')}`;
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return { key, generated: true, path };
}

/** What stopping the service also stops, for the banner. */
function stopNote(neo4j: boolean, corenlp: boolean): string {
  const ours = [neo4j ? 'the local Neo4j' : null, corenlp ? 'the local CoreNLP' : null].filter(Boolean);
  return ours.length > 0 ? ` (stops ${ours.join(' and ')} too${neo4j ? '; data is kept' : ''})` : '';
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const t0 = Date.now();
  const log = (line: string): void => console.error(`[diplograph] ${line}`);
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`diplograph: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const apiKey = resolveApiKey(config);
  config = { ...config, apiKey: apiKey.key };

  let connection: Neo4jConnection | null = null;
  let nlp: NlpEngine | null = null;
  let nlpStarting: Promise<NlpEngine | null> | null = null;
  let server: RunningServer | null = null;
  let stopping: Promise<void> | null = null;
  const shutdown = (signal: string): Promise<void> => {
    stopping ??= (async () => {
      log(`${signal}: shutting down …`);
      if (server)
        log(
          `draining requests in flight (up to ${(config.drainMs ?? DEFAULT_DRAIN_MS) / 1000} s, DIPLOGRAPH_DRAIN_MS) …`,
        );
      if (server) await server.close().catch((e: unknown) => log(`closing the HTTP server failed: ${String(e)}`));
      await closeArticlePool();
      if (connection) await connection.close().catch((e: unknown) => log(`closing Neo4j failed: ${String(e)}`));
      // An engine still starting is stopped once it is up (or has failed).
      nlp ??= await (nlpStarting ?? Promise.resolve(null)).catch(() => null);
      if (nlp) await nlp.close().catch((e: unknown) => log(`stopping CoreNLP failed: ${String(e)}`));
      log('stopped.');
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: still shutting down (Neo4j is being stopped cleanly)`);
      return;
    }
    void shutdown(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A terminal closing sends SIGHUP, which would end a service started with `nohup … &` or `… &` and
  // then logged out of: the service runs until SIGINT or SIGTERM, and says so.
  process.on('SIGHUP', () => log('SIGHUP ignored (the service stops on SIGINT or SIGTERM)'));
  // `npm start` does not pass a SIGTERM sent to npm on to us: when npm goes away, shut down as for
  // SIGTERM, so that killing npm still stops the local Neo4j. Only under npm (npm_lifecycle_event is set
  // by npm for its scripts): a service started with nohup or `&` is reparented when its shell exits, and
  // must keep running.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    const parentWatch = setInterval(() => {
      if (process.ppid !== parent) onSignal('SIGTERM');
    }, 1000);
    parentWatch.unref();
  }

  try {
    // The linguistic engine starts beside Neo4j (both are JVMs that take seconds to load).
    nlpStarting = openNlp({ log });
    nlpStarting.catch(() => undefined);
    connection = await openNeo4j(config, { log });
    if (stopping) return 0;
    const applied = await migrate(connection.driver, connection.target.database);
    if (applied.length > 0) log(`schema migrations applied: ${applied.join(', ')}`);
    // Articles, the seed's included, are stored with the parse of their candidate sentences.
    nlp = await nlpStarting;
    if (stopping) return 0;
    const parser = ArticleParser.of(nlp);
    if (parser.warning) log(`warning: ${parser.warning}`);
    if (config.seedDir) {
      const seedDir = resolve(config.seedDir);
      const summary = await ingestSeed(connection.driver, seedDir, parser, connection.target.database);
      log(`seed ${seedDir}: ${summary}`);
    }
    if (stopping) return 0;
    server = await startServer({
      driver: connection.driver,
      database: connection.target.database,
      config,
      parser,
      log,
    });
    // The extraction threads of ingestArticle start now, not at the first article (each loads the extractor: a
    // second or more of CPU).
    articlePool();
  } catch (error) {
    if (
      error instanceof LocalNeo4jError ||
      error instanceof ConfigError ||
      error instanceof LocalCoreNlpError ||
      error instanceof NlpError
    ) {
      console.error(`diplograph: ${error.message}`);
      await shutdown('error');
      return 1;
    }
    await shutdown('error');
    throw error;
  }

  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const shown = server.url.replace('//127.0.0.1:', '//localhost:');
  const lines = [
    '',
    `diplograph is up (${seconds} s)`,
    `  GraphQL API + GraphiQL  ${shown}/graphql`,
    `  Network explorer        ${shown}/explorer/`,
    `  Health / readiness      ${shown}/health  ${shown}/ready`,
    `  Neo4j                   ${connection.target.uri} (user ${connection.target.user}${config.neo4j ? '' : `, password in ${join(defaultLocalOptions().home, 'auth.json')}`})`,
    connection.browserUrl ? `  Neo4j Browser           ${connection.browserUrl}` : null,
    `  CoreNLP                 ${nlp ? nlp.how : 'none (CORENLP_URL=none)'}`,
    apiKey.key
      ? `  API key (mutations)     ${apiKey.key}${apiKey.generated ? '  (generated now, kept in .diplograph/api-key)' : apiKey.path ? `  (from ${apiKey.path})` : ''}\n                          send it as: Authorization: Bearer ${apiKey.key}`
      : '  API key                 none: mutations are open (DIPLOGRAPH_API_KEY=none)',
    `  Stop                    Ctrl-C, or kill -TERM ${process.pid}${stopNote(connection.startedServer, nlp?.local !== null && nlp !== null)}`,
    '',
  ].filter((l): l is string => l !== null);
  console.log(lines.join('\n'));
  // Stay up until a signal arrives.
  await new Promise<void>(() => {});
  return 0;
}
