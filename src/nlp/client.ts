/**
 * The one client of the linguistic engine (Stanford CoreNLP's server): fixed annotator properties on every
 * request (the server keeps one pipeline per property set), requests spread round-robin over one or
 * several servers, a server that fails to answer marked down and tried again later, a per-request timeout,
 * a retry of transient failures on the next server, long texts split under the server's character limit on
 * paragraph boundaries, and every failure mapped to an NlpError code.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { NlpError } from './errors.ts';
import type { NlpDocument, NlpEdge, NlpEntityMention, NlpSentence, NlpToken } from './types.ts';

/**
 * The annotators and their settings, the same on every request: tokenize, ssplit (a newline ends a
 * sentence: the clean text has one paragraph, caption or headline a line), pos, lemma, statistical NER
 * (SUTime, numeric classifiers and fine-grained NER off: the last costs ~10x), depparse (enhanced++ UD).
 */
export const ANNOTATION_PROPERTIES: Readonly<Record<string, string>> = {
  annotators: 'tokenize,ssplit,pos,lemma,ner,depparse',
  'ssplit.newlineIsSentenceBreak': 'always',
  'ner.useSUTime': 'false',
  'ner.applyFineGrained': 'false',
  'ner.applyNumericClassifiers': 'false',
  outputFormat: 'json',
};

export interface NlpServer {
  /** Base URL, e.g. http://127.0.0.1:9000 */
  url: string;
  user?: string;
  password?: string;
}

export interface NlpClientOptions {
  servers: NlpServer[];
  /** Per request (one chunk of text), ms. */
  timeoutMs?: number;
  /** Further attempts after a transient failure (connection refused, timeout, 5xx), each on the next server. */
  retries?: number;
  /** Longest text sent in one request; longer texts are split on paragraph boundaries. Under the server's -maxCharLength. */
  maxChars?: number;
  /** How long a server that failed to answer is skipped, ms; with every server down, a retry waits that long. */
  downForMs?: number;
  /** Called once per annotated document (the local server's restart policy counts them). */
  onDocument?: (server: string, chars: number) => void;
  /** Awaited before each attempt: the local server's supervisor holds requests while it (re)starts. */
  beforeRequest?: () => Promise<void>;
}

export interface ServerStats {
  url: string;
  requests: number;
  failures: number;
  /** Epoch ms until which the server is skipped; 0 when it is up. */
  downUntil: number;
}

interface ServerState extends ServerStats {
  auth: string | null;
}

const DEFAULTS = { timeoutMs: 120_000, retries: 2, maxChars: 50_000, downForMs: 2_000 };

/** Parses CORENLP_URL: one or several comma-separated URLs, credentials allowed in the URL (http://user:pass@host:9000). */
export function parseServers(value: string): NlpServer[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        throw new NlpError('NLP_UNAVAILABLE', `CORENLP_URL: ${JSON.stringify(raw)} is not a URL`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new NlpError('NLP_UNAVAILABLE', `CORENLP_URL: ${JSON.stringify(raw)} is not an http(s) URL`);
      const server: NlpServer = { url: `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}` };
      if (u.username) {
        server.user = decodeURIComponent(u.username);
        server.password = decodeURIComponent(u.password);
      }
      return server;
    });
}

/** Splits a text into pieces of at most `max` characters, at line ends where possible (else at a space, else anywhere). */
export function splitText(text: string, max: number): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let at = 0;
  while (text.length - at > max) {
    const window = text.slice(at, at + max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 4) cut = window.lastIndexOf(' ');
    if (cut < max / 4) cut = max - 1;
    out.push({ offset: at, text: text.slice(at, at + cut + 1) });
    at += cut + 1;
  }
  if (at < text.length) out.push({ offset: at, text: text.slice(at) });
  return out;
}

