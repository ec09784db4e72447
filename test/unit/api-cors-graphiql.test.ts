/** The API's browser-facing guards: no cross-origin access unless configured; GraphiQL from this server only. */
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { createYoga } from '../../src/api/yoga.ts';

// Never connected: these requests do not reach Neo4j.
const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'));
afterAll(() => driver.close());

function yogaWith(env: Record<string, string> = {}) {
  const config: AppConfig = { ...loadConfig(env), apiKey: 'test-key-0123456789abcdef' };
  return createYoga({ driver, config, parser: new ArticleParser(null) });
}

const query = JSON.stringify({ query: '{ __typename }' });

describe('CORS', () => {
  it('gives a page of another origin no CORS headers by default, on the request or the preflight', async () => {
    const yoga = yogaWith();
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: query,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await yoga.fetch('http://yoga/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('allows the origins named in DIPLOGRAPH_CORS_ORIGINS, without credentials, and no other', async () => {
    const yoga = yogaWith({ DIPLOGRAPH_CORS_ORIGINS: 'https://analysis.example.org, http://localhost:5173' });
    const preflight = await yoga.fetch('http://yoga/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const named = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { origin: 'https://analysis.example.org', 'content-type': 'application/json' },
      body: query,
    });
    expect(named.headers.get('access-control-allow-origin')).toBe('https://analysis.example.org');
    const other = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { origin: 'https://analysis.example.org.evil.example', 'content-type': 'application/json' },
      body: query,
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses origins that are not scheme://host[:port]', () => {
    for (const bad of ['*', 'analysis.example.org', 'https://analysis.example.org/path', 'ftp://x.example']) {
      expect(() => loadConfig({ DIPLOGRAPH_CORS_ORIGINS: bad })).toThrow(/DIPLOGRAPH_CORS_ORIGINS/);
    }
    expect(loadConfig({ DIPLOGRAPH_CORS_ORIGINS: 'https://a.example/' }).corsOrigins).toEqual(['https://a.example']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});

describe('GraphiQL', () => {
  it('is a page that loads its scripts from this server only, under a Content-Security-Policy', async () => {
    const yoga = yogaWith();
    const res = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:|\*)/);
    expect(csp).toContain("connect-src 'self'");
    // No CDN, no other host: every src/href is a path of this server (or a data: URL).
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^(\/graphql\/graphiql\/|data:)/);
    expect(html).not.toMatch(/https?:\/\//);
    // Every script element is a file (an inline one would be blocked by the policy) or a JSON data block.
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (/type="application\/json"/.test(m[1]!)) continue;
      expect(m[1]).toMatch(/src="/);
      expect(m[2]!.trim()).toBe('');
    }
  });

  it("serves the page's files and Monaco's workers from the installed package", async () => {
    const yoga = yogaWith();
    const html = await (await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } })).text();
    const refs = [...html.matchAll(/\b(?:src|href)="(\/graphql\/graphiql\/[^"]*)"/g)].map((m) => m[1]!);
    for (const path of [
      ...refs,
      '/graphql/graphiql/editor.worker.js',
      '/graphql/graphiql/json.worker.js',
      '/graphql/graphiql/graphql.worker.js',
    ]) {
      const res = await yoga.fetch(`http://yoga${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/(javascript|css)/);
      expect((await res.text()).length, path).toBeGreaterThan(100);
    }
    const js = await (await yoga.fetch('http://yoga/graphql/graphiql/graphiql.js')).text();
    expect(js).toContain('renderYogaGraphiQL');
    expect((await yoga.fetch('http://yoga/graphql/graphiql/../../etc/passwd')).status).toBe(404);
    expect((await yoga.fetch('http://yoga/graphql/graphiql/nothing.js')).status).toBe(404);
  });

  it('cannot be made to run script through its options', async () => {
    const { renderGraphiQL } = await import('../../src/api/graphiql.ts');
    const html = renderGraphiQL({
      title: '</title><script>alert(1)</script>',
      defaultQuery: '</script><script>alert(2)</script>',
    });
    expect(html).not.toContain('<script>alert');
  });
});
