/**
 * The linguistic engine, three ways and one code path (as for Neo4j): CORENLP_URL set (one or several
 * comma-separated servers): those; nothing set: the local CoreNLP (src/nlp/local-corenlp.ts), started here
 * and stopped by `close()`; `docker compose up corenlp` gives a server to point CORENLP_URL at.
 * CORENLP_URL=none runs without an engine (openNlp returns null).
 */
import { CoreNlpClient, parseServers } from './client.ts';
import type { NlpClientOptions } from './client.ts';
import { defaultCoreNlpOptions, LocalCoreNlp } from './local-corenlp.ts';
import type { LocalCoreNlpOptions } from './local-corenlp.ts';

export interface NlpEngine {
  client: CoreNlpClient;
  /** How the engine was found, for logs: "CORENLP_URL (2 servers)", "local CoreNLP on http://127.0.0.1:9000". */
  how: string;
  /** The local server this process runs, when it runs one. */
  local: LocalCoreNlp | null;
  close: () => Promise<void>;
}

export interface OpenNlpOptions {
  /** Overrides CORENLP_URL (tests). */
  url?: string;
  local?: Partial<LocalCoreNlpOptions>;
  client?: Omit<NlpClientOptions, 'servers' | 'onDocument'>;
  log?: (line: string) => void;
}

export async function openNlp(options: OpenNlpOptions = {}): Promise<NlpEngine | null> {
  const url = options.url ?? process.env.CORENLP_URL;
  if (url?.trim() === 'none') return null;
  if (url !== undefined && url.trim() !== '') {
    const servers = parseServers(url);
    const client = new CoreNlpClient({ ...options.client, servers });
    return {
      client,
      how: `CORENLP_URL (${servers.length} server${servers.length === 1 ? '' : 's'})`,
      local: null,
      close: async () => {},
    };
  }
  const local = new LocalCoreNlp(
    defaultCoreNlpOptions({ ...(options.log ? { log: options.log } : {}), ...options.local }),
  );
  const server = await local.start();
  // The client asks the supervisor for the current server at each request: a restart keeps the URL and
  // credentials, so one client serves across restarts.
  const client = new CoreNlpClient({
    ...options.client,
    servers: [server],
    onDocument: () => local.noteDocument(),
    beforeRequest: () => local.ready(),
  });
  return { client, how: `local CoreNLP on ${server.url}`, local, close: () => local.stop() };
}
