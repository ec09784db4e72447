/**
 * Serves the built explorer page (dist/explorer/) under /explorer. Only files found in the build
 * are served, looked up by exact name in a table, so no request path can reach anything else.
 * index.html is revalidated on every load; the content-hashed assets are cached for a year.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildExplorer, DEFAULT_DIST_DIR } from './build.ts';

export const EXPLORER_PREFIX = '/explorer';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The page loads only its own assets and talks only to this server. Workers come from blob: URLs
 * (the layout runs in one) and node shapes are data: images drawn into a WebGL texture.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface StaticFile {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  etag: string;
  cacheControl: string;
}

interface FileTable {
  files: Map<string, StaticFile>;
  indexMtimeMs: number;
}

export interface ExplorerHandlerOptions {
  /** Where the built page lives; default dist/explorer/ of the package. */
  distDir?: string;
  /** Build the page on first request when distDir has no index.html (default true). */
  buildIfMissing?: boolean;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

async function loadTable(distDir: string): Promise<FileTable> {
  const files = new Map<string, StaticFile>();
  for (const name of await listFiles(distDir)) {
    const body = await readFile(join(distDir, name));
    const type = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
    const compressible = /^(?:text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
    files.set(name, {
      body,
      gzip: compressible ? gzipSync(body) : null,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      // Assets carry a content hash in their name; everything else must be revalidated.
      cacheControl: name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  const indexMtimeMs = (await stat(join(distDir, 'index.html'))).mtimeMs;
  return { files, indexMtimeMs };
}

async function indexMtime(distDir: string): Promise<number | null> {
  try {
    return (await stat(join(distDir, 'index.html'))).mtimeMs;
  } catch {
    return null;
  }
}

/** The file name under the build for a request path below /explorer/, or null if it cannot be one. */
export function resolveExplorerPath(rawPath: string): string | null {
  if (!rawPath.startsWith(`${EXPLORER_PREFIX}/`)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(rawPath.slice(EXPLORER_PREFIX.length + 1));
  } catch {
    return null;
  }
  if (rel === '') return 'index.html';
  if (rel.includes('\0') || rel.includes('\\') || rel.startsWith('/')) return null;
  if (rel.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return null;
  return rel;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/**
 * A request handler for /explorer and everything below it; resolves false (having sent nothing)
 * for any other path.
 */
export function createExplorerHandler(
  options: ExplorerHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  const buildIfMissing = options.buildIfMissing ?? true;
  let loaded: FileTable | null = null;

  const ensureTable = async (): Promise<FileTable> => {
    let mtime = await indexMtime(distDir);
    if (mtime === null) {
      if (!buildIfMissing) throw new Error(`the explorer page is not built (${distDir} has no index.html)`);
      await buildExplorer({ distDir });
      mtime = await indexMtime(distDir);
    }
    // Reloaded when the page was rebuilt while the server runs.
    if (!loaded || loaded.indexMtimeMs !== mtime) loaded = await loadTable(distDir);
    return loaded;
  };
  let pending: Promise<FileTable> | null = null;

  return async (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path !== EXPLORER_PREFIX && !path.startsWith(`${EXPLORER_PREFIX}/`)) return false;

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
      return true;
    }
    if (path === EXPLORER_PREFIX) {
      // The page uses relative asset URLs, so it must be loaded from /explorer/.
      res.writeHead(308, {
        location: `${EXPLORER_PREFIX}/${q === -1 ? '' : url.slice(q)}`,
        'cache-control': 'no-cache',
      });
      res.end();
      return true;
    }
    const name = resolveExplorerPath(path);
    if (name === null) {
      sendText(res, 404, 'not found\n');
      return true;
    }

    let files: FileTable;
    try {
      // One build or load at a time, however many requests arrive while it runs.
      pending ??= ensureTable().finally(() => {
        pending = null;
      });
      files = await pending;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      sendText(res, 503, `The explorer page could not be built or loaded.\n${reason}\nRun: npm run build:explorer\n`);
      return true;
    }

    const file = files.files.get(name);
    if (!file) {
      sendText(res, 404, 'not found\n');
      return true;
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (name === 'index.html') headers['content-security-policy'] = CSP;
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const gzip = file.gzip !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip && file.gzip ? file.gzip : file.body;
    if (gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
