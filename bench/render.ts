/**
 * `npm run bench:render`: serves the explorer page alone (no database) and opens it in headless
 * Chromium with a synthetic network generated in the page (`?synthetic=NODESxEDGES`, default
 * 2000x5000). Prints the time to the data, the first frame and the settled layout (the page's
 * performance marks), then frame times while the camera pans and zooms.
 *
 * Then, in the last run's page, the same pan/zoom under render variants (labels, edges or nodes
 * off; nodes or edges forced to one sigma program), interleaved over rounds so machine load hits
 * them alike; the ratio column compares each with the page as shipped.
 *
 *   npm run bench:render -- --size 2000x5000 --runs 3 --pan-ms 4000 --variants --variant-ms 3000 --rounds 2
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createExplorerHandler } from '../src/explorer/serve.ts';
import { launchChromium } from '../src/explorer/browser.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '2000x5000' },
    runs: { type: 'string', default: '3' },
    'pan-ms': { type: 'string', default: '4000' },
    screenshot: { type: 'string' },
    variants: { type: 'boolean', default: false },
    'variant-ms': { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs));
const panMs = Math.max(500, Number(values['pan-ms']));
const variantMs = Math.max(500, Number(values['variant-ms']));
const rounds = Math.max(1, Number(values.rounds));

type RenderOptions = Parameters<NonNullable<Window['__diplograph']>['setRenderOptions']>[0];
const RESET: RenderOptions = { labels: true, edges: true, nodes: true, nodeType: null, edgeType: null };
const VARIANTS: { name: string; options: RenderOptions }[] = [
  { name: 'as shipped', options: {} },
  { name: 'before: shapes + arrows', options: { nodeType: 'shape', edgeType: 'arrow' } },
  { name: 'no labels', options: { labels: false } },
  { name: 'no edges', options: { edges: false } },
  { name: 'no nodes', options: { nodes: false } },
  { name: 'nothing (empty frame)', options: { edges: false, nodes: false, labels: false } },
  { name: 'nodes: shape (node-image)', options: { nodeType: 'shape' } },
  { name: 'nodes: circle', options: { nodeType: 'circle' } },
  { name: 'nodes: point', options: { nodeType: 'point' } },
  { name: 'edges: curved arrow', options: { edgeType: 'curved' } },
  { name: 'edges: straight arrow', options: { edgeType: 'arrow' } },
  { name: 'edges: rectangle', options: { edgeType: 'rectangle' } },
  { name: 'edges: line', options: { edgeType: 'line' } },
];

const explorer = createExplorerHandler();
const server = createServer((req, res) => {
  explorer(req, res)
    .then((handled) => {
      if (!handled) res.writeHead(404).end();
    })
    .catch((error: unknown) => res.writeHead(500).end(String(error)));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await launchChromium();
const fmt = (n: number) => n.toFixed(1).padStart(8);
try {
  console.log(
    `render bench: ${values.size} synthetic network, ${runs} runs, Chromium ${browser.version()} (headless, software WebGL)`,
  );
  console.log(
    'run    data ms  1st frame  layout ms  layout s  frames  mean ms   p95 ms   max ms  render ms  | edges hidden: mean ms  p95 ms',
  );
  for (let run = 1; run <= runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/explorer/?synthetic=${values.size}`);
    await page.waitForFunction(() => window.__diplograph?.marks()['dg:layout-done'] !== undefined, undefined, {
      timeout: 120_000,
      polling: 100,
    });
    const marks = await page.evaluate(() => window.__diplograph!.marks());
    const counts = await page.evaluate(() => [window.__diplograph!.nodeCount(), window.__diplograph!.edgeCount()]);
    const frames = await page.evaluate((ms) => window.__diplograph!.measurePanZoom(ms), panMs);
    // The same pan/zoom with the edges hidden: how much of a frame the 5,000 arrows cost.
    const nodesOnly = await page.evaluate(async (ms) => {
      window.__diplograph!.setRenderOptions({ edges: false });
      const stats = await window.__diplograph!.measurePanZoom(ms);
      window.__diplograph!.setRenderOptions({ edges: true });
      return stats;
    }, panMs);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const start = marks['dg:start'] ?? 0;
    const data = (marks['dg:data'] ?? NaN) - start;
    const first = (marks['dg:first-render'] ?? NaN) - start;
    const layout = (marks['dg:layout-done'] ?? NaN) - start;
    const layoutOnly = ((marks['dg:layout-done'] ?? NaN) - (marks['dg:data'] ?? NaN)) / 1000;
    console.log(
      `${String(run).padEnd(4)}${fmt(data)}   ${fmt(first)}  ${fmt(layout)}  ${fmt(layoutOnly)}  ${String(frames.frames).padStart(6)} ${fmt(frames.meanMs)} ${fmt(frames.p95Ms)} ${fmt(frames.maxMs)}   ${fmt(frames.renderMeanMs)}  |            ${fmt(nodesOnly.meanMs)} ${fmt(nodesOnly.p95Ms)}   (${counts[0]} nodes, ${counts[1]} edges)`,
    );
    if (values.screenshot && run === runs) await page.screenshot({ path: values.screenshot });
    if (values.variants && run === runs) await measureVariants(page);
    await page.close();
  }
  console.log(
    'times in ms from the page script start (dg:start); "layout s" = ForceAtlas2 time until it settled (capped at 10 s); frames = requestAnimationFrame intervals while panning/zooming; render ms = time in sigma\'s render call per frame (the rest is the GPU, here software).',
  );
} finally {
  await browser.close();
  server.close();
}

async function measureVariants(page: import('playwright-core').Page): Promise<void> {
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  const variants = VARIANTS.filter((v, i) => i === 0 || !only || only.has(v.name));
  const results = new Map<string, { means: number[]; p95s: number[]; render: number[]; frames: number }>();
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so drift in machine load does not favour the first variants.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const stats = await page.evaluate(
        async ({ options, reset, ms }) => {
          const d = window.__diplograph!;
          d.setRenderOptions(options);
          // Warm-up, not counted: frames still queued from the previous variant drain here.
          await d.measurePanZoom(500);
          const s = await d.measurePanZoom(ms);
          d.setRenderOptions(reset);
          return s;
        },
        { options: v.options, reset: RESET, ms: variantMs },
      );
      const r = results.get(v.name) ?? { means: [], p95s: [], render: [], frames: 0 };
      r.means.push(stats.meanMs);
      r.p95s.push(stats.p95Ms);
      r.render.push(stats.renderMeanMs);
      r.frames += stats.frames;
      results.set(v.name, r);
    }
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const shipped = avg(results.get('as shipped')?.means ?? [NaN]);
  console.log(`\nvariants (same page, ${rounds} round(s) of ${variantMs} ms each, interleaved):`);
  console.log('variant                      frames  mean ms   p95 ms  render ms  ratio to shipped');
  for (const v of variants) {
    const r = results.get(v.name)!;
    console.log(
      `${v.name.padEnd(28)} ${String(r.frames).padStart(6)} ${fmt(avg(r.means))} ${fmt(avg(r.p95s))}   ${fmt(avg(r.render))}   ${(avg(r.means) / shipped).toFixed(2)}`,
    );
  }
}
