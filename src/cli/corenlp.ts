/** `diplograph corenlp start|stop|status|env`: the local CoreNLP server that the embedded default uses. */
import {
  CORENLP_VERSION,
  coreNlpStatus,
  defaultCoreNlpOptions,
  LocalCoreNlpError,
  startCoreNlpProcess,
  stopLocalCoreNlp,
} from '../nlp/local-corenlp.ts';

const HELP = `usage: diplograph corenlp start|stop|status|env

  start   start the local Stanford CoreNLP ${CORENLP_VERSION} server in the background (fetched from Maven Central once)
  stop    stop it
  status  is it running, where, is it ready, its resident memory
  env     print CORENLP_URL (with its generated credentials) for other tools

Environment: DIPLOGRAPH_CORENLP_HOME (server folder, default .diplograph/corenlp), DIPLOGRAPH_CACHE (jar cache,
default ~/.cache/diplograph), DIPLOGRAPH_CORENLP_PORT (9000), DIPLOGRAPH_CORENLP_HEAP (3g),
DIPLOGRAPH_CORENLP_THREADS (2).`;

export async function run(args: string[]): Promise<number> {
  try {
    return await runAction(args);
  } catch (error) {
    // A coded failure (PORT_IN_USE, STORE_LOCKED, START_FAILED …) is said in one line, not as a stack.
    if (!(error instanceof LocalCoreNlpError)) throw error;
    console.error(`diplograph corenlp: ${error.code}: ${error.message}`);
    return 1;
  }
}

async function runAction(args: string[]): Promise<number> {
  const [action] = args;
  const opts = defaultCoreNlpOptions({ log: (line) => console.error(line) });
  switch (action) {
    case 'start': {
      const p = await startCoreNlpProcess(opts, { detached: true });
      console.log(
        `CoreNLP ${p.startedHere ? 'started' : 'already running'}: ${p.server.url} (pid ${p.pid}; user ${p.server.user}, password in ${opts.home}/auth.json)`,
      );
      return 0;
    }
    case 'stop': {
      console.log((await stopLocalCoreNlp(opts)) ? 'CoreNLP stopped.' : 'CoreNLP was not running.');
      return 0;
    }
    case 'status': {
      const s = await coreNlpStatus(opts);
      console.log(JSON.stringify({ version: CORENLP_VERSION, ...s }, null, 2));
      return s.running && s.ready ? 0 : 3;
    }
    case 'env': {
      const p = await coreNlpStatus(opts);
      if (!p.running) {
        console.error(`no local CoreNLP running in ${opts.home}: run 'diplograph corenlp start' first`);
        return 1;
      }
      const { readFileSync } = await import('node:fs');
      const auth = JSON.parse(readFileSync(`${opts.home}/auth.json`, 'utf8')) as { user: string; password: string };
      console.log(`export CORENLP_URL='http://${auth.user}:${auth.password}@127.0.0.1:${opts.port}'`);
      return 0;
    }
    default:
      console.log(HELP);
      return action === undefined || action === '--help' ? 0 : 2;
  }
}
