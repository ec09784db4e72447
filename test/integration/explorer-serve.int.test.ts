/**
 * The /explorer handler over real HTTP: the built page and its assets with the right types and
 * caching, revalidation, gzip, and nothing outside the build reachable. (No Neo4j needed.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../src/explorer/build.ts';
import { createExplorerHandler, resolveExplorerPath } from '../../src/explorer/serve.ts';

let server: Server;
let base: string;
let dist: string;

beforeAll(async () => {
  dist = join(mkdtempSync(join(tmpdir(), 'diplograph-explorer-')), 'explorer');
  await buildExplorer({ distDir: dist, minify: true });
  const explorer = createExplorerHandler({ distDir: dist, buildIfMissing: false });
  server = createServer((req, res) => {
    void explorer(req, res).then((handled) => {
      if (!handled) res.writeHead(404, { 'x-handled': 'no' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(join(dist, '..'), { recursive: true, force: true });
});

/** Raw HTTP (fetch would normalise ../ away before sending). */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the explorer handler', () => {
  it('redirects /explorer to /explorer/ keeping the query', async () => {
    const res = await get('/explorer?actor=country:CHN');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/explorer/?actor=country:CHN');
  });

  it('serves the page (revalidated, with a CSP) and its hashed assets (cached for a year)', async () => {
    const page = await get('/explorer/?synthetic=10x10');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const html = page.body.toString('utf8');
    const js = /src="(assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const css = /href="(assets\/style-[A-Z0-9]+\.css)"/.exec(html)?.[1];
    expect(js && css).toBeTruthy();
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

    const script = await get(`/explorer/${js}`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body.toString('utf8')).toContain('__diplograph');
    const style = await get(`/explorer/${css}`);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 304 to a matching ETag, gzips when asked, and serves HEAD without a body', async () => {
    const first = await get('/explorer/');
    const etag = String(first.headers.etag);
    expect((await get('/explorer/', { 'if-none-match': etag })).status).toBe(304);
    const zipped = await get('/explorer/', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    const head = await get('/explorer/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get('/explorer/', {}, 'POST')).status).toBe(405);
  });

  it('reaches nothing outside the build', async () => {
    for (const path of [
      '/explorer/../package.json',
      '/explorer/%2e%2e/package.json',
      '/explorer/assets/..%2f..%2fpackage.json',
      '/explorer/..%5cpackage.json',
      '/explorer/%00',
      '/explorer/nope.js',
      '/explorer/assets/',
      '/explorer//etc/passwd',
      '/explorer/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString('utf8')).not.toContain('"name"');
    }
    expect(resolveExplorerPath('/explorer/a/../b')).toBeNull();
    expect(resolveExplorerPath('/explorer/assets/app-X.js')).toBe('assets/app-X.js');
  });

  it('leaves other paths alone', async () => {
    for (const path of ['/', '/graphql', '/explorers', '/explorer.js'])
      expect((await get(path)).headers['x-handled'], path).toBe('no');
  });

  it('says how to build the page when it is missing and building is off', async () => {
    const handler = createExplorerHandler({ distDir: join(dist, '..', 'missing'), buildIfMissing: false });
    const missing = createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => missing.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(missing.address() as AddressInfo).port}/explorer/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:explorer');
    } finally {
      missing.closeAllConnections();
      missing.close();
    }
  });
});
