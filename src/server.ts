/**
 * The HTTP server: `/graphql` (graphql-yoga, with GraphiQL), `/health` (the process is alive),
 * `/ready` (Neo4j answers), `/explorer` (the network view). Nothing else is served.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { DEFAULT_DRAIN_MS, type AppConfig } from './config.ts';
import type { ArticleParser } from './ingest/article-parser.ts';
import { createYoga } from './api/yoga.ts';
import { createExplorerHandler } from './explorer/serve.ts';

export interface ServerDeps {
  driver: Driver;
  database?: string;
  config: AppConfig;
  /** Parses the articles the ingestArticle mutation stores. */
  parser: ArticleParser;
  log?: (msg: string) => void;
}

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const yoga = createYoga(deps);
  const explorer = createExplorerHandler();
  const started = Date.now();
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') {
      sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
      return;
    }
    if (path === '/ready') {
      try {
        await deps.driver.verifyConnectivity({ database: deps.database });
        sendJson(res, 200, { status: 'ready', neo4j: 'ok' });
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'UNAVAILABLE';
        sendJson(res, 503, { status: 'unavailable', neo4j: code });
      }
      return;
    }
    if (path === '/graphql' || path.startsWith('/graphql/')) {
      await yoga(req, res);
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/explorer/' });
      res.end();
      return;
    }
    if (await explorer(req, res)) return;
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${path}` } });
  };
}

/** Listens on config.host:config.port (port 0 picks a free one); resolves once listening. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const handler = createRequestHandler(deps);
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      deps.log?.(`request ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' } });
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(deps.config.port, deps.config.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const wildcard = deps.config.host === '0.0.0.0' || deps.config.host === '::';
  const host = wildcard ? '127.0.0.1' : deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => drainAndClose(server, deps.config.drainMs ?? DEFAULT_DRAIN_MS, deps.log),
  };
}

/**
 * Stops accepting connections, lets the requests in flight finish (a mutation mid-write gets its answer)
 * for up to `drainMs`, then cuts what is left. Idle keep-alive connections are closed at once, and each
 * busy one once its response is sent, so a client cannot hold the server open by sending more requests.
 */
export async function drainAndClose(server: Server, drainMs: number, log?: (msg: string) => void): Promise<void> {
  const closed = new Promise<void>((resolveClose, rejectClose) =>
    server.close((err) => (err ? rejectClose(err) : resolveClose())),
  );
  // A request that still arrives on a kept-alive connection during the drain is answered with
  // Connection: close, so that its client does not send the next one there.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) =>
    res.setHeader('connection', 'close'),
  );
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<'cut'>((resolveCut) => {
    timer = setTimeout(() => resolveCut('cut'), drainMs);
  });
  try {
    if ((await Promise.race([closed.then(() => 'drained' as const), cut])) === 'cut') {
      log?.(`requests still in flight after ${drainMs} ms (DIPLOGRAPH_DRAIN_MS): their connections are closed`);
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(idle);
    clearTimeout(timer);
  }
}
