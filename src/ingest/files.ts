/**
 * Reading articles from files, folders and JSON Lines (the ingest pipeline, `diplograph extract` and
 * the seed loader all read through here).
 *
 * Files: .txt (optional header block, read by the extractor), .html/.htm, .json (an object or an array
 * of objects), .jsonl/.ndjson (one object a line); `-` is JSON Lines on stdin. A file's id is its base
 * name; a sidecar NAME.meta.json ({id,title,outlet,publishedAt,url}) next to NAME.txt/.html overrides.
 * Every problem is an InputError naming the file (or file:line) and what was wrong.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, isAbsolute, sep } from 'node:path';
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
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('MALFORMED_JSON', `${what}: expected a JSON object`);
  const obj = value as Record<string, unknown>;
  const out: ArticleInput = {};
  for (const f of FIELDS) {
    const v = obj[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new InputError('INVALID_FIELD', `${what}: "${f}" must be a string`);
    out[f] = v;
  }
  if (out.text === undefined && out.html === undefined)
    throw new InputError('MISSING_CONTENT', `${what}: neither "text" nor "html" is given`);
  return out;
}

export function decode(buf: Buffer, what: string): string {
  if (buf.length > MAX_INPUT_BYTES)
    throw new InputError('TOO_LARGE', `${what} is ${buf.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes`);
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
  if (typeof meta !== 'object' || meta === null)
    throw new InputError('MALFORMED_JSON', `${side}: expected a JSON object`);
  const out: Partial<ArticleInput> = {};
  for (const f of ['id', 'title', 'url', 'outlet', 'publishedAt'] as const) {
    const v = (meta as Record<string, unknown>)[f];
    if (typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}

/** A path given or found that is not read as an article, and why. */
export interface SkippedPath {
  path: string;
  code:
    | 'NOT_FOUND'
    | 'UNREADABLE'
    | 'UNSUPPORTED_TYPE'
    | 'HIDDEN'
    | 'LINK_OUTSIDE'
    | 'LINK_TO_FOLDER'
    | 'BROKEN_LINK'
    | 'NOT_A_FILE';
  reason: string;
}

export interface PathScan {
  /** Article files to read, in order (folders' files sorted); `-` for stdin. */
  files: string[];
  /** Paths given that do not exist or cannot be read (each is a failed item). */
  missing: SkippedPath[];
  /** Files inside the given folders that are not read, each with its reason. */
  skipped: SkippedPath[];
}

const ARTICLE_TYPES = [...ARTICLE_EXT].join(', ');

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** What is wrong with one entry of a folder, or null when it is an article file to read. */
async function classifyEntry(
  path: string,
  name: string,
  kind: { file: boolean; link: boolean },
  rootReal: string,
  root: string,
): Promise<SkippedPath | null> {
  if (name.startsWith('.')) return { path, code: 'HIDDEN', reason: 'hidden file, not read' };
  if (kind.link) {
    // A link is followed only to a file inside the tree given: never out of it.
    let target: string;
    try {
      target = await realpath(path);
    } catch {
      return { path, code: 'BROKEN_LINK', reason: 'a link to nothing' };
    }
    if (!isInside(rootReal, target))
      return { path, code: 'LINK_OUTSIDE', reason: `a link to ${target}, outside ${root}: not followed` };
    const st = await stat(target);
    if (st.isDirectory())
      return {
        path,
        code: 'LINK_TO_FOLDER',
        reason: `a link to the folder ${target} of the same tree: its files are read where they are`,
      };
    if (!st.isFile()) return { path, code: 'NOT_A_FILE', reason: 'a link to something that is not a file' };
  } else if (!kind.file) {
    return { path, code: 'NOT_A_FILE', reason: 'not a regular file (socket, pipe or device)' };
  }
  if (!ARTICLE_EXT.has(extname(name).toLowerCase())) {
    return {
      path,
      code: 'UNSUPPORTED_TYPE',
      reason: `not an article file (${extname(name) || 'no extension'}; read are ${ARTICLE_TYPES})`,
    };
  }
  return null;
}

/** The article files of one folder, recursively; hidden folders are listed once and not entered. */
async function scanFolder(root: string, files: string[], skipped: SkippedPath[]): Promise<void> {
  const rootReal = await realpath(root);
  const found: string[] = [];
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const hiddenFolders: string[] = [];
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (hiddenFolders.some((h) => path.startsWith(h + sep))) continue;
    if (e.isDirectory()) {
      if (e.name.startsWith('.')) {
        hiddenFolders.push(path);
        skipped.push({ path, code: 'HIDDEN', reason: 'hidden folder, not read' });
      }
      continue;
    }
    if (isSidecar(path) && (e.isFile() || e.isSymbolicLink())) continue; // read with its article
    const problem = await classifyEntry(path, e.name, { file: e.isFile(), link: e.isSymbolicLink() }, rootReal, root);
    if (problem) skipped.push(problem);
    else found.push(path);
  }
  files.push(...found.sort());
}

/**
 * Expands paths into article files: folders recursively (sorted), every file of a folder that is not
 * read listed with its reason, and paths that do not exist reported instead of thrown.
 */
export async function scanPaths(paths: string[]): Promise<PathScan> {
  const scan: PathScan = { files: [], missing: [], skipped: [] };
  for (const p of paths) {
    if (p === '-') {
      scan.files.push(p);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        scan.missing.push({ path: p, code: 'NOT_FOUND', reason: 'no such file or folder' });
      else scan.missing.push({ path: p, code: 'UNREADABLE', reason: `cannot be read (${code ?? 'error'})` });
      continue;
    }
    if (isDir) await scanFolder(p, scan.files, scan.skipped);
    else scan.files.push(p);
  }
  scan.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return scan;
}

/** The article files of paths (see scanPaths; missing and skipped paths are left out). */
export async function listFiles(paths: string[]): Promise<string[]> {
  return (await scanPaths(paths)).files;
}

/** A path given that is missing, as the failed item it is. */
export function missingInput(m: SkippedPath): SourcedInput {
  return {
    source: m.path,
    error: new InputError(m.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'UNREADABLE', `${m.path}: ${m.reason}`),
  };
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

/** Every article of paths, in order; a missing path is one item with a NOT_FOUND error. */
export async function* readInputs(paths: string[]): AsyncGenerator<SourcedInput> {
  const scan = await scanPaths(paths);
  for (const m of scan.missing) yield missingInput(m);
  for (const file of scan.files) yield* readFileInputs(file);
}
