/**
 * `npm run soak [-- --duration 180 --max-requests 20000 --seed 14 --workers 2]` (issue 14): the service as a
 * user runs it (`diplograph serve` as a child process, on 127.0.0.1 only) against a Neo4j and a CoreNLP of
 * the run's own (.diplograph/soak/, wiped first), under a mixed load for a bounded time and number of
 * requests, with a fixed seed. Eight dev articles are ingested first (the warm-up, at most 4 minutes), so
 * that the reads find a graph; then:
 *
 * - ingests through `ingestArticle`: the gold articles (some re-sent unchanged, some with a paragraph more),
 *   hostile inputs (empty, binary, one line of 5 MB, over the size limit, another language, malformed JSON,
 *   hostile ids and metadata, a wrong key), the heaviest article allowed (just under 5 MB of news text),
 *   and twice a burst of 20 concurrent mutations on one id;
 * - analyst reads (actors, events, network, paths, timeline) and hostile queries (deep and wide networks
 *   with limit 1000, 500 aliases, ids of a megabyte, introspection abuse);
 * - in the middle, `kill -9` of the Neo4j JVM, and a restart 10 s later: meanwhile queries and mutations
 *   should get 503 SERVICE_UNAVAILABLE;
 * - all along, `/health` and a cheap read every 100 ms (fired on the clock, not after the previous answer,
 *   so a stalled server shows in the latencies instead of slowing the probe down).
 *
 * At the end: requests by kind, errors by code, p50/p99/max of the two probes overall, during the heaviest
 * ingest and during the outage, every "Unexpected error." (there should be none), and the store's
 * consistency check (src/store/consistency.ts; 0 rows). Exits 1 when the check finds rows or cannot run,
 * or when the service died. Ports: DIPLOGRAPH_SOAK_BOLT_PORT, _HTTP_PORT, _CORENLP_PORT, _API_PORT
 * (26687, 26474, 26900, 26400); memory: DIPLOGRAPH_NEO4J_HEAP (1g), DIPLOGRAPH_NEO4J_PAGECACHE (512m),
 * DIPLOGRAPH_CORENLP_HEAP (2g); CORENLP_URL to use other CoreNLP servers, or `none`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkConsistency, type ConsistencyProblem } from '../../src/store/consistency.ts';
import { createDriver } from '../../src/store/driver.ts';
import { seededRandom } from '../../src/util/random.ts';
import {
  log,
  repoRoot,
  soakHome,
  soakPorts,
  SoakNeo4j,
  startNlp,
  startServe,
  type SoakNlp,
  type SoakServe,
} from './services.ts';
import {
  ACTORS,
  Client,
  goldArticles,
  heaviestArticle,
  hostileIngests,
  hostileQueries,
  INGEST,
  PROBE_READ,
  READS,
  smallArticle,
  type ArticleVars,
  type Rec,
} from './workload.ts';

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

function arg(name: string, fallback: number, min: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < min) {
    console.error(`soak: --${name} needs a whole number of at least ${min}`);
    process.exit(2);
  }
  return v;
}

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm run soak [-- --duration SECONDS (180) --max-requests N (20000) --seed N (14) --workers N (2)]',
  );
  process.exit(0);
}
const DURATION_MS = arg('duration', 180, 30) * 1000;
const MAX_REQUESTS = arg('max-requests', 20_000, 100);
const SEED = arg('seed', 14, 0);
/** Workers sending reads and hostile queries (beside two ingesting gold articles and one sending hostile inputs). */
const WORKERS = arg('workers', 2, 1);
/** How long requests still in flight at the end are waited for before they are cut off. */
const GRACE_MS = 120_000;
const PROBE_EVERY_MS = 100;
/** The Neo4j outage before the restart starts. */
const OUTAGE_HOLD_MS = 10_000;
/** How long the run goes on after Neo4j answers again, to see the service recover. */
const RECOVERY_MS = 15_000;
/** Dev articles ingested before the load; the heaviest article and the bursts are made of them. */
const WARM_ARTICLES = 8;
/** The load starts after this even if the warm-up is not done (a busy engine). */
const WARM_MAX_MS = 240_000;

