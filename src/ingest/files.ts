/**
 * Reading articles from files, folders and JSON Lines (the ingest pipeline, `diplograph extract` and
 * the seed loader all read through here).
 *
 * Files: .txt (optional header block, read by the extractor), .html/.htm, .json (an object or an array
 * of objects), .jsonl/.ndjson (one object a line); `-` is JSON Lines on stdin. A file's id is its base
 * name; a sidecar NAME.meta.json ({id,title,outlet,publishedAt,url}) next to NAME.txt/.html overrides.
 * Every problem is an InputError naming the file (or file:line) and what was wrong.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { InputError, MAX_INPUT_BYTES } from './errors.ts';
import type { ArticleInput } from './types.ts';

/** One article to ingest, or why it could not be read. */
export interface SourcedInput {
  source: string;
  input?: ArticleInput;
  error?: unknown;
}

const FIELDS = ['id', 'text', 'html', 'title', 'url', 'outlet', 'publishedAt'] as const;
const ARTICLE_EXT = new Set(['.txt', '.html', '.htm', '.json', '.jsonl', '.ndjson']);

function isSidecar(path: string): boolean {
  return path.toLowerCase().endsWith('.meta.json');
}

/** Checks one parsed JSON value as an ArticleInput. */
export function toArticleInput(value: unknown, what: string): ArticleInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('MALFORMED_JSON', `${what}: expected a JSON object`);
  const obj = value as Record<string, unknown>;
  const out: ArticleInput = {};
  for (const f of FIELDS) {
    const v = obj[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new InputError('INVALID_FIELD', `${what}: "${f}" must be a string`);
    out[f] = v;
  }
  if (out.text === undefined && out.html === undefined) throw new InputError('MISSING_CONTENT', `${what}: neither "text" nor "html" is given`);
  return out;
}

export function decode(buf: Buffer, what: string): string {
  if (buf.length > MAX_INPUT_BYTES) throw new InputError('TOO_LARGE', `${what} is ${buf.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes`);
  if (buf.includes(0)) throw new InputError('BINARY_INPUT', `${what} contains NUL bytes; expected text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError('BINARY_INPUT', `${what} is not valid UTF-8`);
  }
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError('MALFORMED_JSON', `${what}: ${(err as Error).message}`);
  }
}

/** The sidecar metadata of NAME.txt / NAME.html, if there is one. */
export function readSidecar(path: string): Partial<ArticleInput> {
  const side = join(dirname(path), `${basename(path).replace(/\.[^.]+$/, '')}.meta.json`);
  if (!existsSync(side)) return {};
  const meta = parseJson(readFileSync(side, 'utf8'), side);
  if (typeof meta !== 'object' || meta === null) throw new InputError('MALFORMED_JSON', `${side}: expected a JSON object`);
  const out: Partial<ArticleInput> = {};
  for (const f of ['id', 'title', 'url', 'outlet', 'publishedAt'] as const) {
    const v = (meta as Record<string, unknown>)[f];
    if (typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}

/** Expands paths into article files (folders recursively, sorted; sidecars and other files skipped). */
export async function listFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    const st = await stat(p);
    if (!st.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true, recursive: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .filter((f) => ARTICLE_EXT.has(extname(f).toLowerCase()) && !isSidecar(f) && !basename(f).startsWith('.'))
      .sort();
    out.push(...entries);
  }
  return out;
}

function jsonLine(line: string, what: string): SourcedInput {
  try {
    return { source: what, input: toArticleInput(parseJson(line, what), what) };
  } catch (error) {
    return { source: what, error };
  }
}

/** Reads the articles of one file (several for .json arrays and JSON Lines). */
export async function* readFileInputs(path: string): AsyncGenerator<SourcedInput> {
  if (path === '-') {
    let n = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      n++;
      if (line.trim() !== '') yield jsonLine(line, `stdin:${n}`);
    }
    return;
  }
  const ext = extname(path).toLowerCase();
  let text: string;
  try {
    text = decode(await readFile(path), path);
  } catch (error) {
    yield { source: path, error };
    return;
  }
  if (ext === '.jsonl' || ext === '.ndjson') {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) if (line.trim() !== '') yield jsonLine(line, `${path}:${i + 1}`);
    return;
  }
  try {
    if (ext === '.json') {
      const value = parseJson(text, path);
      const list = Array.isArray(value) ? value : [value];
      for (const [i, v] of list.entries()) {
        const what = Array.isArray(value) ? `${path}[${i}]` : path;
        try {
          yield { source: what, input: toArticleInput(v, what) };
        } catch (error) {
          yield { source: what, error };
        }
      }
      return;
    }
    if (text.trim() === '') throw new InputError('EMPTY_INPUT', `${path} is empty`);
    const body: ArticleInput = ext === '.html' || ext === '.htm' ? { html: text } : { text };
    yield { source: path, input: { id: basename(path).replace(/\.[^.]+$/, ''), ...readSidecar(path), ...body } };
  } catch (error) {
    yield { source: path, error };
  }
}

export async function* readInputs(paths: string[]): AsyncGenerator<SourcedInput> {
  for (const file of await listFiles(paths)) yield* readFileInputs(file);
}
