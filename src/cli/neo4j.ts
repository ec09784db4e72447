/** `diplograph neo4j start|stop|status|env`: the local Neo4j that the embedded default uses. */
import {
  defaultLocalOptions,
  localAuth,
  localStatus,
  LocalNeo4jError,
  NEO4J_VERSION,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../store/local-neo4j.ts';

const HELP = `usage: diplograph neo4j start|stop|status|env

  start   start the local Neo4j ${NEO4J_VERSION} in the background (fetched from Maven Central once)
  stop    stop it
  status  is it running, where, and does Bolt answer
  env     print NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD for the local server (eval "$(diplograph neo4j env)")

Environment: DIPLOGRAPH_HOME (server folder, default .diplograph/neo4j), DIPLOGRAPH_CACHE (jar cache,
default ~/.cache/diplograph), DIPLOGRAPH_NEO4J_BOLT_PORT (7687), DIPLOGRAPH_NEO4J_HTTP_PORT (7474),
DIPLOGRAPH_NEO4J_HEAP (1g), DIPLOGRAPH_NEO4J_PAGECACHE (1g).`;

export async function run(args: string[]): Promise<number> {
  try {
    return await runAction(args);
  } catch (error) {
    // A coded failure (PORT_IN_USE, STORE_LOCKED, START_FAILED …) is said in one line, not as a stack.
    if (!(error instanceof LocalNeo4jError)) throw error;
    console.error(`diplograph neo4j: ${error.code}: ${error.message}`);
    return 1;
  }
}

async function runAction(args: string[]): Promise<number> {
  const [action] = args;
  const opts = defaultLocalOptions({ log: (line) => console.error(line) });
  switch (action) {
    case 'start': {
      const h = await startLocalNeo4j(opts, { detached: true });
      console.log(
        `Neo4j ${h.startedHere ? 'started' : 'already running'}: ${h.uri} (pid ${h.pid})\nNeo4j Browser: ${h.browserUrl} (user ${h.user}; password in ${opts.home}/auth.json)`,
      );
      return 0;
    }
    case 'stop': {
      const stopped = await stopLocalNeo4j(opts);
      console.log(stopped ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return 0;
    }
    case 'status': {
      const s = await localStatus(opts);
      console.log(JSON.stringify({ version: NEO4J_VERSION, ...s }, null, 2));
      return s.running && s.boltAnswers ? 0 : 3;
    }
    case 'env': {
      const auth = localAuth(opts);
      if (!auth) {
        console.error(`no local Neo4j in ${opts.home} yet: run 'diplograph neo4j start' first`);
        return 1;
      }
      console.log(
        `export NEO4J_URI=bolt://127.0.0.1:${opts.boltPort}\nexport NEO4J_USER=${auth.user}\nexport NEO4J_PASSWORD='${auth.password}'`,
      );
      return 0;
    }
    default:
      console.log(HELP);
      return action === undefined || action === '--help' ? 0 : 2;
  }
}
