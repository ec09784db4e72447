/**
 * `npm run bench:extract`: extract() over the gold articles (test/gold/dev/articles/*, if present) and seed/,
 * in rounds for at least 10 s on one core, alternating with a baseline (wink-nlp's reading of the same
 * clean texts, what extraction starts from); prints articles/s, tokens/s and the ratio to the baseline.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanBody } from '../src/ingest/clean.ts';
import { extract } from '../src/ingest/extract.ts';
import { readInput } from '../src/ingest/input.ts';
import { analyse } from '../src/ingest/nlp.ts';
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

const articles = [...load('test/gold/dev/articles'), ...load('seed')];
if (articles.length === 0) {
  console.error('bench:extract: no articles found in test/gold/dev/articles or seed/');
  process.exit(2);
}
// Whitespace tokens per article, counted once outside the timed loop.
const tokensPerArticle = articles.map((a) => ((a.text ?? a.html ?? '').match(/\S+/g) ?? []).length);
for (const a of articles) extract(a); // warm-up: module-level data and model are already loaded

// The baseline, run in the same process in alternating rounds: wink-nlp's reading (tokens, sentences,
// parts of speech, lemmas) of each article's clean text, the pass extraction starts from. The ratio
// extract / baseline moves far less with the machine's speed than articles/s does.
const cleanTexts = articles.map((a) => {
  const raw = readInput(a);
  return cleanBody(raw.body, raw.title).text;
});
for (const t of cleanTexts) analyse(t);

let docs = 0;
let tokens = 0;
let events = 0;
let extractMs = 0;
let baseMs = 0;
let baseDocs = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
while (performance.now() - t0 < 10000) {
  let t = performance.now();
  for (let k = 0; k < articles.length; k += 1) {
    events += extract(articles[k]!).events.length;
    docs += 1;
    tokens += tokensPerArticle[k]!;
  }
  extractMs += performance.now() - t;
  t = performance.now();
  for (const text of cleanTexts) analyse(text);
  baseDocs += cleanTexts.length;
  baseMs += performance.now() - t;
}
const secs = extractMs / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`articles: ${articles.length} distinct, ${docs} extractions in ${secs.toFixed(2)} s (one core)`);
console.log(`articles/s: ${(docs / secs).toFixed(1)}`);
console.log(`tokens/s: ${Math.round(tokens / secs)} (whitespace tokens of the input)`);
console.log(`events per pass: ${(events / docs * articles.length).toFixed(0)}`);
console.log(`baseline, wink-nlp reading of the clean texts alone: ${(baseDocs / (baseMs / 1000)).toFixed(1)} articles/s`);
console.log(`ratio: extract() takes ${((extractMs / docs) / (baseMs / baseDocs)).toFixed(2)}x the time of the wink-nlp reading it starts from (alternating rounds, same process)`);
// On a shared machine wall time includes waiting for the CPU; CPU time does not (it counts every thread, GC helpers too).
console.log(`CPU: ${cpuSecs.toFixed(2)} s, all threads, for both loops in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
