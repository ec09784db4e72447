/** Turns raw input (text with an optional header, HTML, JSON) into body text plus metadata. */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as ParseHTML } from 'linkedom';
import { parseDate } from './dates.ts';
import { FIELD_LIMITS, InputError, MAX_INPUT_BYTES } from './errors.ts';
import type { ArticleInput } from './types.ts';

export interface RawArticle {
  body: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
}

const HEADER_LINE = /^(URL|OUTLET|PUBLISHED|TITLE|DATE|SOURCE|ID):(.*)$/i;

/** Rejects input that is not an article: empty, binary, oversized. */
export function checkContent(content: string, what: string): void {
  if (Buffer.byteLength(content, 'utf8') > MAX_INPUT_BYTES) {
    throw new InputError(
      'TOO_LARGE',
      `${what} is ${Buffer.byteLength(content, 'utf8')} bytes; the limit is ${MAX_INPUT_BYTES} bytes (5 MB)`,
    );
  }
  if (content.includes('\u0000') || content.includes('\uFFFD'))
    throw new InputError('BINARY_INPUT', `${what} contains NUL bytes or invalid UTF-8; expected text`);
  if (content.trim() === '') throw new InputError('EMPTY_INPUT', `${what} is empty`);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A YYYY-MM-DD that names a day of the calendar (not 2024-13-45 or 2023-02-29). */
function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Checks the metadata given with an article (the mutation's input, a JSON object, a sidecar): id, url,
 * title and outlet within FIELD_LIMITS and without control characters (a title may not hold a line
 * break either: it is one line), publishedAt a real date. Throws INVALID_FIELD naming the field.
 */
export function checkFields(input: ArticleInput): void {
  for (const field of ['id', 'url', 'title', 'outlet', 'publishedAt'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new InputError('INVALID_FIELD', `"${field}" must be a string`);
    const limit = FIELD_LIMITS[field];
    if (value.length > limit)
      throw new InputError('INVALID_FIELD', `"${field}" is ${value.length} characters; the limit is ${limit}`);
    if (CONTROL.test(value))
      throw new InputError('INVALID_FIELD', `"${field}" must not contain control characters or line breaks`);
  }
  if (input.id !== undefined && input.id !== null && input.id.trim() === '')
    throw new InputError('INVALID_FIELD', '"id" must not be blank');
  if (input.url && !/^https?:\/\/\S+$/i.test(input.url.trim()))
    throw new InputError('INVALID_FIELD', '"url" must be an http:// or https:// URL');
  const published = input.publishedAt?.trim();
  if (published) {
    const day = parseDate(published);
    if (day === null || !isCalendarDay(day)) {
      throw new InputError(
        'INVALID_FIELD',
        `"publishedAt" must be a date (YYYY-MM-DD, an ISO date-time, or "July 21, 2021"), got ${JSON.stringify(published)}`,
      );
    }
  }
}

/** The line of `text` starting at `from` (without its "\n" or "\r\n"), and where the next one starts (-1: none). */
function lineAt(text: string, from: number): { line: string; next: number } {
  const nl = text.indexOf('\n', from);
  if (nl < 0) return { line: text.slice(from), next: -1 };
  return { line: text.slice(from, nl > from && text[nl - 1] === '\r' ? nl - 1 : nl), next: nl + 1 };
}

/** "URL: …\nOUTLET: …\n---\nbody": the header is optional. Lines are read one at a time: only the header's are needed. */
export function splitHeader(text: string): { header: Record<string, string>; body: string } {
  const header: Record<string, string> = {};
  let k = 0;
  let at: { line: string; next: number } | null = lineAt(text, 0);
  for (; at; at = at.next < 0 ? null : lineAt(text, at.next), k += 1) {
    const m = HEADER_LINE.exec(at.line);
    if (!m) break;
    header[m[1]!.toUpperCase()] = m[2]!.trim();
  }
  if (k > 0 && at && /^-{3,}\s*$/.test(at.line)) {
    // The body's lines joined by "\n", as text.split(/\r?\n/) then join('\n') would give them.
    const rest = at.next < 0 ? '' : text.slice(at.next);
    return { header, body: rest.includes('\r') ? rest.split(/\r?\n/).join('\n') : rest };
  }
  return { header: {}, body: text };
}

/**
 * The first <meta> in document order under each value of its property, name or itemprop attribute: for every n,
 * what `meta[property="n"], meta[name="n"], meta[itemprop="n"]` selects (values compared exactly, as the
 * selector does), read in one pass instead of one selector query per name.
 */
function metaIndex(doc: Document): Map<string, Element> {
  const first = new Map<string, Element>();
  for (const el of Array.from(doc.querySelectorAll('meta') as ArrayLike<Element>)) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const v = el.getAttribute(attr);
      if (v !== null && !first.has(v)) first.set(v, el);
    }
  }
  return first;
}

/** The content of the first named meta tag that has one. */
function meta(index: ReadonlyMap<string, Element>, names: string[]): string | null {
  for (const n of names) {
    const v = index.get(n)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

const BLOCKS = 'p, h2, h3, h4, li, blockquote, pre';

/**
 * linkedom and Readability, loaded at the first HTML page: text input never needs them, and loading them
 * cost every extraction thread ~0.1 s of CPU at start. Loaded synchronously (extract() is), so linkedom's
 * CommonJS build, made from the same sources as its ES module.
 */
let htmlTools: { parseHTML: typeof ParseHTML; Readability: typeof ReadabilityClass } | undefined;
function html(): NonNullable<typeof htmlTools> {
  if (!htmlTools) {
    const require = createRequire(import.meta.url);
    htmlTools = {
      parseHTML: (require('linkedom') as { parseHTML: typeof ParseHTML }).parseHTML,
      Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
    };
  }
  return htmlTools;
}

/** HTML page: readability finds the main content; meta tags give title, outlet, date and URL. */
export function readHtml(page: string): RawArticle {
  const { parseHTML, Readability } = html();
  const { document } = parseHTML(page);
  const metas = metaIndex(document);
  const title =
    meta(metas, ['og:title', 'twitter:title']) ?? document.querySelector('title')?.textContent?.trim() ?? null;
  const outlet = meta(metas, ['og:site_name', 'application-name']);
  const publishedAt =
    meta(metas, ['article:published_time', 'datePublished', 'date', 'pubdate', 'publish-date', 'dc.date']) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const url = meta(metas, ['og:url']) ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const parsed = new Readability(document as unknown as Document).parse();
  let body = '';
  if (parsed?.content) {
    const { document: inner } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    const blocks = Array.from(inner.querySelectorAll(BLOCKS) as ArrayLike<Element>)
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((s) => s !== '');
    body = blocks.length > 0 ? blocks.join('\n\n') : (parsed.textContent ?? '').trim();
  }
  if (!body) body = (document.body?.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
  return {
    body,
    title: parsed?.title?.trim() || title,
    outlet: parsed?.siteName ?? outlet,
    url,
    publishedAt: parsed?.publishedTime ?? publishedAt,
  };
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text) || /<(?:p|div|article|body)[\s>]/i.test(text.slice(0, 5000));
}

/** Normalises one ArticleInput to body text and metadata (header lines and HTML meta included). */
export function readInput(input: ArticleInput): RawArticle {
  checkFields(input);
  const given = {
    title: input.title ?? null,
    outlet: input.outlet ?? null,
    url: input.url ?? null,
    publishedAt: input.publishedAt ?? null,
  };
  if (input.html !== undefined && input.html !== null) {
    if (typeof input.html !== 'string') throw new InputError('INVALID_FIELD', '"html" must be a string');
    checkContent(input.html, 'html');
    const h = readHtml(input.html);
    return {
      body: h.body,
      title: given.title ?? h.title,
      outlet: given.outlet ?? h.outlet,
      url: given.url ?? h.url,
      publishedAt: given.publishedAt ?? h.publishedAt,
    };
  }
  if (input.text === undefined || input.text === null)
    throw new InputError('MISSING_CONTENT', 'the article has neither "text" nor "html"');
  if (typeof input.text !== 'string') throw new InputError('INVALID_FIELD', '"text" must be a string');
  checkContent(input.text, 'text');
  if (looksLikeHtml(input.text)) return readInput({ ...input, text: undefined, html: input.text });
  const { header, body } = splitHeader(input.text);
  return {
    body,
    title: given.title ?? header.TITLE ?? null,
    outlet: given.outlet ?? header.OUTLET ?? header.SOURCE ?? null,
    url: given.url ?? header.URL ?? null,
    publishedAt: given.publishedAt ?? header.PUBLISHED ?? header.DATE ?? null,
  };
}
