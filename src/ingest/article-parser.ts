/**
 * What ingest does before extraction: prepares an article, picks its candidate sentences and has the engine
 * (CoreNLP) parse those it has not parsed yet, through one bounded ParseStore per parser (one per process),
 * so a sentence met again (a wire's boilerplate, a re-sent article) is parsed once. The result is an
 * ExtractTask, plain data that an extraction thread turns into actors and events.
 *
 * Without an engine (CORENLP_URL=none, the user's explicit choice) articles are extracted without a parse,
 * by the token-window rules, and `warning` says so. An engine that cannot be reached or times out is never
 * replaced by that: the article fails with the NlpError (NLP_UNAVAILABLE, NLP_TIMEOUT) and is not stored.
 */
import type { NlpEngine } from '../nlp/engine.ts';
import { NlpError } from '../nlp/errors.ts';
import { candidateTexts, type ArticleParses, type ExtractTask } from './extract-task.ts';
import { parseMissing, ParseStore, type Annotator } from './parses.ts';
import type { ArticleInput } from './types.ts';

export const NO_PARSE_WARNING =
  'NO_PARSE: CORENLP_URL=none: extracted without a dependency parse (token-window rules only)';

export interface ArticleParserOptions {
  /**
   * The store is started afresh once it holds more than this many sentences (default 20,000, some 100 MB);
   * 0 keeps no parse from one article to the next.
   */
  maxStored?: number;
  /** Articles whose sentences are with the engine at once (default 2, the local server's threads). */
  concurrency?: number;
  /**
   * Once the engine could not be reached, later articles fail at once with that error instead of each
   * waiting out the client's retries: for a batch run, where the engine is not coming back on its own.
   */
  failFast?: boolean;
  /** Parses known beforehand (recorded ones); kept until the store is first started afresh. */
  store?: ParseStore;
}

/**
 * Prepares an article and gives its candidate sentences' texts (candidateTexts, in this thread, by default);
 * the server passes one that does it in an extraction thread, off the event loop.
 */
export type Candidates = (input: ArticleInput) => string[] | Promise<string[]>;

/** Where the time of parsing went; busy times count the time with at least one article in that step. */
export interface ParserStats {
  articles: number;
  /** Candidate sentences of those articles, and how many of them the engine was asked for. */
  candidates: number;
  parsed: number;
  /** Milliseconds with a request to the engine in flight. */
  engineMs: number;
  /** Milliseconds preparing articles and picking candidates in this thread (prepareArticle, candidateSentences). */
  prepareMs: number;
}

export class ArticleParser {
  /** Said once per run when there is no engine; null with one. */
  readonly warning: string | null;
  readonly stats: ParserStats = { articles: 0, candidates: 0, parsed: 0, engineMs: 0, prepareMs: 0 };
  private store: ParseStore;
  private readonly maxStored: number;
  /** Articles with the engine at once. */
  readonly concurrency: number;
  private readonly failFast: boolean;
  private unreachable: NlpError | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private busySince = 0;

  /** `engine` null: no parse, by the user's choice (CORENLP_URL=none). */
  constructor(
    private readonly engine: Annotator | null,
    options: ArticleParserOptions = {},
  ) {
    this.store = options.store ?? new ParseStore();
    this.maxStored = options.maxStored ?? 20_000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.failFast = options.failFast ?? false;
    this.warning = engine ? null : NO_PARSE_WARNING;
  }

  /** The parser of an engine opened by openNlp(); null (CORENLP_URL=none) gives one without parse. */
  static of(nlp: NlpEngine | null, options: ArticleParserOptions = {}): ArticleParser {
    return new ArticleParser(nlp?.client ?? null, options);
  }

  /**
   * Prepares an article and parses its candidate sentences. Throws the InputError of a bad input, or the
   * NlpError of the engine (the article must then not be stored).
   */
  async task(input: ArticleInput, candidates: Candidates = candidateTexts): Promise<ExtractTask> {
    const t0 = performance.now();
    const texts = await candidates(input);
    this.stats.prepareMs += performance.now() - t0;
    this.stats.articles += 1;
    this.stats.candidates += texts.length;
    if (!this.engine) return { input, parses: {} };
    await this.acquire();
    // The store of this article, kept even if another article starts a fresh one meanwhile.
    const store = this.store;
    try {
      if (this.unreachable)
        throw new NlpError(this.unreachable.code, `${this.unreachable.message} (not asked again in this run)`);
      // Read the count after the await: `stats.parsed += await …` would add to the value from before it.
      const parsed = await parseMissing(texts, this.engine, store);
      this.stats.parsed += parsed;
    } catch (error) {
      if (this.failFast && error instanceof NlpError && error.code === 'NLP_UNAVAILABLE') this.unreachable ??= error;
      throw error;
    } finally {
      this.release();
    }
    const parses: ArticleParses = {};
    for (const t of texts) {
      const p = store.get(t);
      if (p) parses[t] = p;
    }
    if (this.store.size > this.maxStored) this.store = new ParseStore();
    return { input, parses };
  }

  /** A request slot; a released slot passes straight to the first article waiting for one. */
  private async acquire(): Promise<void> {
    if (this.active >= this.concurrency) return new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.active === 0) this.busySince = performance.now();
    this.active += 1;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) return next();
    this.active -= 1;
    if (this.active === 0) this.stats.engineMs += performance.now() - this.busySince;
  }
}

/** The task of each input, or the error that kept it from one, in order; `limit` articles are prepared at a time. */
export async function taskEach(
  inputs: readonly ArticleInput[],
  parser: ArticleParser,
  limit = parser.concurrency + 2,
): Promise<({ task: ExtractTask } | { error: unknown })[]> {
  const out: ({ task: ExtractTask } | { error: unknown })[] = new Array(inputs.length);
  let next = 0;
  // A few articles at a time: each is prepared (synchronous work) only when a slot is near, so a chunk of
  // 500 does not hold this thread for seconds, and the engine always has the next article waiting.
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const k = next++;
      try {
        out[k] = { task: await parser.task(inputs[k]!) };
      } catch (error) {
        out[k] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, lane));
  return out;
}
