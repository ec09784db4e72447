/**
 * GraphiQL in Chromium as an analyst on a locked-down machine opens it: the page draws its editors with
 * every file from this server (no request leaves it) and nothing is blocked by its Content-Security-Policy.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { launchChromium } from '../../src/explorer/browser.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

// GraphiQL's page and files never touch Neo4j: a driver that is never connected is enough.
const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({
    driver,
    config: { ...loadConfig({}), host: '127.0.0.1', port: 0, apiKey: 'e2e-key-0123456789abcdef' },
    parser: new ArticleParser(null),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await driver.close();
});

it('GraphiQL draws its editors from this server alone, within its Content-Security-Policy', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // A script or style the policy blocks is reported on the console as an error.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('request', (r) => {
    if (!/^(?:data|blob):/.test(r.url()) && !r.url().startsWith(server.url)) elsewhere.push(r.url());
  });
  const res = await page.goto(`${server.url}/graphql`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  // GraphiQL nests a second .graphiql-container inside the first.
  await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator('.monaco-editor').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  // Monaco draws spaces as no-break spaces.
  expect((await page.locator('.graphiql-container').first().textContent())?.replace(/\s+/g, ' ')).toContain(
    'Welcome to diplograph',
  );
  expect(problems).toEqual([]);
  expect(elsewhere).toEqual([]);
  await page.close();
});