// ---------------------------------------------------------------------------------------------
// Processes, and stopping them whatever happens
// ---------------------------------------------------------------------------------------------

const ports = soakPorts();
const neo4j = new SoakNeo4j(ports.bolt, ports.neo4jHttp);
let nlp: SoakNlp | null = null;
let serve: SoakServe | null = null;
let stopping: Promise<void> | null = null;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    log('stopping the API, Neo4j and CoreNLP …');
    await serve?.stop().catch((e: unknown) => log(`stopping the API failed: ${String(e)}`));
    await neo4j.stop().catch((e: unknown) => log(`stopping Neo4j failed: ${String(e)}`));
    await nlp?.stop().catch((e: unknown) => log(`stopping CoreNLP failed: ${String(e)}`));
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    log(`${signal}: stopping every process this run started …`);
    void stopAll().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface Window {
  start: number;
  end: number | null;
}

interface RunFacts {
  heaviest: (Window & { bytes: number; rec: Rec | null }) | null;
  outage: {
    killAt: number;
    killedPid: number;
    restartStart: number;
    restartedAt: number | null;
    restartError: string | null;
  } | null;
  bursts: Rec[][];
  probesSkipped: number;
  budgetReached: boolean;
  warmUpMs: number;
  endedAt: number;
}

async function run(client: Client): Promise<RunFacts> {
  const rand = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const dev = goldArticles('dev');
  const gold = [...dev, ...goldArticles('heldout')];
  // The warm-up's articles are parsed first; the heaviest article and the bursts are built from them, so
  // that their weight is on extracting and writing, not on waiting for the engine.
  const warmSet = dev.slice(0, WARM_ARTICLES);
  const heavy = heaviestArticle(warmSet);
  const hostileIn = hostileIngests(smallArticle());
  const used = new Map<string, number>();
  let hostileInAt = 0;
  let knownIds = [...ACTORS];
  let hostileQAt = 0;
  let updates = 0;
  const facts: RunFacts = {
    heaviest: null,
    outage: null,
    bursts: [],
    probesSkipped: 0,
    budgetReached: false,
    warmUpMs: 0,
    endedAt: 0,
  };

  // The load starts once the warm-up is done (or has taken WARM_MAX_MS) and lasts DURATION_MS, or longer
  // while Neo4j is being restarted and for RECOVERY_MS after it answers (the restart itself gives up after
  // 3 minutes), so that the recovery is seen. `t()` is the time since the load started.
  let loadStart: number | null = null;
  const t = (): number => (loadStart === null ? -Infinity : client.now() - loadStart);
  const endAt = (): number => {
    if (loadStart === null) return Infinity;
    const o = facts.outage;
    if (!o || o.restartError !== null) return loadStart + DURATION_MS;
    return Math.max(loadStart + DURATION_MS, o.restartedAt === null ? Infinity : o.restartedAt + RECOVERY_MS);
  };
  const running = (): boolean => {
    if (client.sent >= MAX_REQUESTS) facts.budgetReached = true;
    return client.now() < endAt() && !facts.budgetReached && serve?.exited === null;
  };
  const waitUntil = async (cond: () => boolean): Promise<void> => {
    while (!cond() && running()) await sleep(200);
  };
  /** A request may take until the end of the run and GRACE_MS more: the run is bounded, and nothing is cut short that would have answered. */
  const timeout = (): number => Math.max(0, DURATION_MS - Math.max(0, t())) + GRACE_MS;

  // Probes, on the clock. At most 50 of each kind in flight: beyond that the server is not answering
  // at all, and the skipped ticks are counted.
  const probe = async (fire: () => Promise<Rec>): Promise<void> => {
    const inflight = new Set<Promise<Rec>>();
    let next = client.now();
    while (running()) {
      if (inflight.size < 50) {
        const p = fire();
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      } else facts.probesSkipped += 1;
      next += PROBE_EVERY_MS;
      await sleep(Math.max(0, next - client.now()));
    }
    await Promise.all(inflight);
  };

  const ingestGold = async (a: ArticleVars, kind = 'ingest:gold'): Promise<Rec> => {
    // One re-send in four carries a paragraph more: an UPDATED article whose events are replaced.
    const changed = rand() < 0.25 && a.text !== undefined;
    const input = changed
      ? { ...a, text: `${a.text}\n\nUpdate ${++updates}: the ministry said on Friday it had nothing to add.` }
      : a;
    return client.gql(kind, INGEST, { input }, { timeoutMs: timeout() });
  };
  const refreshIds = async (): Promise<void> => {
    const res = await fetch(`${client.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actors(first: 100) { nodes { id } } }' }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { data?: { actors?: { nodes?: { id: string }[] } } } | null;
    const ids = body?.data?.actors?.nodes?.map((n) => n.id) ?? [];
    if (ids.length > 0) knownIds = ids;
  };

  // The warm-up, before the load: WARM_ARTICLES dev articles, two at a time, so that the reads find a
  // graph and the heaviest article finds its sentences parsed.
  const warmUp = async (): Promise<void> => {
    const queue = [...warmSet];
    const one = async (): Promise<void> => {
      for (let a = queue.shift(); a && running(); a = queue.shift()) await ingestGold(a, 'ingest:gold(warm-up)');
    };
    const started = client.now();
    await Promise.race([Promise.all([one(), one()]), sleep(WARM_MAX_MS)]);
    facts.warmUpMs = client.now() - started;
    await refreshIds();
    loadStart = client.now();
    log(`warm-up: ${((loadStart - started) / 1000).toFixed(1)} s; load for ${DURATION_MS / 1000} s …`);
  };

  // Lane 1 (two workers): gold articles (re-sent, updated, or new ones to parse).
  const ingestLane = async (): Promise<void> => {
    while (running()) {
      await ingestGold(pick(gold));
      await sleep(200 + rand() * 300);
    }
  };

  // Lane 2 (one worker): hostile inputs, each in turn.
  const hostileIngestLane = async (): Promise<void> => {
    while (running()) {
      const h = hostileIn[hostileInAt++ % hostileIn.length]!;
      if ((used.get(h.name) ?? 0) >= h.max) continue;
      used.set(h.name, (used.get(h.name) ?? 0) + 1);
      await client.gql(
        `ingest:hostile:${h.name}`,
        INGEST,
        { input: h.input ?? {} },
        {
          timeoutMs: timeout(),
          ...(h.rawBody !== undefined ? { rawBody: h.rawBody } : {}),
          ...(h.key !== undefined ? { key: h.key } : {}),
        },
      );
      await sleep(100 + rand() * 200);
    }
  };

  // Lane 3 (WORKERS workers): analyst reads, and one in four a hostile query.
  const readLane = async (): Promise<void> => {
    while (running()) {
      if (rand() < 0.75) {
        const r = pick(READS);
        const a = pick(ACTORS);
        await client.gql(r.kind, r.query(a, pick(ACTORS.filter((b) => b !== a))), {}, { timeoutMs: timeout() });
      } else {
        const qs = hostileQueries(knownIds);
        const q = qs[hostileQAt++ % qs.length]!;
        await client.gql(`query:hostile:${q.name}`, q.query, q.variables ?? {}, { timeoutMs: timeout() });
      }
      await sleep(20 + rand() * 130);
    }
  };

  // Twenty mutations at once on one id, each with other content (a warm-up article and a paragraph of
  // its own): the writes to one article must serialise, each answered CREATED, UPDATED or UNCHANGED.
  const burst = async (at: number): Promise<void> => {
    await waitUntil(() => t() >= at);
    if (!running()) return;
    const inputs = Array.from({ length: 20 }, (_, i) => {
      const a = warmSet[i % warmSet.length]!;
      return {
        ...a,
        id: 'soak:same-id',
        text: `${a.text ?? ''}\n\nBurst ${facts.bursts.length}-${i}: the spokesman declined to comment.`,
      };
    });
    facts.bursts.push(
      await Promise.all(
        inputs.map((input) => client.gql('ingest:same-id-x20', INGEST, { input }, { timeoutMs: timeout() })),
      ),
    );
  };

  // The heaviest article, at 20% of the load.
  const heaviest = async (): Promise<void> => {
    await waitUntil(() => t() >= 0.2 * DURATION_MS);
    if (!running()) return;
    const bytes = Buffer.byteLength(heavy.text ?? '', 'utf8');
    facts.heaviest = { start: client.now(), end: null, bytes, rec: null };
    log(`heaviest article: ${(bytes / 1024 / 1024).toFixed(2)} MiB sent`);
    const rec = await client.gql('ingest:heaviest', INGEST, { input: heavy }, { timeoutMs: timeout() });
    facts.heaviest.end = client.now();
    facts.heaviest.rec = rec;
    log(`heaviest article: ${rec.code}${rec.note ? ` (${rec.note})` : ''} after ${(rec.ms / 1000).toFixed(1)} s`);
  };

  // kill -9 of Neo4j past the middle of the run, once the heaviest article is answered (at the latest
  // at 75%), and a restart after OUTAGE_HOLD_MS.
  const outage = async (): Promise<void> => {
    await waitUntil(
      () => t() >= 0.5 * DURATION_MS && ((facts.heaviest?.end ?? null) !== null || t() >= 0.75 * DURATION_MS),
    );
    if (!running()) return;
    const killAt = client.now();
    const killedPid = neo4j.kill9();
    log(`kill -9 of Neo4j (pid ${killedPid})`);
    facts.outage = { killAt, killedPid, restartStart: 0, restartedAt: null, restartError: null };
    await sleep(OUTAGE_HOLD_MS);
    facts.outage.restartStart = client.now();
    try {
      const h = await neo4j.start();
      facts.outage.restartedAt = client.now();
      log(
        `Neo4j restarted (pid ${h.pid}) in ${((facts.outage.restartedAt - facts.outage.restartStart) / 1000).toFixed(1)} s`,
      );
    } catch (error) {
      facts.outage.restartError = (error as Error).message;
      log(`Neo4j did not restart: ${facts.outage.restartError}`);
    }
  };

  const load = async (): Promise<void> => {
    await warmUp();
    await Promise.all([
      ingestLane(),
      ingestLane(),
      hostileIngestLane(),
      ...Array.from({ length: WORKERS }, () => readLane()),
      burst(0.1 * DURATION_MS),
      burst(0.85 * DURATION_MS),
      heaviest(),
      outage(),
    ]);
  };
  await Promise.all([probe(() => client.health()), probe(() => client.gql('probe:read', PROBE_READ)), load()]);
  facts.endedAt = client.now();
  return facts;
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

function pct(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

/** A plain-text table: numbers right-aligned, text left-aligned, the last column not padded. */
function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const numeric = head.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[\d.,-]+$/.test(String(r[i]))));
  const width = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 && !numeric[i] ? c : numeric[i] ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ');
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

function latencyRow(label: string, recs: Rec[]): (string | number)[] {
  const ms = recs.map((r) => r.ms).sort((a, b) => a - b);
  const ok = recs.filter((r) => r.code === 'OK').length;
  const f = (v: number): string => (Number.isNaN(v) ? '-' : v.toFixed(1));
  return [label, recs.length, ok, f(pct(ms, 0.5)), f(pct(ms, 0.99)), f(ms[ms.length - 1] ?? NaN)];
}

const inWindow = (w: { start: number; end: number | null } | null) => (r: Rec) =>
  w !== null && r.start >= w.start && r.start <= (w.end ?? Infinity);

function report(
  client: Client,
  facts: RunFacts,
  final: {
    alive: boolean;
    died: string | null;
    consistency: ConsistencyProblem[] | null;
    consistencyError: string | null;
    serveLog: string[];
    logPath: string;
  },
): string {
  const recs = client.records;
  const out: string[] = [];
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

  const warm = recs.filter((r) => r.kind === 'ingest:gold(warm-up)');
  out.push(
    `warm-up: ${warm.filter((r) => r.code === 'OK').length} of ${WARM_ARTICLES} dev articles ingested in ${s(facts.warmUpMs)}; then the load`,
  );
  out.push(
    `ran ${s(facts.endedAt)} in all (load asked ${s(DURATION_MS)}), ${recs.length} requests (budget ${MAX_REQUESTS}${facts.budgetReached ? ': REACHED, the run stopped early' : ''}), seed ${SEED}, workers: 2 ingesting gold articles, 1 hostile inputs, ${WORKERS} reads and hostile queries; load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (facts.probesSkipped > 0)
    out.push(`probe ticks skipped (50 probes of a kind already waiting): ${facts.probesSkipped}`);

  // Requests by kind.
  const kinds = [...new Set(recs.map((r) => r.kind))].sort();
  out.push(
    '',
    'REQUESTS SERVED, BY KIND',
    table(
      ['kind', 'sent', 'OK', 'answered (HTTP status)', 'no answer', 'codes'],
      kinds.map((k) => {
        const of = recs.filter((r) => r.kind === k);
        const codes = [...new Set(of.map((r) => r.code))].sort().join(' ');
        return [
          k,
          of.length,
          of.filter((r) => r.code === 'OK').length,
          of.filter((r) => r.status !== 0).length,
          of.filter((r) => r.status === 0).length,
          codes,
        ];
      }),
    ),
  );

  // Errors by code, and by phase: before the kill, from the kill until Neo4j answers again, after.
  const codes = [...new Set(recs.map((r) => r.code))].filter((c) => c !== 'OK').sort();
  const killAt = facts.outage?.killAt ?? Infinity;
  const backAt = facts.outage?.restartedAt ?? Infinity;
  const phase = (r: Rec): 0 | 1 | 2 => (r.start < killAt ? 0 : r.start <= backAt ? 1 : 2);
  const kindList = (rs: Rec[]): string => {
    const ks = [...new Set(rs.map((r) => r.kind))].sort();
    return ks.length > 6 ? `${ks.slice(0, 6).join(' ')} … (${ks.length} kinds)` : ks.join(' ');
  };
  out.push(
    '',
    'ERRORS BY CODE (by when the request was sent: before the kill -9, during the outage, after the restart)',
  );
  out.push(
    table(
      ['code', 'count', 'before', 'outage', 'after', 'HTTP', 'kinds'],
      codes.map((c) => {
        const of = recs.filter((r) => r.code === c);
        return [
          c,
          of.length,
          ...([0, 1, 2] as const).map((p) => of.filter((r) => phase(r) === p).length),
          [...new Set(of.map((r) => r.status))].join(','),
          kindList(of),
        ];
      }),
    ),
  );

  // Probe latencies.
  const health = recs.filter((r) => r.kind === 'probe:health');
  const readP = recs.filter((r) => r.kind === 'probe:read');
  const heavyW = facts.heaviest ? { start: facts.heaviest.start, end: facts.heaviest.end } : null;
  const outW = facts.outage ? { start: facts.outage.killAt, end: facts.outage.restartedAt } : null;
  out.push(
    '',
    `LATENCY OF THE PROBES (ms; sent every ${PROBE_EVERY_MS} ms; a probe counts in a window when it was sent in it)`,
  );
  out.push(
    table(
      ['probe / window', 'n', 'OK', 'p50', 'p99', 'max'],
      [
        latencyRow('/health, whole run', health),
        latencyRow('/health, during the heaviest ingest', health.filter(inWindow(heavyW))),
        latencyRow('/health, during the Neo4j outage', health.filter(inWindow(outW))),
        latencyRow('read, whole run', readP),
        latencyRow('read, during the heaviest ingest', readP.filter(inWindow(heavyW))),
        latencyRow('read, during the Neo4j outage', readP.filter(inWindow(outW))),
      ],
    ),
  );

  // The heaviest ingest.
  out.push('', 'HEAVIEST INGEST');
  if (!facts.heaviest) out.push('  not sent (the run ended first)');
  else {
    const h = facts.heaviest;
    out.push(
      `  ${(h.bytes / 1024 / 1024).toFixed(2)} MiB of text, sent at ${s(h.start)}, ${h.rec ? `answered ${h.rec.code}${h.rec.note ? ` (${h.rec.note})` : ''}, HTTP ${h.rec.status}, after ${s(h.rec.ms)}` : 'no answer'}`,
    );
  }
  for (const r of recs.filter((x) => x.kind === 'ingest:hostile:huge-single-line')) {
    out.push(
      `  the hostile single line of 4.9 MiB, sent at ${s(r.start)}: ${r.code}${r.note ? ` (${r.note})` : ''}, HTTP ${r.status}, after ${s(r.ms)}`,
    );
  }

  // Bursts on one id.
  out.push('', 'TWENTY CONCURRENT MUTATIONS ON ONE ID');
  if (facts.bursts.length === 0) out.push('  not sent (the run ended first)');
  for (const b of facts.bursts) {
    const by = new Map<string, number>();
    for (const r of b) {
      const what = r.note ? r.note.split(',')[0]! : r.code;
      by.set(what, (by.get(what) ?? 0) + 1);
    }
    out.push(
      `  at ${s(Math.min(...b.map((r) => r.start)))}: ${[...by].map(([c, n]) => `${n} ${c}`).join(', ')}; slowest ${s(Math.max(...b.map((r) => r.ms)))}`,
    );
  }

  // The outage.
  out.push('', 'NEO4J KILL -9 AND RESTART');
  if (!facts.outage) out.push('  not done (the run ended first)');
  else {
    const o = facts.outage;
    out.push(
      `  kill -9 of pid ${o.killedPid} at ${s(o.killAt)}; restart started at ${s(o.restartStart)}, ${o.restartedAt !== null ? `Bolt answered at ${s(o.restartedAt)} (${s(o.restartedAt - o.restartStart)} to start)` : `FAILED: ${o.restartError}`}`,
    );
    const inFlight = recs.filter((r) => r.start < o.killAt && r.start + r.ms > o.killAt && r.kind !== 'probe:health');
    const flightBy = new Map<string, number>();
    for (const r of inFlight) flightBy.set(`${r.kind} ${r.code}`, (flightBy.get(`${r.kind} ${r.code}`) ?? 0) + 1);
    out.push(
      `  GraphQL requests in flight at the kill: ${inFlight.length}${inFlight.length ? `: ${[...flightBy].map(([c, n]) => `${n} ${c}`).join(', ')}` : ''}`,
    );
    const during = recs.filter(inWindow(outW)).filter((r) => r.kind !== 'probe:health');
    const by = new Map<string, number>();
    for (const r of during) by.set(`${r.code} (HTTP ${r.status})`, (by.get(`${r.code} (HTTP ${r.status})`) ?? 0) + 1);
    out.push(
      `  GraphQL requests sent during the outage: ${during.length}: ${[...by]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')}`,
    );
    if (o.restartedAt !== null) {
      const firstOk = readP.find((r) => r.start >= o.restartedAt! && r.code === 'OK');
      out.push(
        `  first OK read probe after the restart: ${firstOk ? `sent at ${s(firstOk.start)} (${s(firstOk.start - o.restartedAt)} after Bolt answered)` : 'none'}`,
      );
    }
  }

  // Unexpected errors.
  const unexpected = recs.filter((r) => r.code === 'INTERNAL_SERVER_ERROR' || r.message === 'Unexpected error.');
  out.push(
    '',
    `"UNEXPECTED ERROR." / INTERNAL_SERVER_ERROR: ${unexpected.length}${unexpected.length === 0 ? ' (none, as it should be)' : ' (should be 0)'}`,
  );
  const uByKind = new Map<string, Rec[]>();
  for (const r of unexpected) uByKind.set(r.kind, [...(uByKind.get(r.kind) ?? []), r]);
  for (const [k, rs] of uByKind)
    out.push(
      `  ${k}: ${rs.length} (HTTP ${[...new Set(rs.map((r) => r.status))].join(',')}; first at ${s(rs[0]!.start)}, latency ${rs
        .map((r) => r.ms)
        .sort((a, b) => a - b)
        .map((m) => m.toFixed(0))
        .slice(0, 5)
        .join(', ')}${rs.length > 5 ? ', …' : ''} ms)`,
    );
  if (final.serveLog.length > 0) {
    out.push(`  what the service logged of them (${final.logPath}; first ${final.serveLog.length} distinct):`);
    for (const l of final.serveLog) out.push(`    ${l}`);
  }

  // The service, and the store.
  out.push(
    '',
    `SERVICE: ${final.alive ? 'alive at the end (/health 200)' : final.died ? `DIED: ${final.died}` : 'NOT ANSWERING at the end: the process runs, but /health did not answer within 30 s'}`,
  );
  if (final.consistency === null) out.push(`CONSISTENCY CHECK: could not run: ${final.consistencyError}`);
  else {
    out.push(
      `CONSISTENCY CHECK (src/store/consistency.ts): ${final.consistency.length} rows${final.consistency.length === 0 ? ' (consistent)' : ''}`,
    );
    for (const p of final.consistency.slice(0, 20)) out.push(`  ${JSON.stringify(p)}`);
  }
  return out.join('\n');
}

/** What the service logged of unexpected errors: yoga's masked originals and failed requests, distinct, first lines only. */
function loggedFailures(lines: string[]): string[] {
  const hits = lines.filter((l) => /graphql: |request .* failed|Unexpected|ingest failed|Error:/.test(l));
  return [...new Set(hits.map((l) => l.replace(/\s+/g, ' ').slice(0, 240)))].slice(0, 12);
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  log(
    `soak: ${DURATION_MS / 1000} s, at most ${MAX_REQUESTS} requests, seed ${SEED}; commit ${commit}; ports bolt ${ports.bolt}, API ${ports.api}, CoreNLP ${ports.corenlp}`,
  );
  const handle = await neo4j.startFresh();
  nlp = await startNlp(ports.corenlp);
  const apiKey = `soak-${randomBytes(18).toString('hex')}`;
  serve = await startServe({ port: ports.api, neo4j: handle, corenlpUrl: nlp.url, apiKey });
  log(`API up on ${serve.url} (CoreNLP: ${nlp.how}); warm-up …`);

  const client = new Client(serve.url, apiKey);
  const facts = await run(client);
  const dump = join(soakHome, 'requests.jsonl');
  writeFileSync(dump, `${client.records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  log(`every request (kind, start and latency in ms, status, code) is in ${dump}`);

  // The end: is the service alive, and is the store consistent?
  const died = serve.exited ? `exited with code ${serve.exited.code} (signal ${serve.exited.signal})` : null;
  const alive = !died && (await client.health('final:health', 30_000)).code === 'OK';
  let consistency: ConsistencyProblem[] | null = null;
  let consistencyError: string | null = null;
  if (neo4j.handle) {
    const driver = createDriver({
      uri: neo4j.handle.uri,
      user: neo4j.handle.user,
      password: neo4j.handle.password,
      database: undefined,
    });
    try {
      consistency = await checkConsistency(driver);
    } catch (error) {
      consistencyError = (error as Error).message;
    } finally {
      await driver.close();
    }
  } else consistencyError = 'Neo4j is not running';

  const text = report(client, facts, {
    alive,
    died,
    consistency,
    consistencyError,
    serveLog: loggedFailures(serve.lines),
    logPath: serve.logPath,
  });
  console.log(`\n=== diplograph soak, commit ${commit}, CoreNLP: ${nlp.how} ===\n${text}`);
  const failed = consistency === null || consistency.length > 0 || !alive;
  console.log(
    failed
      ? '\nSOAK FAILED (consistency rows, no check, or the service dead or not answering)'
      : '\nsoak passed: consistent store, service alive',
  );
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`soak: ${(error as Error).stack ?? String(error)}`);
} finally {
  await stopAll();
}
process.exit(code);
