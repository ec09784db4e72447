/**
 * What a soak run sends, and how each answer is recorded: kind, HTTP status, error code
 * (`extensions.code`, with the `inputCode` of a refused article: `BAD_USER_INPUT/EMPTY_INPUT`; `OK`
 * without errors) and latency. Payloads are built once before the run, so that building a 5 MB string
 * does not stall this process while it times the server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldFilesIn, inputFormat, loadGoldFile } from '../../src/eval/gold.ts';
import { MAX_INPUT_BYTES } from '../../src/ingest/errors.ts';
import { repoRoot } from './services.ts';
import type { ArticleInput } from '../../src/extraction.ts';

export interface Rec {
  kind: string;
  /** Milliseconds since the run started, when the request was sent. */
  start: number;
  ms: number;
  /** HTTP status; 0 when no answer came (connection refused, client timeout). */
  status: number;
  code: string;
  /** The first error's message, for the codes worth listing. */
  message?: string;
  /** What an ingestArticle answered: "CREATED, 12 events". */
  note?: string;
}

export interface SendOptions {
  /** Authorization: the run's key (default for mutations), a wrong one, or none. */
  key?: string | null;
  timeoutMs?: number;
  /** A body sent as is (malformed JSON); otherwise `{ query, variables }`. */
  rawBody?: string;
}

const UNEXPECTED = 'Unexpected error.';

/** The code an answer is counted under (exported for its unit test). */
export function codeOf(status: number, body: unknown): { code: string; message?: string; note?: string } {
  const errors = (
    body as { errors?: { message?: string; extensions?: { code?: string; inputCode?: string } }[] } | null
  )?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    // An "Unexpected error." anywhere in the list is what must be seen, whatever comes first.
    const first =
      errors.find((e) => e.message === UNEXPECTED || e.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? errors[0]!;
    const code = first.extensions?.code ?? 'NO_CODE';
    const withInput = first.extensions?.inputCode ? `${code}/${first.extensions.inputCode}` : code;
    return { code: withInput, message: first.message ?? '' };
  }
  if (status !== 200) return { code: `HTTP_${status}` };
  const ingest = (body as { data?: { ingestArticle?: { status?: string; events?: unknown[] } } } | null)?.data
    ?.ingestArticle;
  return ingest ? { code: 'OK', note: `${ingest.status}, ${ingest.events?.length ?? 0} events` } : { code: 'OK' };
}

export class Client {
  readonly records: Rec[] = [];
  private readonly t0 = performance.now();
  /** Requests sent so far (the run's budget counts them). */
  sent = 0;

  constructor(
    readonly base: string,
    readonly apiKey: string,
  ) {}

  now(): number {
    return performance.now() - this.t0;
  }

  async health(kind = 'probe:health', timeoutMs = 60_000): Promise<Rec> {
    return this.timed(kind, timeoutMs, async (signal) => {
      const res = await fetch(`${this.base}/health`, { signal });
      await res.arrayBuffer();
      return { status: res.status, ...(res.status === 200 ? { code: 'OK' } : { code: `HTTP_${res.status}` }) };
    });
  }

