/**
 * `npm run bench:nlp [-- --rounds N]`: raw linguistic-engine throughput on the clean texts of the seed and
 * gold articles (dev and held-out), as the extractor would send them: a fresh local CoreNLP (or CORENLP_URL)
 * is started, then it prints the start time, the first request's latency, tokens/s and articles/s with one
 * and with two concurrent requests (alternating rounds, so the machine's load hits both alike; the ratio is
 * the gain from the second request), and the server's resident memory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanBody } from '../src/ingest/clean.ts';
import { readInput } from '../src/ingest/input.ts';
import { CoreNlpClient } from '../src/nlp/client.ts';
import type { NlpServer } from '../src/nlp/client.ts';
import { defaultCoreNlpOptions, residentMiB, startCoreNlpProcess, stopCoreNlpPid } from '../src/nlp/local-corenlp.ts';
import { parseServers } from '../src/nlp/client.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);

function texts(): string[] {
  const out: string[] = [];
  for (const dir of ['seed', 'test/gold/dev/articles', 'test/gold/heldout/articles']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(?:txt|html?)$/.test(f)) continue;
      const content = readFileSync(join(dir, f), 'utf8');
      const raw = readInput(f.endsWith('.txt') ? { id: f, text: content } : { id: f, html: content });
      out.push(cleanBody(raw.body, raw.title).text);
    }
  }
  return out;
}

const docs = texts();
const chars = docs.reduce((a, t) => a + t.length, 0);
let server: NlpServer;
let stop = async (): Promise<void> => {};
let pid: number | null = null;
const t0 = performance.now();
if (process.env.CORENLP_URL) {
  server = parseServers(process.env.CORENLP_URL)[0]!;
  console.log(`engine: CORENLP_URL ${server.url} (start time not measured)`);
} else {
  const home = mkdtempSync(join(tmpdir(), 'diplograph-bench-nlp-'));
  const opts = defaultCoreNlpOptions({
    home,
    port: Number(process.env.DIPLOGRAPH_BENCH_CORENLP_PORT ?? 19090),
    log: () => {},
  });
  const p = await startCoreNlpProcess(opts);
  server = p.server;
  pid = p.pid;
  stop = async () => {
    await stopCoreNlpPid(home, p.pid);
    rmSync(home, { recursive: true, force: true });
  };
  console.log(
    `engine: local CoreNLP, heap ${opts.heap}, ${opts.threads} threads; start to ready ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

try {
  const client = new CoreNlpClient({ servers: [server], timeoutMs: 600_000 });
  let t = performance.now();
  await client.annotate('Britain condemned China on Monday.');
  console.log(`first request after start: ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const first = await client.annotate(docs[0]!);
  console.log(
    `first article (${first.sentences.reduce((a, s) => a + s.tokens.length, 0)} tokens): ${(performance.now() - t).toFixed(0)} ms`,
  );

  const run = async (concurrency: number): Promise<{ ms: number; tokens: number }> => {
    let next = 0;
    let tokens = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < docs.length; i = next++) {
          const d = await client.annotate(docs[i]!);
          tokens += d.sentences.reduce((a, s) => a + s.tokens.length, 0);
        }
      }),
    );
    return { ms: performance.now() - start, tokens };
  };
  await run(2); // warm-up pass: the JIT compiles the parser's hot loops
  const sums = { 1: { ms: 0, tokens: 0 }, 2: { ms: 0, tokens: 0 } };
  for (let r = 0; r < rounds; r += 1) {
    for (const c of [1, 2] as const) {
      const x = await run(c);
      sums[c].ms += x.ms;
      sums[c].tokens += x.tokens;
    }
  }
  console.log(
    `${docs.length} articles, ${chars} characters, ${sums[1].tokens / rounds} tokens; ${rounds} alternating rounds each:`,
  );
  for (const c of [1, 2] as const) {
    const s = sums[c];
    console.log(
      `  ${c} concurrent: ${(s.tokens / (s.ms / 1000)).toFixed(0)} tokens/s, ${((docs.length * rounds) / (s.ms / 1000)).toFixed(2)} articles/s`,
    );
  }
  console.log(`  2 / 1 concurrent: ${(sums[1].ms / sums[2].ms).toFixed(2)}x`);
  if (pid !== null) console.log(`resident memory of the server: ${residentMiB(pid)} MiB`);
} finally {
  await stop();
}