export class CoreNlpClient {
  private readonly servers: ServerState[];
  private readonly opts: Required<Omit<NlpClientOptions, 'servers' | 'onDocument' | 'beforeRequest'>>;
  private readonly onDocument: NlpClientOptions['onDocument'];
  private readonly beforeRequest: NlpClientOptions['beforeRequest'];
  private next = 0;
  private readonly query: string;

  constructor(options: NlpClientOptions) {
    if (options.servers.length === 0) throw new NlpError('NLP_UNAVAILABLE', 'no CoreNLP server configured');
    this.opts = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: options.retries ?? DEFAULTS.retries,
      maxChars: options.maxChars ?? DEFAULTS.maxChars,
      downForMs: options.downForMs ?? DEFAULTS.downForMs,
    };
    this.onDocument = options.onDocument;
    this.beforeRequest = options.beforeRequest;
    this.servers = options.servers.map((s) => ({
      url: s.url,
      auth: s.user !== undefined ? `Basic ${Buffer.from(`${s.user}:${s.password ?? ''}`).toString('base64')}` : null,
      requests: 0,
      failures: 0,
      downUntil: 0,
    }));
    this.query = `?properties=${encodeURIComponent(JSON.stringify(ANNOTATION_PROPERTIES))}`;
  }

  stats(): ServerStats[] {
    return this.servers.map(({ url, requests, failures, downUntil }) => ({ url, requests, failures, downUntil }));
  }

  /** Annotates a text; long texts go in paragraph-aligned pieces whose offsets are mapped back onto the whole. */
  async annotate(text: string): Promise<NlpDocument> {
    if (text.trim() === '') return { text, sentences: [] };
    const pieces = splitText(text, this.opts.maxChars);
    const parsed = await Promise.all(
      pieces.map((p) => this.annotatePiece(p.text).then((sentences) => shift(sentences, p.offset))),
    );
    const sentences = parsed.flat().map((s, index) => ({ ...s, index }));
    return { text, sentences };
  }

  private pick(): ServerState {
    const now = Date.now();
    const n = this.servers.length;
    for (let k = 0; k < n; k += 1) {
      const s = this.servers[(this.next + k) % n]!;
      if (s.downUntil <= now) {
        this.next = (this.next + k + 1) % n;
        return s;
      }
    }
    // All marked down: try the one that comes back first rather than fail without asking.
    const s = [...this.servers].sort((a, b) => a.downUntil - b.downUntil)[0]!;
    this.next = (this.servers.indexOf(s) + 1) % n;
    return s;
  }

  private async annotatePiece(text: string): Promise<NlpSentence[]> {
    let last: NlpError | null = null;
    for (let attempt = 0; attempt <= this.opts.retries; attempt += 1) {
      await this.beforeRequest?.();
      const server = this.pick();
      // Every server is marked down: wait for the first to come back rather than spend the retries at once.
      const wait = server.downUntil - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        const sentences = await this.request(server, text);
        this.onDocument?.(server.url, text.length);
        return sentences;
      } catch (err) {
        if (!(err instanceof NlpError)) throw err;
        server.failures += 1;
        last = err;
        if (err.code === 'NLP_BAD_RESPONSE') throw err; // the same request would be refused again
        if (err.code === 'NLP_UNAVAILABLE') server.downUntil = Date.now() + this.opts.downForMs;
      }
    }
    if (last?.code === 'NLP_TIMEOUT') throw last;
    const tried = this.servers.map((s) => s.url).join(', ');
    throw new NlpError(
      'NLP_UNAVAILABLE',
      `no CoreNLP server answered (${tried}): ${last?.message ?? 'no attempt made'}`,
    );
  }

  private async request(server: ServerState, text: string): Promise<NlpSentence[]> {
    server.requests += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    let res: Response;
    let body: string;
    try {
      const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
      if (server.auth) headers.authorization = server.auth;
      res = await fetch(`${server.url}/${this.query}`, {
        method: 'POST',
        body: text,
        headers,
        signal: controller.signal,
      });
      body = await res.text();
    } catch (err) {
      if (controller.signal.aborted)
        throw new NlpError(
          'NLP_TIMEOUT',
          `CoreNLP at ${server.url} did not answer within ${this.opts.timeoutMs} ms (${text.length} characters)`,
        );
      const cause = (err as { cause?: { code?: string; errors?: { code?: string }[]; message?: string } }).cause;
      const why = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err as Error).message;
      throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} cannot be reached (${why})`);
    } finally {
      clearTimeout(timer);
    }
    if (res.status >= 500) {
      // CoreNLP answers 500 with "timed out" when its own -timeout passes.
      if (/timed out/i.test(body))
        throw new NlpError('NLP_TIMEOUT', `CoreNLP at ${server.url} timed out on ${text.length} characters`);
      throw new NlpError(
        'NLP_UNAVAILABLE',
        `CoreNLP at ${server.url} failed (HTTP ${res.status}): ${body.slice(0, 200)}`,
      );
    }
    if (res.status !== 200)
      throw new NlpError(
        'NLP_BAD_RESPONSE',
        `CoreNLP at ${server.url} refused the request (HTTP ${res.status}): ${body.slice(0, 200)}`,
      );
    return parseResponse(body, server.url);
  }
}

interface RawToken {
  index: number;
  word: string;
  originalText: string;
  lemma: string;
  pos: string;
  ner?: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
}

interface RawSentence {
  index: number;
  tokens: RawToken[];
  enhancedPlusPlusDependencies?: NlpEdge[];
  entitymentions?: {
    text: string;
    ner: string;
    tokenBegin: number;
    tokenEnd: number;
    characterOffsetBegin: number;
    characterOffsetEnd: number;
  }[];
}

function parseResponse(body: string, url: string): NlpSentence[] {
  let doc: { sentences?: RawSentence[] };
  try {
    doc = JSON.parse(body) as { sentences?: RawSentence[] };
  } catch {
    throw new NlpError(
      'NLP_BAD_RESPONSE',
      `CoreNLP at ${url} answered with something that is not JSON: ${body.slice(0, 120)}`,
    );
  }
  if (!Array.isArray(doc.sentences))
    throw new NlpError('NLP_BAD_RESPONSE', `CoreNLP at ${url} answered without sentences`);
  return doc.sentences.map((s) => {
    if (!Array.isArray(s.tokens) || s.tokens.length === 0 || !Array.isArray(s.enhancedPlusPlusDependencies)) {
      throw new NlpError(
        'NLP_BAD_RESPONSE',
        `CoreNLP at ${url} answered a sentence without tokens or enhanced++ dependencies (is depparse among its annotators?)`,
      );
    }
    const tokens: NlpToken[] = s.tokens.map((t) => ({
      index: t.index,
      word: t.word,
      originalText: t.originalText,
      lemma: t.lemma,
      pos: t.pos,
      ner: t.ner ?? 'O',
      start: t.characterOffsetBegin,
      end: t.characterOffsetEnd,
    }));
    const edges: NlpEdge[] = s.enhancedPlusPlusDependencies.map((e) => ({
      dep: e.dep,
      governor: e.governor,
      dependent: e.dependent,
    }));
    const entities: NlpEntityMention[] = (s.entitymentions ?? []).map((m) => ({
      text: m.text,
      ner: m.ner,
      tokenBegin: m.tokenBegin,
      tokenEnd: m.tokenEnd,
      start: m.characterOffsetBegin,
      end: m.characterOffsetEnd,
    }));
    return { index: s.index, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens, edges, entities };
  });
}

function shift(sentences: NlpSentence[], offset: number): NlpSentence[] {
  if (offset === 0) return sentences;
  return sentences.map((s) => ({
    ...s,
    start: s.start + offset,
    end: s.end + offset,
    tokens: s.tokens.map((t) => ({ ...t, start: t.start + offset, end: t.end + offset })),
    entities: s.entities.map((m) => ({ ...m, start: m.start + offset, end: m.end + offset })),
  }));
}
