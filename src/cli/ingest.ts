/**
 * `diplograph ingest PATH…`: parse, extract and store files, folders (recursive) and `-` (JSON Lines on
 * stdin). Progress on stderr (a bar with rate and ETA on a terminal, plain lines otherwise), a summary at
 * the end, every failed article named with its error code (NLP_UNAVAILABLE when the engine cannot be
 * reached: such an article is not stored); exit 1 when any failed. SIGINT/SIGTERM print what was committed
 * so far; a silence of Neo4j during writes is said as it happens.
 */
import { loadConfig } from '../config.ts';
import { ArticleParser } from '../ingest/article-parser.ts';
import { missingInput, readFileInputs, scanPaths, type SourcedInput } from '../ingest/files.ts';
import { runPipeline } from '../pipeline/pipeline.ts';
import { openNlp, type NlpEngine } from '../nlp/engine.ts';
import { NlpError } from '../nlp/errors.ts';
import { LocalCoreNlpError } from '../nlp/local-corenlp.ts';
import { openNeo4j } from '../store/driver.ts';
import { summarize, type IngestResult } from '../store/ingest.ts';
import { errorCode } from '../store/errors.ts';
import type { Driver } from 'neo4j-driver';
import { migrate } from '../store/schema.ts';

const HELP = `usage: diplograph ingest [--batch-size N] [--workers N] [--quiet] PATH…

  PATH        .txt (optional header block; a sidecar NAME.meta.json is honoured), .html, .json (object or
              array), .jsonl; folders are read recursively; - reads JSON Lines on stdin
  --batch-size articles per write transaction (default 500)
  --workers   extraction threads (default: one per core)
  --quiet     no progress, summary only

Connects to NEO4J_URI, else to the local Neo4j (started if needed). Parses the sentences that can hold an
event with CoreNLP: CORENLP_URL (comma-separated servers), else the local server (started if needed, stopped
after); CORENLP_URL=none extracts without a parse (token-window rules only; said once as a warning). An
article the engine cannot parse fails with NLP_UNAVAILABLE or NLP_TIMEOUT and is not stored; once the
engine could not be reached, the remaining articles fail at once. Re-ingesting an article is a no-op
(duplicate); changed content under the same id or URL replaces its events (updated). Stopped with Ctrl-C or
SIGTERM, it prints what was committed (exit 130/143); while Neo4j does not answer, it says so every 5 s.`;

interface Args {
  paths: string[];
  batchSize: number;
  workers: number | undefined;
  quiet: boolean;
}

function parseArgs(args: string[]): Args | string {
  const out: Args = { paths: [], batchSize: 500, workers: undefined, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--batch-size' || a === '--workers') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < (a === '--workers' ? 0 : 1)) return `${a} needs a whole number`;
      if (a === '--batch-size') out.batchSize = n;
      else out.workers = n;
    } else if (a === '--quiet' || a === '-q') out.quiet = true;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else out.paths.push(a);
  }
  if (out.paths.length === 0) return 'no PATH given';
  return out;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** Articles per second, with a decimal below 10/s (a slow start is not "0/s"). */
