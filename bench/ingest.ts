/**
 * `npm run bench:ingest [-- --n 400 --batch-size 100 --workers 2 --writers 1 --warm 1 --naive 200 --engine-concurrency 2]`:
 * builds a corpus of N articles from test/gold/dev/articles and seed/ (varied ids, dates, outlets, and
 * countries swapped among a list), ingests it end to end (candidate sentences parsed by one CoreNLP,
 * extraction pool reading the parses, batched writer) into an EMPTY database, first on the Neo4j just
 * started (cold JVM), then `--warm` more times on the same server, the database wiped before each (warm
 * JVM); prints for every pass articles/s, events/s, where the time went (engine busy, our stages: preparing
 * articles in this thread and extracting in the threads, Neo4j writes), CPU seconds of this process, of
 * CoreNLP, of Neo4j and of its JIT compilers, the database size; the median of the warm passes; then
 * ingests a sample with the naive writer (bench/naive-writer.ts) into a wiped database and prints the ratio
 * of the warm median's write rate to it.
 *
 * Every pass starts with an empty parse store that keeps nothing from one article to the next: the corpus's
 * variants repeat their base texts' sentences, which a corpus of distinct articles would not.
 *
 * Database: a dedicated local Neo4j in .diplograph/bench-neo4j (ports 17887/17874, or DIPLOGRAPH_BENCH_BOLT_PORT and
 * DIPLOGRAPH_BENCH_HTTP_PORT; wiped first), or
 * NEO4J_URI when set, whose database is WIPED (a warning is printed first). Engine: CORENLP_URL when set,
 * else a local CoreNLP of the bench's own (.diplograph/bench-corenlp, port DIPLOGRAPH_BENCH_CORENLP_PORT or
 * 19090), started beside Neo4j and stopped at the end.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Neo4jTarget } from '../src/config.ts';
import { ArticleParser } from '../src/ingest/article-parser.ts';
import { readFileInputs, type SourcedInput } from '../src/ingest/files.ts';
import { runPipeline } from '../src/pipeline/pipeline.ts';
import { extract } from '../src/ingest/extract.ts';
import type { ArticleInput } from '../src/ingest/types.ts';
import { checkConsistency } from '../src/store/consistency.ts';
import { createDriver } from '../src/store/driver.ts';
import { summarize } from '../src/store/ingest.ts';
import { compilerThreads, defaultLocalOptions, startLocalNeo4j, stopLocalNeo4j } from '../src/store/local-neo4j.ts';
import { openNlp, type NlpEngine } from '../src/nlp/engine.ts';
import { migrate } from '../src/store/schema.ts';
import { wipeGraph } from '../src/store/wipe.ts';
import { writeNaive } from './naive-writer.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a whole number`);
  return v;
}
// The engine bounds the rate (a few articles/s on 2 cores): a corpus of hundreds, in batches of 100 so the
// writer starts early.
const N = arg('n', 400);
const BATCH = arg('batch-size', 100);
const WORKERS = arg('workers', Math.max(1, availableParallelism()));
const NAIVE = arg('naive', 200);
const WRITERS = arg('writers', 1);
const WARM = arg('warm', 1);
const ENGINE_CONCURRENCY = arg('engine-concurrency', 2);

// Countries swapped among each other: [name, adjective, capital]. Whole words only.
const SWAPS: [string, string, string][] = [
  ['China', 'Chinese', 'Beijing'],
  ['Russia', 'Russian', 'Moscow'],
  ['Iran', 'Iranian', 'Tehran'],
  ['India', 'Indian', 'New Delhi'],
  ['Pakistan', 'Pakistani', 'Islamabad'],
  ['Turkey', 'Turkish', 'Ankara'],
  ['Japan', 'Japanese', 'Tokyo'],
  ['Germany', 'German', 'Berlin'],
  ['France', 'French', 'Paris'],
  ['Australia', 'Australian', 'Canberra'],
  ['Canada', 'Canadian', 'Ottawa'],
  ['Brazil', 'Brazilian', 'Brasilia'],
  ['Egypt', 'Egyptian', 'Cairo'],
  ['Poland', 'Polish', 'Warsaw'],
  ['Israel', 'Israeli', 'Jerusalem'],
  ['Ukraine', 'Ukrainian', 'Kyiv'],
  ['Saudi Arabia', 'Saudi', 'Riyadh'],
  ['Vietnam', 'Vietnamese', 'Hanoi'],
];
const REPORTERS = [
  'Ben Blanchard',
  'Yew Lun Tian',
  'Humeyra Pamuk',
  'Michael Martina',
  'David Brunnstrom',
  'Gabriel Crossley',
  'Simon Lewis',
  'Kirsty Needham',
  'Guy Faulconbridge',
  'John Irish',
];
const OUTLETS = [
  'Dawn',
  'Reuters',
  'AFP',
  'AP',
  'BBC',
  'The Hindu',
  'Al Jazeera',
  'Nikkei Asia',
  'DW',
  'France 24',
  'ABC',
  'CBC',
];

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (k: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % k;
  };
}

async function loadBase(): Promise<ArticleInput[]> {
  const out: ArticleInput[] = [];
  for (const dir of ['test/gold/dev/articles', 'seed']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(?:txt|html?)$/.test(f)) continue;
      for await (const item of readFileInputs(join(dir, f))) if (item.input) out.push(item.input);
    }
  }
  if (out.length === 0) throw new Error('no articles in test/gold/dev/articles or seed/');
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Article i of the corpus: a base article with its countries permuted, a new id, date and outlet. */
function variant(base: ArticleInput[], i: number): ArticleInput {
  const r = rng(i * 2654435761 + 7);
  const a = base[i % base.length]!;
  const perm = SWAPS.map((_, k) => k);
  for (let k = perm.length - 1; k > 0; k--) {
    const j = r(k + 1);
    [perm[k], perm[j]] = [perm[j]!, perm[k]!];
  }
  const table = new Map<string, string>();
  SWAPS.forEach((row, k) => row.forEach((w, f) => table.set(w, SWAPS[perm[k]!]![f]!)));
  const re = new RegExp(
    `\\b(${[...table.keys()]
      .sort((x, y) => y.length - x.length)
      .map(escape)
      .join('|')})\\b`,
    'g',
  );
  const swap = (s: string | undefined) => (s === undefined ? undefined : s.replace(re, (m) => table.get(m) ?? m));
  const outlet = OUTLETS[r(OUTLETS.length)]!;
  const date = `${2012 + r(14)}-${String(1 + r(12)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`;
  const out: ArticleInput = {
    id: `bench-${i}`,
    outlet,
    publishedAt: date,
    url: `https://bench.example/${outlet.toLowerCase().replace(/\W+/g, '-')}/${i}`,
  };
  if (a.title !== undefined) out.title = swap(a.title)!;
  // A sentence in the body (wire credits at the end are cleaned away as furniture) makes every
  // variant's clean text, and so its content hash, its own.
  const note = `Correspondent ${REPORTERS[r(REPORTERS.length)]} filed this report on ${date} (ref ${i}).`;
  if (a.html !== undefined) out.html = swap(a.html)!.replace(/<\/p>/i, `</p><p>${note}</p>`);
  else {
    const body = swap(a.text)!;
    const cut = body.indexOf('\n\n', Math.min(body.length, 400));
    out.text = cut < 0 ? `${body.trimEnd()}\n\n${note}\n` : `${body.slice(0, cut)}\n\n${note}${body.slice(cut)}`;
  }
  return out;
}

