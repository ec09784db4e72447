/**
 * `npm run bench:extract`: extract() over the gold articles (test/gold/articles/*, if present) and seed/,
 * repeated for at least 5 s on one core; prints articles/s and tokens/s.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/ingest/extract.ts';
import type { ArticleInput } from '../src/ingest/types.ts';

function load(dir: string): ArticleInput[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((f): ArticleInput[] => {
    const p = join(dir, f);
    if (f.endsWith('.txt')) return [{ id: f, text: readFileSync(p, 'utf8') }];
    if (f.endsWith('.html') || f.endsWith('.htm')) return [{ id: f, html: readFileSync(p, 'utf8') }];
    if (f.endsWith('.json') && !f.endsWith('.meta.json')) {
      const v = JSON.parse(readFileSync(p, 'utf8')) as ArticleInput;
      return v.text || v.html ? [{ ...v, id: v.id ?? f }] : [];
    }
    return [];
  });
}

const articles = [...load('test/gold/articles'), ...load('seed')];
if (articles.length === 0) {
  console.error('bench:extract: no articles found in test/gold/articles or seed/');
  process.exit(2);
}
// Whitespace tokens per article, counted once outside the timed loop.
const tokensPerArticle = articles.map((a) => ((a.text ?? a.html ?? '').match(/\S+/g) ?? []).length);
for (const a of articles) extract(a); // warm-up: module-level data and model are already loaded
let docs = 0;
let tokens = 0;
let events = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
while (performance.now() - t0 < 5000) {
  for (let k = 0; k < articles.length; k += 1) {
    events += extract(articles[k]!).events.length;
    docs += 1;
    tokens += tokensPerArticle[k]!;
  }
}
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`articles: ${articles.length} distinct, ${docs} extractions in ${secs.toFixed(2)} s (one core)`);
console.log(`articles/s: ${(docs / secs).toFixed(1)}`);
console.log(`tokens/s: ${Math.round(tokens / secs)} (whitespace tokens of the input)`);
console.log(`events per pass: ${(events / docs * articles.length).toFixed(0)}`);
// On a shared machine wall time includes waiting for the CPU; CPU time does not (it counts every thread, GC helpers too).
console.log(`articles per CPU-second: ${(docs / cpuSecs).toFixed(1)} (${cpuSecs.toFixed(2)} s of CPU, all threads, in ${secs.toFixed(2)} s)`);
