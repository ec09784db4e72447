/**
 * `npm run bench:extract`: extraction with the engine, over the gold texts (test/gold/dev and test/gold/heldout,
 * as loadSplit reads them) and seed/ (an article already among the gold texts is not counted twice). In one run:
 *
 * 1. End to end with the engine: extractWithEngine() one article at a time, a fresh ParseStore so that every
 *    candidate sentence is parsed; articles/s; the engine's own time (inside client.annotate: the request,
 *    CoreNLP's work, reading its JSON); our stages (end to end minus engine); the ratio our stages / engine.
 * 2. What candidateSentences saves: the share of sentences (and characters) it skips, and the parse time of
 *    every sentence against the candidates only, each article parsed both ways in turn into fresh stores.
 * 3. Our stages alone, on one core: extract() reading the parses of pass 1 from memory, in rounds for at
 *    least 10 s alternating with a baseline (wink-nlp's reading of the same clean texts, what extraction
 *    starts from); articles/s, tokens/s and the ratio to the baseline.
 *
 * The engine: CORENLP_URL when set, else a local CoreNLP of the bench's own (.diplograph/bench-corenlp, port
 * DIPLOGRAPH_BENCH_CORENLP_PORT or 19090), started here through openNlp() and stopped at the end.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { loadSplit } from '../src/eval/split.ts';
import { cleanBody } from '../src/ingest/clean.ts';
import { candidateSentences, extract, extractWithEngine, prepareArticle } from '../src/ingest/extract.ts';
import { readFileInputs } from '../src/ingest/files.ts';
import { readInput } from '../src/ingest/input.ts';
import { analyse } from '../src/ingest/nlp.ts';
import { parseMissing, ParseStore, type Annotator } from '../src/ingest/parses.ts';
import type { ArticleInput } from '../src/ingest/types.ts';
import { openNlp } from '../src/nlp/engine.ts';
import { residentMiB } from '../src/nlp/local-corenlp.ts';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** CPU seconds (user + system) of a process from /proc, or null. */
function processCpu(pid: number | null): number | null {
  if (pid === null || !existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function loadArticles(): Promise<{ articles: ArticleInput[]; dev: number; heldout: number; seed: number }> {
  const dev = loadSplit('dev').map((i) => i.input);
  const heldout = loadSplit('heldout').map((i) => i.input);
  const texts = new Set([...dev, ...heldout].map((a) => prepareArticle(a).clean.text));
  const seed: ArticleInput[] = [];
  if (existsSync('seed')) {
    for (const f of readdirSync('seed').sort()) {
      if (!/\.(?:txt|html?|json)$/.test(f) || f.endsWith('.meta.json')) continue;
      for await (const item of readFileInputs(join('seed', f)))
        if (item.input && !texts.has(prepareArticle(item.input).clean.text)) seed.push(item.input);
    }
  }
  return { articles: [...dev, ...heldout, ...seed], dev: dev.length, heldout: heldout.length, seed: seed.length };
}

const { articles, dev, heldout, seed } = await loadArticles();
const prepared = articles.map(prepareArticle);
const allSentences = prepared.map((p) => p.sentences.map((s) => s.text));
const candidates = prepared.map((p) => candidateSentences(p).map((s) => s.text));
const count = (xs: string[][]) => xs.reduce((n, x) => n + x.length, 0);
const chars = (xs: string[][]) => xs.reduce((n, x) => n + x.reduce((m, s) => m + s.length, 0), 0);
console.log(
  `bench:extract: ${articles.length} articles (${dev} dev, ${heldout} held-out, ${seed} more from seed/), ${count(allSentences)} sentences, ${count(candidates)} candidates`,
);
console.log(
  `machine: load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} at start`,
);

const t0 = performance.now();
const nlp = await openNlp({
  local: {
    home: resolve('.diplograph/bench-corenlp'),
    port: Number(process.env.DIPLOGRAPH_BENCH_CORENLP_PORT ?? 19090),
  },
  log: (line) => console.error(`[corenlp] ${line}`),
});
if (!nlp) {
  console.error('bench:extract: CORENLP_URL=none: this bench measures extraction with the engine');
  process.exit(2);
}
try {
  const enginePid = nlp.local?.pid ?? null;
  console.log(`engine: ${nlp.how}${nlp.local ? `, start to ready ${secs(performance.now() - t0)}` : ''}`);

  // The engine's own time: everything inside client.annotate.
  const timing = { ms: 0, requests: 0 };
  const timed: Annotator = {
    async annotate(text) {
      const t = performance.now();
      try {
        return await nlp.client.annotate(text);
      } finally {
        timing.ms += performance.now() - t;
        timing.requests += 1;
      }
    },
  };

  // Warm-up: one whole pass, every sentence parsed and every article extracted. A just-started CoreNLP
  // parses the same sentences some 2x slower while its JIT compiles (measured: 60 s against 25 s after
  // twelve articles of warm-up); ours warms in a few articles.
  let t = performance.now();
  const warm = new ParseStore();
  for (const texts of allSentences) await parseMissing(texts, nlp.client, warm);
  for (const a of articles) extract(a, { parses: warm.lookup });
  console.log(`warm-up: every sentence parsed, every article extracted: ${secs(performance.now() - t)}`);

  // 1. End to end with the engine, every candidate parsed (a fresh store).
  const store = new ParseStore();
  const engineCpu0 = processCpu(enginePid);
  const cpu0 = process.cpuUsage();
  t = performance.now();
  let events = 0;
  let graphEvents = 0;
  for (const a of articles) {
    const r = await extractWithEngine(a, timed, store);
    events += r.events.length;
    graphEvents += r.events.filter((e) => e.rule.startsWith('graph:')).length;
  }
  const e2eMs = performance.now() - t;
  const ourCpu = process.cpuUsage(cpu0);
  const engineCpu = engineCpu0 === null ? null : processCpu(enginePid)! - engineCpu0;
  const engineMs = timing.ms;
  const oursMs = e2eMs - engineMs;
  console.log(
    `\n1. end to end (extractWithEngine, fresh ParseStore, one article at a time): ${articles.length} articles in ${secs(e2eMs)}: ${(articles.length / (e2eMs / 1000)).toFixed(2)} articles/s`,
  );
  console.log(
    `   ${store.size} sentences parsed in ${timing.requests} requests; ${events} events, ${graphEvents} of them read on the dependency graph`,
  );
  console.log(
    `   engine (inside client.annotate): ${secs(engineMs)} (${pct(engineMs / e2eMs)})${engineCpu === null ? '' : `; CoreNLP process CPU ${engineCpu.toFixed(1)} s`}`,
  );
  console.log(
    `   our stages (end to end minus engine): ${(oursMs / 1000).toFixed(2)} s (${pct(oursMs / e2eMs)}); this process CPU ${((ourCpu.user + ourCpu.system) / 1e6).toFixed(1)} s`,
  );
  const ratio = oursMs / engineMs;
  console.log(`   ratio our stages / engine: ${pct(ratio)} (target <= 15%: ${ratio <= 0.15 ? 'met' : 'NOT met'})`);

  // 2. What the candidate filter saves: every sentence against the candidates only, fresh stores, each
  // article both ways in turn (the order alternating), so the machine's load falls on both alike.
  const skippedSentences = 1 - count(candidates) / count(allSentences);
  const skippedChars = 1 - chars(candidates) / chars(allSentences);
  const both = { all: 0, cand: 0 };
  const allStore = new ParseStore();
  const candStore = new ParseStore();
  for (let k = 0; k < articles.length; k += 1) {
    const runs: [keyof typeof both, string[], ParseStore][] = [
      ['all', allSentences[k]!, allStore],
      ['cand', candidates[k]!, candStore],
    ];
    if (k % 2 === 1) runs.reverse();
    for (const [which, texts, into] of runs) {
      const s = performance.now();
      await parseMissing(texts, nlp.client, into);
      both[which] += performance.now() - s;
    }
  }
  console.log(
    `\n2. candidateSentences keeps ${count(candidates)} of ${count(allSentences)} sentences: skips ${pct(skippedSentences)} of the sentences, ${pct(skippedChars)} of their characters`,
  );
  console.log(
    `   parse time, every sentence: ${secs(both.all)}; candidates only: ${secs(both.cand)} (fresh stores, alternating per article): speed-up ${(both.all / both.cand).toFixed(2)}x`,
  );

  // 3. Our stages alone on one core, reading the parses of pass 1 from memory.
  const tokensPerArticle = articles.map((a) => ((a.text ?? a.html ?? '').match(/\S+/g) ?? []).length);
  const cleanTexts = articles.map((a) => {
    const raw = readInput(a);
    return cleanBody(raw.body, raw.title).text;
  });
  for (const text of cleanTexts) analyse(text);
  let docs = 0;
  let tokens = 0;
  let extractMs = 0;
  let baseMs = 0;
  let baseDocs = 0;
  const loop0 = performance.now();
  while (performance.now() - loop0 < 10000) {
    t = performance.now();
    for (let k = 0; k < articles.length; k += 1) {
      extract(articles[k]!, { parses: store.lookup });
      docs += 1;
      tokens += tokensPerArticle[k]!;
    }
    extractMs += performance.now() - t;
    t = performance.now();
    for (const text of cleanTexts) analyse(text);
    baseDocs += cleanTexts.length;
    baseMs += performance.now() - t;
  }
  console.log(
    `\n3. our stages alone (extract() with the parses in memory, one core, ${docs} extractions in ${secs(extractMs)}): ${(docs / (extractMs / 1000)).toFixed(1)} articles/s, ${Math.round(tokens / (extractMs / 1000))} tokens/s (whitespace tokens of the input)`,
  );
  console.log(
    `   baseline, wink-nlp reading of the clean texts alone: ${(baseDocs / (baseMs / 1000)).toFixed(1)} articles/s; extract() takes ${(extractMs / docs / (baseMs / baseDocs)).toFixed(2)}x its time (alternating rounds)`,
  );
  console.log(
    `   per article: ours ${(extractMs / docs).toFixed(1)} ms in this loop, against the engine's ${(engineMs / articles.length).toFixed(0)} ms in pass 1`,
  );
  if (enginePid !== null) console.log(`\nengine resident memory: ${residentMiB(enginePid)} MiB`);
  console.log(
    `machine: load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end`,
  );
} finally {
  await nlp.close();
}