function dirSize(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, f) => n + dirSize(join(path, f)), 0);
}

async function counts(driver: Driver, database?: string) {
  const q = async (c: string) => Number((await driver.executeQuery(c, {}, { database })).records[0]!.get(0));
  return {
    nodes: await q('MATCH (n) RETURN count(n)'),
    rels: await q('MATCH ()-[r]->() RETURN count(r)'),
    articles: await q('MATCH (n:Article) RETURN count(n)'),
    actors: await q('MATCH (n:Actor) RETURN count(n)'),
    events: await q('MATCH (n:Event) RETURN count(n)'),
    network: await q(
      'MATCH (:Actor)-[r]->(:Actor) WHERE NOT type(r) IN ["REPRESENTS", "PART_OF", "MEMBER_OF"] RETURN count(r)',
    ),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The local server's pid (none with NEO4J_URI): its CPU time is read from /proc. */
let serverPid: number | null = null;

/** CPU seconds (user + system) of one thread or process from its /proc stat line. */
function statCpu(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A process's CPU seconds so far (the Neo4j server's by default), or -1 when unknown. */
function serverCpu(pid: number | null = serverPid): number {
  if (pid === null || !existsSync(`/proc/${pid}/stat`)) return -1;
  return statCpu(`/proc/${pid}/stat`);
}

/** CPU seconds of the server's JIT compiler threads (C1/C2) since it started (0 when unknown). */
function serverJitCpu(): number {
  if (serverPid === null) return 0;
  let total = 0;
  for (const tid of compilerThreads(serverPid)) {
    try {
      total += statCpu(`/proc/${serverPid}/task/${tid}/stat`);
    } catch (error) {
      // A thread that ended between the listing and the read is simply not counted.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return total;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The engine starts beside Neo4j, as `diplograph serve` and `diplograph ingest` start it.
  const engineT0 = performance.now();
  const engineStarting = openNlp({
    local: {
      home: resolve('.diplograph/bench-corenlp'),
      port: Number(process.env.DIPLOGRAPH_BENCH_CORENLP_PORT ?? 19090),
    },
    log: (l) => console.error(`[corenlp] ${l}`),
  });
  engineStarting.catch(() => undefined);
  let target: Neo4jTarget;
  let stop = async (): Promise<void> => {};
  let home: string | null = null;
  if (config.neo4j) {
    target = config.neo4j;
    console.warn(
      `bench:ingest: NEO4J_URI is set: the database at ${target.uri} will be WIPED (Ctrl-C within 5 s to stop)`,
    );
    await new Promise((r) => setTimeout(r, 5000));
  } else {
    home = resolve('.diplograph/bench-neo4j');
    const ports = {
      boltPort: Number(process.env.DIPLOGRAPH_BENCH_BOLT_PORT ?? 17887),
      httpPort: Number(process.env.DIPLOGRAPH_BENCH_HTTP_PORT ?? 17874),
    };
    const opts = defaultLocalOptions({ home, ...ports, log: (l) => console.error(`[neo4j] ${l}`) });
    await stopLocalNeo4j(opts);
    rmSync(home, { recursive: true, force: true });
    const handle = await startLocalNeo4j(opts);
    target = { uri: handle.uri, user: handle.user, password: handle.password, database: undefined };
    stop = handle.stop;
    serverPid = handle.pid;
  }
  const db = target.database;
  const driver = createDriver(target);
  let nlp: NlpEngine | null = null;
  try {
    nlp = await engineStarting;
    if (!nlp) throw new Error('CORENLP_URL=none: this bench measures ingest with the engine');
    const enginePid = nlp.local?.pid ?? null;
    console.log(
      `engine: ${nlp.how}, ready ${((performance.now() - engineT0) / 1000).toFixed(1)} s after the start; ${ENGINE_CONCURRENCY} article(s) with it at once`,
    );
    await migrate(driver, db);
    await wipeGraph(driver, db);
    const base = await loadBase();
    console.log(
      `corpus: ${N} articles from ${base.length} base texts (countries permuted, ids/dates/outlets varied); batch ${BATCH}, ${WORKERS} extraction thread(s), ${WRITERS} writer(s), ${availableParallelism()} cores`,
    );
    console.log(
      `machine: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} at start`,
    );

    // The engine's JIT compiles its hot loops on the first few hundred sentences: done before the passes.
    let t = performance.now();
    const warmParser = new ArticleParser(nlp.client, { concurrency: ENGINE_CONCURRENCY });
    await Promise.all(Array.from({ length: 20 }, (_, i) => warmParser.task(variant(base, N + i))));
    console.log(
      `engine warm-up: 20 articles (not in the corpus) parsed in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // End to end: read -> extract (pool) -> batched transactional writes, into an empty database:
    // first on the server just started (its JVM compiles Neo4j's hot code while it works: a one-off
    // cost of each start), then, wiped each time, WARM times on the same server (what a running
    // service sees, and what the rate of a long ingest tends to). Every pass is printed; the warm
    // passes' median is the figure that run-to-run noise on a shared 2-core machine moves least.
    async function* inputs(): AsyncGenerator<SourcedInput> {
      for (let i = 0; i < N; i++) yield { source: `bench-${i}`, input: variant(base, i) };
    }
    const rates: { cold: number | null; warm: number[] } = { cold: null, warm: [] };
    // The writer's own rate (articles per second with a write in flight), comparable with the naive writer's.
    const writeRates: { cold: number | null; warm: number[] } = { cold: null, warm: [] };
    for (let pass = 0; pass <= WARM; pass++) {
      if (pass > 0) await wipeGraph(driver, db);
      const neoCpu0 = serverCpu();
      const jitCpu0 = serverJitCpu();
      const engineCpu0 = serverCpu(enginePid);
      const cpu0 = process.cpuUsage();
      t = performance.now();
      const stats = { writeMs: 0, waitMs: 0, extractMs: 0 };
      // A parse store that keeps nothing from one article to the next (see the header).
      const parser = new ArticleParser(nlp.client, { maxStored: 0, failFast: true, concurrency: ENGINE_CONCURRENCY });
      const results = await runPipeline(driver, inputs(), {
        parser,
        batchSize: BATCH,
        workers: WORKERS,
        writers: WRITERS,
        stats,
        ...(db ? { database: db } : {}),
      });
      const secs = (performance.now() - t) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const neoCpu = serverCpu() - neoCpu0;
      const jitCpu = serverJitCpu() - jitCpu0;
      const engineCpu = enginePid === null ? -1 : serverCpu(enginePid) - engineCpu0;
      const s = summarize(results);
      const c = await counts(driver, db);
      const problems = await checkConsistency(driver, db);
      const rate = N / secs;
      const writeRate = N / (stats.writeMs / 1000);
      if (pass === 0) {
        rates.cold = rate;
        writeRates.cold = writeRate;
      } else {
        rates.warm.push(rate);
        writeRates.warm.push(writeRate);
      }
      const label =
        pass === 0 ? 'server just started (cold JVM)' : `warm pass ${pass} of ${WARM}, same server, database wiped`;
      console.log(
        `end to end, ${label}: ${N} articles in ${secs.toFixed(1)} s: ${rate.toFixed(2)} articles/s, ${(s.events / secs).toFixed(1)} events/s`,
      );
      console.log(
        `  results: ${s.new} new, ${s.duplicate} duplicate, ${s.updated} updated, ${s.failed} failed; ${s.events} events, ${s.actors} actors`,
      );
      const failures = new Map<string, number>();
      for (const r of results)
        if (r.status === 'failed')
          failures.set(
            `${r.error?.code}: ${r.error?.message.slice(0, 160)}`,
            (failures.get(`${r.error?.code}: ${r.error?.message.slice(0, 160)}`) ?? 0) + 1,
          );
      for (const [k, n] of failures) console.log(`  failed ${n}x ${k}`);
      const p = parser.stats;
      console.log(
        `  sentences: ${p.candidates} candidates of ${p.articles} articles, ${p.parsed} parsed by the engine`,
      );
      console.log(
        `  time: engine busy ${(p.engineMs / 1000).toFixed(1)} s (a request in flight; ${(p.articles / (p.engineMs / 1000)).toFixed(2)} articles/s while busy); ` +
          `our stages ${((p.prepareMs + stats.extractMs) / 1000).toFixed(1)} s (preparing and picking candidates in this thread ${(p.prepareMs / 1000).toFixed(1)} s, extracting in the threads ${(stats.extractMs / 1000).toFixed(1)} s summed); ` +
          `Neo4j writes ${(stats.writeMs / 1000).toFixed(1)} s (${writeRate.toFixed(0)} articles/s while writing), writer idle waiting for parsed and extracted articles ${(stats.waitMs / 1000).toFixed(1)} s`,
      );
      console.log(
        `  CPU: this process with its extraction threads ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s` +
          (engineCpu >= 0 ? `, CoreNLP ${engineCpu.toFixed(1)} s` : '') +
          (neoCpu >= 0 ? `, Neo4j ${neoCpu.toFixed(1)} s (of which its JIT compilers ${jitCpu.toFixed(1)} s)` : ''),
      );
      console.log(
        `database: ${c.nodes} nodes (${c.articles} articles, ${c.actors} actors, ${c.events} events), ${c.rels} relationships (${c.network} network)`,
      );
      console.log(`  consistency check: ${problems.length} offending rows`);
    }
    const warmMedian = rates.warm.length > 0 ? median(rates.warm) : null;
    console.log(
      `summary: cold ${rates.cold!.toFixed(2)} articles/s` +
        (warmMedian === null
          ? ''
          : `; warm ${rates.warm.map((r) => r.toFixed(2)).join(', ')}, median ${warmMedian.toFixed(2)} articles/s`) +
        ` end to end; the writer while writing: cold ${writeRates.cold!.toFixed(0)}` +
        (writeRates.warm.length > 0 ? `, warm median ${median(writeRates.warm).toFixed(0)}` : '') +
        ' articles/s',
    );
    const fastRate = writeRates.warm.length > 0 ? median(writeRates.warm) : writeRates.cold!;

    // The naive writer on a sample, into a wiped database: a comparison of writing strategies, so its
    // articles are extracted without a parse (what is written matters, not how it was read).
    let naiveRate: number | null = null;
    if (NAIVE > 0) {
      await wipeGraph(driver, db);
      const naiveInputs = Array.from({ length: Math.min(NAIVE, N) }, (_, i) => variant(base, i));
      t = performance.now();
      for (const a of naiveInputs) await writeNaive(driver, extract(a));
      const naiveSecs = (performance.now() - t) / 1000;
      naiveRate = naiveInputs.length / naiveSecs;
      console.log(
        `naive writer (one auto-commit statement per node and relationship): ${naiveInputs.length} articles in ${naiveSecs.toFixed(1)} s: ${naiveRate.toFixed(1)} articles/s`,
      );
      console.log(
        `  load average during the run: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} (other processes share these ${availableParallelism()} cores)`,
      );
      console.log(
        `speed-up (the writer while writing, ${warmMedian === null ? 'cold pass' : 'warm median'} / naive): ${(fastRate / naiveRate).toFixed(1)}x`,
      );
    }
    // The ingest targets of the writer (>= 10x the naive writer), said plainly; end to end, the engine sets the pace.
    if (naiveRate !== null)
      console.log(
        `target >= 10x naive: ${fastRate / naiveRate >= 10 ? 'met' : 'NOT met'} (${(fastRate / naiveRate).toFixed(1)}x)`,
      );
  } finally {
    await driver.close();
    await stop();
    await (nlp ?? (await engineStarting.catch(() => null)))?.close();
  }
  // Measured after the server stopped (it checkpoints on the way down); the naive sample is in it too.
  if (home) {
    console.log(
      `store on disk after shutdown: ${mb(dirSize(join(home, 'data', 'databases', 'neo4j')))} (+ ${mb(dirSize(join(home, 'data', 'transactions', 'neo4j')))} transaction logs, preallocated)`,
    );
  }
}

await main();