function formatRate(rate: number): string {
  return `${rate < 10 ? rate.toFixed(1) : rate.toFixed(0)}/s`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Progress on stderr: a redrawn bar on a TTY, one line every few seconds otherwise. */
function progressReporter(total: number | null, quiet: boolean) {
  const start = Date.now();
  const tty = process.stderr.isTTY === true;
  let done = 0;
  let failed = 0;
  let lastLine = 0;
  return {
    update(results: IngestResult[]) {
      done += results.length;
      failed += results.filter((r) => r.status === 'failed').length;
      if (quiet) return;
      const elapsed = (Date.now() - start) / 1000;
      const rate = done / Math.max(elapsed, 0.001);
      const eta = total ? (total - done) / rate : NaN;
      if (tty) {
        const width = 30;
        const frac = total ? Math.min(1, done / total) : 0;
        const bar = total ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ` : '';
        process.stderr.write(
          `\r${bar}${done}${total ? `/${total}` : ''} ${plural(total ?? done, 'article')}  ${formatRate(rate)}  ETA ${formatDuration(eta)}  failed ${failed}   `,
        );
      } else if (Date.now() - lastLine > 2000 || (total !== null && done >= total)) {
        lastLine = Date.now();
        process.stderr.write(
          `ingest: ${done}${total ? `/${total}` : ''} ${plural(total ?? done, 'article')}, ${formatRate(rate)}, ${failed} failed${total ? `, ETA ${formatDuration(eta)}` : ''}\n`,
        );
      }
    },
    end() {
      if (tty && !quiet) process.stderr.write('\n');
    },
  };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(`diplograph ingest: ${parsed}\n\n${HELP}`);
    return 2;
  }
  const { files, missing, skipped } = await scanPaths(parsed.paths);
  // Every file of a folder that is not read is named, with why (links out of the tree are never followed).
  for (const s of skipped) console.error(`skipped: ${s.path}: ${s.code}: ${s.reason}`);
  // A known total when every input is one article (JSON and JSON Lines files may hold many).
  const total = files.every((f) => /\.(?:txt|html?)$/i.test(f)) ? files.length + missing.length : null;
  async function* inputs(): AsyncGenerator<SourcedInput> {
    // A path that is not there is a failed item with its code; the others are still ingested.
    for (const m of missing) yield missingInput(m);
    for (const f of files) yield* readFileInputs(f);
  }

  const log = (line: string): void => console.error(line);
  // The engine and Neo4j start side by side (two JVMs that take seconds to load).
  const starting = openNlp({ log });
  starting.catch(() => undefined);
  const conn = await openNeo4j(loadConfig(), { log }).catch(async (error: unknown) => {
    await (await starting.catch(() => null))?.close();
    throw error;
  });
  let nlp: NlpEngine | null;
  try {
    nlp = await starting;
  } catch (error) {
    await conn.close();
    // A local engine that does not start, or a CORENLP_URL that names no server: nothing is ingested.
    if (!(error instanceof LocalCoreNlpError || error instanceof NlpError)) throw error;
    console.error(`diplograph ingest: ${error.code}: ${error.message}`);
    return 1;
  }
  const parser = ArticleParser.of(nlp, { failFast: true });
  if (parser.warning) console.error(`warning: ${parser.warning}`);
  const start = Date.now();
  const progress = progressReporter(total, parsed.quiet);
  // Every result of a committed batch, so that a stop (SIGINT, SIGTERM) can say what is in the graph.
  const committed: IngestResult[] = [];
  let lastBatch = Date.now();
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    progress.end();
    const s = summarize(committed);
    const stored = s.new + s.updated + s.duplicate;
    console.error(
      `ingest stopped by ${signal}: ${stored} ${plural(stored, 'article')} committed (${s.new} new, ${s.duplicate} duplicate, ${s.updated} updated), ` +
        `${s.failed} failed; articles not yet committed were not stored: run the same command again (committed ones come back as duplicates)`,
    );
    // The write in flight is rolled back when its connection closes; a second signal does not wait.
    process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
    void Promise.allSettled([conn.close(), nlp?.close()]).then(() =>
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15)),
    );
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const watch = watchNeo4j(conn.driver, conn.target.uri, conn.target.database, () => lastBatch);
  try {
    await migrate(conn.driver, conn.target.database);
    const results = await runPipeline(conn.driver, inputs(), {
      parser,
      batchSize: parsed.batchSize,
      ...(parsed.workers !== undefined ? { workers: parsed.workers } : {}),
      ...(conn.target.database ? { database: conn.target.database } : {}),
      onBatch: (batch) => {
        lastBatch = Date.now();
        watch.committed();
        committed.push(...batch);
        progress.update(batch);
      },
    });
    progress.end();
    const s = summarize(results);
    for (const r of results)
      for (const w of r.warnings)
        if (r.status !== 'failed') console.error(`warning: ${r.source ?? r.articleId ?? '?'}: ${w}`);
    for (const r of results)
      if (r.status === 'failed')
        console.error(
          `failed: ${r.source ?? r.articleId ?? '?'}: ${r.error?.code ?? 'INTERNAL'}: ${r.error?.message ?? ''}`,
        );
    const elapsed = (Date.now() - start) / 1000;
    const stored = s.new + s.updated + s.duplicate;
    console.error(
      `ingested ${stored} of ${results.length} ${plural(results.length, 'article')} in ${elapsed.toFixed(1)} s (${formatRate(stored / Math.max(elapsed, 0.001))}): ` +
        `${s.new} new, ${s.duplicate} duplicate, ${s.updated} updated, ${s.failed} failed` +
        `${skipped.length > 0 ? `; ${skipped.length} ${plural(skipped.length, 'file')} skipped` : ''}; ${s.actors} actors, ${s.events} events written`,
    );
    return s.failed > 0 ? 1 : 0;
  } finally {
    watch.stop();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await conn.close();
    await nlp?.close();
  }
}

/** Seconds without a committed batch before Neo4j is asked whether it answers. */
const QUIET_SECONDS = 5;

/**
 * While batches are being written, says so when Neo4j stops answering: the driver retries a write for up
 * to 30 s (and a failed batch is tried again article by article), which is otherwise a long silence. A line
 * every QUIET_SECONDS while it does not answer ("Neo4j at bolt://127.0.0.1:7687 does not answer
 * (ServiceUnavailable): writes are being retried …"), and one when it is back.
 */
function watchNeo4j(
  driver: Driver,
  uri: string,
  database: string | undefined,
  lastBatch: () => number,
): { committed: () => void; stop: () => void } {
  let down = false;
  let probing = false;
  const back = (): void => {
    if (down) console.error(`Neo4j at ${uri} answers again: writing continues`);
    down = false;
  };
  const timer = setInterval(() => {
    if (probing || Date.now() - lastBatch() < QUIET_SECONDS * 1000) return;
    probing = true;
    const probe = driver.verifyConnectivity({ database });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(Object.assign(new Error('no answer within 5 s'), { code: 'TIMEOUT' })), 5000).unref(),
    );
    Promise.race([probe, timeout])
      .then(back)
      .catch((error: unknown) => {
        down = true;
        const since = Math.round((Date.now() - lastBatch()) / 1000);
        console.error(
          `Neo4j at ${uri} does not answer (${errorCode(error)}): writes are being retried (${since} s since the last batch was committed) …`,
        );
      })
      .finally(() => (probing = false));
  }, QUIET_SECONDS * 1000);
  timer.unref();
  // A batch committed is an answer too (the retried write may get through before the next probe).
  return { committed: back, stop: () => clearInterval(timer) };
}
