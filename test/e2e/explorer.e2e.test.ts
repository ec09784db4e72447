/**
 * The explorer as an analyst uses it: the gold articles go through extract() and the store's
 * ingest API into the real Neo4j, the real HTTP server (src/server.ts) serves /graphql and
 * /explorer, and Debian's Chromium drives the page: search "China", see the network, open a
 * relation and read its evidence, open an actor, filter. Screenshots land in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { launchChromium } from '../../src/explorer/browser.ts';
import { RELATIONS } from '../../src/ontology.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { seedGoldGraph } from '../fixtures/api/gold-inputs.ts';
import { testDriver, testTarget } from '../support/neo4j.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let driver: Driver;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  driver = testDriver();
  const database = testTarget().database;
  await seedGoldGraph(driver, database);
  const config = {
    ...loadConfig({}),
    host: '127.0.0.1',
    port: 0,
    readAccess: 'open' as const,
    apiKey: 'e2e-key-0123456789abcdef',
  };
  server = await startServer({ driver, database, config, parser: new ArticleParser(null) });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await driver?.close();
});

async function openPage(path = '/explorer/'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => window.__diplograph !== undefined);
  return { page, errors };
}

async function searchLikeAPerson(page: Page, text: string): Promise<void> {
  await page.keyboard.press('/');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search');
  await page.keyboard.type(text, { delay: 30 });
  await page.locator('#search-results [role="option"]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__diplograph!.ready() && window.__diplograph!.nodeCount() > 0, undefined, {
    timeout: 30_000,
  });
}

async function waitForLayout(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__diplograph!.marks()['dg:layout-done'] !== undefined, undefined, {
    timeout: 30_000,
  });
}

describe('the network explorer', () => {
  it('finds China, draws its network and shows the evidence of a relation', async () => {
    const { page, errors } = await openPage();
    await searchLikeAPerson(page, 'China');
    const counts = await page.evaluate(() => ({
      nodes: window.__diplograph!.nodeCount(),
      edges: window.__diplograph!.edgeCount(),
    }));
    expect(counts.nodes).toBeGreaterThan(1);
    expect(counts.edges).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__diplograph!.nodeIds())).toContain('country:CHN');
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('China');
    expect(new URL(page.url()).searchParams.get('actor')).toBe('country:CHN');
    await waitForLayout(page);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-china.png') });

    // The USA → China accusation, chosen from the keyboard list of relations.
    const edges = await page.evaluate(() => window.__diplograph!.edges());
    const accusation =
      edges.find((e) => e.source === 'country:USA' && e.target === 'country:CHN' && e.relation === 'ACCUSES') ??
      edges[0]!;
    await page.locator('#tab-edges').click();
    const option = page.locator(`#edge-list [role="option"][data-id="${accusation.id}"]`);
    const index = Number(await option.getAttribute('data-index'));
    await page.locator('#edge-list').focus(); // focus makes the first relation active
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => window.__diplograph!.selection()))
      .toEqual({ type: 'edge', id: accusation.id });

    await page.locator('#tab-details').click();
    const evidence = page.locator('.events .evidence').first();
    await evidence.waitFor({ timeout: 15_000 });
    const sentence = await evidence.textContent();
    expect(sentence?.length).toBeGreaterThan(20);
    const source = await evidence.locator('mark.mention.source').textContent();
    const target = await evidence.locator('mark.mention.target').textContent();
    expect(source).toBeTruthy();
    expect(target).toBeTruthy();
    expect(sentence).toContain(source!);
    expect(sentence).toContain(target!);
    if (accusation.relation === 'ACCUSES' && accusation.source === 'country:USA') {
      // Dawn and Reuters report one accusation: one card for the incident, its repeat hidden until asked for
      await expect.poll(() => page.locator('.events > .event').count()).toBe(1);
      expect(await page.locator('.events .incident-reports').first().textContent()).toBe('2 reports');
      await page.locator('#one-card-per-incident').uncheck();
      await expect.poll(() => page.locator('.events > .event').count()).toBe(2);
      expect(await page.locator('.events').textContent()).toContain('accused Beijing');
      await page.locator('#one-card-per-incident').check();
      await expect.poll(() => page.locator('.events > .event').count()).toBe(1);
      // the exchange as a thread: the accusation, then China's denials answering it, in time order
      const thread = page.locator('.events .thread').first();
      await thread.waitFor();
      const steps = await thread.locator('.thread-step').allTextContents();
      expect(steps[0]).toContain('this report');
      expect(steps.slice(1).some((s) => /answered by/.test(s) && /China DENIES United States/.test(s))).toBe(true);
      const dates = steps.map((s) => s.slice(0, 10));
      expect([...dates].sort()).toEqual(dates);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-exchange-thread.png') });
    }
    expect(await page.locator('.events .article').first().textContent()).toMatch(/\S/);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-edge-evidence.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens an actor on a mouse click: aliases, affiliations and top relations', async () => {
    const { page, errors } = await openPage('/explorer/?actor=country:CHN');
    await page.waitForFunction(() => window.__diplograph!.ready() && window.__diplograph!.nodeCount() > 0);
    await waitForLayout(page);
    await page.locator('#expand-on-click').uncheck();
    const target = await page.evaluate(() => {
      const d = window.__diplograph!;
      const other = d.edges().find((e) => e.source === 'country:CHN' || e.target === 'country:CHN');
      const id = other ? (other.source === 'country:CHN' ? other.target : other.source) : 'country:CHN';
      return { id, pos: d.nodeViewportPosition(id) };
    });
    expect(target.pos).not.toBeNull();
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + target.pos!.x, box.y + target.pos!.y);
    await expect
      .poll(() => page.evaluate(() => window.__diplograph!.selection()))
      .toEqual({ type: 'node', id: target.id });
    await page.locator('.details .rel-list, .details .muted').first().waitFor();
    expect(await page.locator('#details-title').textContent()).toBeTruthy();
    expect(await page.locator('.detail-section h3').allTextContents()).toContainEqual(
      expect.stringMatching(/^Top relations/),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-actor.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by relation type and by dates, and keeps the filters in the address', async () => {
    // The United States: in the gold graph it both cooperates and accuses, so the filter keeps some edges and drops
    // others (China has no cooperative edge there: the filtered list was empty and the check below vacuous).
    const { page } = await openPage('/explorer/?actor=country:USA');
    await page.waitForFunction(() => window.__diplograph!.ready() && window.__diplograph!.edgeCount() > 0);
    const before = await page.evaluate(() => window.__diplograph!.edges().map((e) => e.relation));
    // The filter's "cooperation" group: the relations of non-negative score in the ontology.
    const cooperative = new Set<string>([...RELATIONS.values()].filter((r) => r.score >= 0).map((r) => r.name));
    expect(before.some((r) => cooperative.has(r))).toBe(true);
    expect(before.some((r) => !cooperative.has(r))).toBe(true);

    const loads = () => page.evaluate(() => window.__diplograph!.marks()['dg:data']);
    let previous = await loads();
    await page.locator('#rel-cooperation').click();
    await expect.poll(loads, { timeout: 15_000 }).not.toBe(previous);
    await page.waitForFunction(() => window.__diplograph!.ready());
    const cooperativeOnly = await page.evaluate(() => window.__diplograph!.edges().map((e) => e.relation));
    expect(cooperativeOnly.length).toBeGreaterThan(0);
    expect(cooperativeOnly.every((r) => cooperative.has(r))).toBe(true);
    expect(new URL(page.url()).searchParams.get('relations')).toBeTruthy();

    await page.locator('#rel-all').click();
    previous = await loads();
    await page.locator('#filter-from').fill('2030-01-01');
    await expect.poll(loads, { timeout: 15_000 }).not.toBe(previous);
    await page.waitForFunction(() => window.__diplograph!.ready());
    expect(await page.evaluate(() => window.__diplograph!.edgeCount())).toBe(0);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2030-01-01');
    await page.close();
  });

  it('renders a synthetic network of 2,000 actors and 5,000 relations', async () => {
    const { page, errors } = await openPage('/explorer/?synthetic=2000x5000');
    await page.waitForFunction(() => window.__diplograph!.marks()['dg:first-render'] !== undefined, undefined, {
      timeout: 60_000,
    });
    const counts = await page.evaluate(() => ({
      nodes: window.__diplograph!.nodeCount(),
      edges: window.__diplograph!.edgeCount(),
    }));
    expect(counts.edges).toBe(5000);
    expect(counts.nodes).toBeGreaterThan(1500);
    await waitForLayout(page);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-synthetic-2000x5000.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