  /** A GraphQL POST; mutations carry the run's key unless `key` says otherwise. */
  async gql(
    kind: string,
    query: string,
    variables: Record<string, unknown> = {},
    opts: SendOptions = {},
  ): Promise<Rec> {
    const key = opts.key === undefined ? (/^\s*mutation\b/.test(query) ? this.apiKey : null) : opts.key;
    const body = opts.rawBody ?? JSON.stringify({ query, variables });
    return this.timed(kind, opts.timeoutMs ?? 120_000, async (signal) => {
      const res = await fetch(`${this.base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body,
        signal,
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { status: res.status, code: `HTTP_${res.status}_NOT_JSON` };
      }
      return { status: res.status, ...codeOf(res.status, parsed) };
    });
  }

  private async timed(
    kind: string,
    timeoutMs: number,
    send: (signal: AbortSignal) => Promise<Omit<Rec, 'kind' | 'start' | 'ms'>>,
  ): Promise<Rec> {
    this.sent += 1;
    const start = this.now();
    let outcome: Omit<Rec, 'kind' | 'start' | 'ms'>;
    try {
      outcome = await send(AbortSignal.timeout(Math.round(timeoutMs)));
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string }; message?: string };
      const code = e.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : `FETCH_FAILED/${e.cause?.code ?? e.name ?? 'error'}`;
      outcome = { status: 0, code, message: e.message ?? '' };
    }
    const rec: Rec = { kind, start, ms: this.now() - start, ...outcome };
    this.records.push(rec);
    return rec;
  }
}

// ---------------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------------

/** The mutation's input: the extraction contract's ArticleInput. */
export type ArticleVars = ArticleInput;

export const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status duplicate warnings article { id } events { id relation } actors { id } }
}`;

/** The gold articles of one split as mutation inputs, with their own ids and metadata. */
export function goldArticles(split: 'dev' | 'heldout'): ArticleVars[] {
  return goldFilesIn(join(repoRoot, 'test', 'gold', split)).map((file) => {
    const { gold, content } = loadGoldFile(file);
    const meta = Object.fromEntries(
      Object.entries({ title: gold.title, url: gold.url, outlet: gold.outlet, publishedAt: gold.publishedAt }).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
    return {
      id: `gold:${gold.id}`,
      ...(inputFormat(gold) === 'html' ? { html: content } : { text: content }),
      ...meta,
    };
  });
}

/** Plain text of the articles, headers dropped, for the big texts built from them. */
function bodies(articles: ArticleVars[]): string[] {
  return articles
    .map((a) => (a.text ?? '').replace(/^(?:[A-Z][A-Z_]*:[^\n]*\n)+---\n/, ''))
    .filter((t) => t.trim() !== '');
}

/**
 * The heaviest article the API accepts: real English news text (the dev articles, over and over) up to
 * just under the 5 MB limit, in paragraphs. Its sentences repeat the dev split's, so the engine parses
 * each once: the weight falls on preparing, extracting and writing one article of thousands of events.
 */
export function heaviestArticle(dev: ArticleVars[]): ArticleVars {
  const texts = bodies(dev);
  const target = MAX_INPUT_BYTES - 64 * 1024;
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < target; i += 1) {
    const t = texts[i % texts.length]!;
    const b = Buffer.byteLength(t, 'utf8') + 2;
    if (bytes + b > target) break;
    parts.push(t);
    bytes += b;
  }
  return {
    id: 'soak:heaviest',
    title: 'Soak: the heaviest article allowed',
    publishedAt: '2024-06-01',
    outlet: 'Soak',
    text: parts.join('\n\n'),
  };
}

const FRENCH =
  "Le ministre des Affaires étrangères a convoqué mardi l'ambassadeur pour lui faire part de la vive " +
  'préoccupation du gouvernement après les déclarations de son homologue. Selon le porte-parole du ministère, ' +
  'les deux pays poursuivront néanmoins le dialogue dans le cadre des négociations prévues à Genève, où les ' +
  'délégations doivent se retrouver la semaine prochaine pour examiner les propositions de cessez-le-feu.';

/** One line (no break, no full stop) of English words, `bytes` long: one "sentence" the size of a book. */
function singleLine(bytes: number): string {
  const phrase =
    'officials from both governments met in Geneva and said that the talks on the border dispute would continue ';
  return phrase.repeat(Math.ceil(bytes / phrase.length)).slice(0, bytes);
}

export interface HostileIngest {
  name: string;
  /** The mutation's variables, or a raw body (malformed JSON). */
  input?: ArticleVars;
  rawBody?: string;
  key?: string | null;
  /** How many times at most over a run (the multi-megabyte ones are sent once or twice). */
  max: number;
}

/** Inputs a careless or hostile client sends to ingestArticle; `small` is a short English article. */
export function hostileIngests(small: string): HostileIngest[] {
  const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  return [
    { name: 'empty', input: { text: '' }, max: Infinity },
    { name: 'whitespace', input: { text: ' \n\t \r\n ' }, max: Infinity },
    { name: 'no-content', input: { title: 'no text, no html' }, max: Infinity },
    { name: 'binary', input: { text: binary }, max: Infinity },
    {
      name: 'replacement-chars',
      input: { text: `Russia said \uFFFD\uFFFD\uFFFD ${small.slice(0, 500)}` },
      max: Infinity,
    },
    { name: 'other-language', input: { id: 'soak:french', text: FRENCH }, max: Infinity },
    {
      name: 'json-in-text',
      input: { text: '{"title": "x", "text": "China condemned the United States' },
      max: Infinity,
    },
    {
      name: 'html-with-script',
      input: {
        html: `<html><body><script>while(true){}</script><article><p>${small.slice(0, 2000)}</p></article></body></html>`,
      },
      max: Infinity,
    },
    {
      name: 'huge-single-line',
      input: { id: 'soak:single-line', text: singleLine(MAX_INPUT_BYTES - 100 * 1024) },
      max: 2,
    },
    { name: 'over-size-limit', input: { text: singleLine(MAX_INPUT_BYTES + 1024) }, max: 2 },
    { name: 'id-too-long', input: { id: 'x'.repeat(501), text: small }, max: Infinity },
    { name: 'id-control-chars', input: { id: 'a\u0000b\nc', text: small }, max: Infinity },
    { name: 'id-blank', input: { id: '   ', text: small }, max: Infinity },
    { name: 'id-cypher', input: { id: "x'}) DETACH DELETE n //", text: small }, max: Infinity },
    { name: 'id-path', input: { id: '../../../etc/passwd', text: small }, max: Infinity },
    { name: 'id-unicode', input: { id: '\u202Eevil\u200B\uD83D\uDCA3', text: small }, max: Infinity },
    { name: 'bad-date', input: { text: small, publishedAt: '2024-13-45' }, max: Infinity },
    { name: 'bad-url', input: { text: small, url: 'javascript:alert(1)' }, max: Infinity },
    {
      name: 'malformed-json-body',
      rawBody: '{"query": "mutation { ingestArticle(input: {text: \\"x\\"',
      max: Infinity,
    },
    { name: 'wrong-key', input: { text: small }, key: 'wrong-key-0123456789abcdef', max: Infinity },
    { name: 'no-key', input: { text: small }, key: null, max: Infinity },
  ];
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/** The cheap read the probe sends every ~100 ms: one actor by id (it goes to Neo4j). */
export const PROBE_READ = '{ actor(id: "country:USA") { id name kind } }';

/** Actors the gold articles are about, for the analyst reads. */
export const ACTORS = [
  'country:USA',
  'country:CHN',
  'country:RUS',
  'country:GBR',
  'country:IRN',
  'country:UKR',
  'country:ISR',
  'country:DEU',
  'country:FRA',
  'alliance:nato',
];

export const READS: { kind: string; query: (a: string, b: string) => string }[] = [
  {
    kind: 'read:actors',
    query: () => '{ actors(search: "minister", first: 20) { totalCount nodes { id name kind country } } }',
  },
  {
    kind: 'read:actors',
    query: (a) =>
      `{ actor(id: ${JSON.stringify(a)}) { id name relations(first: 10) { totalCount nodes { relation counterpart { id name } } } } }`,
  },
  {
    kind: 'read:events',
    query: (a) =>
      `{ events(filter: { either: ${JSON.stringify(a)} }, first: 50) { totalCount nodes { id date relation source { id name } target { id name } evidence { sentence article { id title } } } } }`,
  },
  {
    kind: 'read:network',
    query: (a) =>
      `{ network(actorIds: [${JSON.stringify(a)}], depth: 2) { nodes { id name degree } edges { id source target relation count } truncated } }`,
  },
  {
    kind: 'read:paths',
    query: (a, b) =>
      `{ paths(from: ${JSON.stringify(a)}, to: ${JSON.stringify(b)}) { length hops { relation count source { id } target { id } } } }`,
  },
  {
    kind: 'read:timeline',
    query: (a) => `{ timeline(actor: ${JSON.stringify(a)}, granularity: WEEK) { start count reports incidents } }`,
  },
];

const NETWORK_FIELDS =
  '{ nodes { id name kind country degree } edges { id source target relation count reports incidents firstDate lastDate meanScore } truncated }';

/** Queries a hostile client sends; `ids` are actor ids the graph holds. */
export function hostileQueries(ids: string[]): { name: string; query: string; variables?: Record<string, unknown> }[] {
  const huge = 'x'.repeat(1_000_000);
  let deepIntrospection = 'name';
  for (let i = 0; i < 12; i += 1) deepIntrospection = `ofType { ${deepIntrospection} }`;
  return [
    {
      name: 'network-deep-wide-1000',
      query: `query($ids: [ID!]!) { network(actorIds: $ids, depth: 3, limit: 1000) ${NETWORK_FIELDS} }`,
      variables: { ids },
    },
    {
      name: 'network-one-depth3-1000',
      query: `{ network(actorIds: ["country:USA"], depth: 3, limit: 1000, minCount: 1) ${NETWORK_FIELDS} }`,
    },
    {
      name: 'network-1000-unknown-ids',
      query: `query($ids: [ID!]!) { network(actorIds: $ids, limit: 1000) { truncated } }`,
      variables: { ids: Array.from({ length: 1000 }, (_, i) => `country:X${i}`) },
    },
    {
      name: '500-aliases',
      query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: actor(id: "country:USA") { id }`).join(' ')} }`,
    },
    {
      name: '500-typename-aliases',
      query: `{ ${Array.from({ length: 500 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    },
    { name: 'huge-id-actor', query: 'query($id: ID!) { actor(id: $id) { id } }', variables: { id: huge } },
    {
      name: 'huge-id-paths',
      query: 'query($id: ID!) { paths(from: $id, to: $id, maxHops: 6) { length } }',
      variables: { id: huge },
    },
    {
      name: 'huge-id-network',
      query: 'query($id: ID!) { network(actorIds: [$id], depth: 3, limit: 1000) { truncated } }',
      variables: { id: huge },
    },
    { name: 'introspection-deep', query: `{ __schema { types { fields { type { ${deepIntrospection} } } } } }` },
    {
      name: 'introspection-wide',
      query: `{ ${Array.from({ length: 15 }, (_, i) => `s${i}: __schema { types { name fields { name args { name type { name kind } } type { name kind } } } }`).join(' ')} }`,
    },
    {
      name: 'introspection-type-cycle',
      query:
        '{ __type(name: "Actor") { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } }',
    },
    {
      name: 'paths-max-hops',
      query:
        '{ paths(from: "country:USA", to: "country:CHN", maxHops: 6) { length hops { relation evidence { id evidence { sentence } } } } }',
    },
  ];
}

/** A short English article (the seed), for the inputs whose point is their metadata. */
export function smallArticle(): string {
  return readFileSync(join(repoRoot, 'seed', 'dawn-2021-07-21-china-hack-claims.txt'), 'utf8');
}
