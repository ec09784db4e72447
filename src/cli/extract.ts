/**
 * `diplograph extract FILE|-` prints one ExtractionResult as JSON (.txt with optional header, .html, .json);
 * `diplograph extract --jsonl` reads JSON Lines on stdin and writes one result (or error) per line.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError, MAX_INPUT_BYTES } from '../ingest/errors.ts';
import { extract } from '../ingest/extract.ts';
import type { ArticleInput } from '../ingest/types.ts';

const USAGE = `usage: diplograph extract FILE        (.txt with optional URL:/OUTLET:/PUBLISHED:/TITLE: header and ---, .html, .json)
       diplograph extract -           (text, HTML or JSON on stdin)
       diplograph extract --jsonl     (JSON Lines on stdin: {"id","text"|"html","title"?,"publishedAt"?,"outlet"?,"url"?})
Input over ${MAX_INPUT_BYTES} bytes (5 MB) is refused. Errors: {"id","error":{"code","message"}} per line in --jsonl mode.`;

function decode(buf: Buffer, what: string): string {
  if (buf.length > MAX_INPUT_BYTES) throw new InputError('TOO_LARGE', `${what} is ${buf.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes (5 MB)`);
  if (buf.includes(0)) throw new InputError('BINARY_INPUT', `${what} contains NUL bytes; expected text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError('BINARY_INPUT', `${what} is not valid UTF-8`);
  }
}

const FIELDS = ['id', 'text', 'html', 'title', 'url', 'outlet', 'publishedAt'] as const;

/** Validates one parsed JSON object as an ArticleInput. */
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

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError('MALFORMED_JSON', `${what}: ${(err as Error).message}`);
  }
}

/** A file's id is its base name; a sibling NAME.meta.json may give title, outlet, url, publishedAt. */
function withFileMeta(input: ArticleInput, name: string): ArticleInput {
  if (name === '-') return input;
  const base = basename(name).replace(/\.(txt|html?|json)$/i, '');
  let meta: ArticleInput = {};
  try {
    meta = toArticleInput({ ...(JSON.parse(readFileSync(join(dirname(name), `${base}.meta.json`), 'utf8')) as object), text: '' }, 'meta');
  } catch {
    meta = {};
  }
  return { id: base, title: meta.title, outlet: meta.outlet, url: meta.url, publishedAt: meta.publishedAt, ...stripUndefined(input) };
}

function stripUndefined(input: ArticleInput): ArticleInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ArticleInput;
}

function fileInput(content: string, name: string): ArticleInput {
  return withFileMeta(rawFileInput(content, name), name);
}

function rawFileInput(content: string, name: string): ArticleInput {
  const ext = extname(name).toLowerCase();
  if (ext === '.json' || (name === '-' && /^\s*\{/.test(content))) return toArticleInput(parseJson(content, name), name);
  if (ext === '.html' || ext === '.htm') return { html: content };
  return { text: content };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof InputError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

async function runJsonl(): Promise<number> {
  const raw = await readStdin();
  const lines = raw.toString('utf8').split('\n');
  let failed = 0;
  let n = 0;
  for (let k = 0; k < lines.length; k += 1) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    n += 1;
    const what = `line ${k + 1}`;
    let id: string | null = null;
    try {
      const bytes = Buffer.from(line, 'utf8');
      decode(bytes, what);
      const parsed = parseJson(line, what);
      if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') id = (parsed as { id: string }).id;
      const input = toArticleInput(parsed, what);
      process.stdout.write(`${JSON.stringify(extract(input))}\n`);
    } catch (err) {
      failed += 1;
      const e = describe(err);
      process.stdout.write(`${JSON.stringify({ id, error: e })}\n`);
      process.stderr.write(`diplograph extract: ${what}${id ? ` (id ${id})` : ''}: ${e.code}: ${e.message}\n`);
    }
  }
  if (failed > 0) process.stderr.write(`diplograph extract: ${failed} of ${n} item(s) failed\n`);
  return failed > 0 ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.includes('--jsonl')) return runJsonl();
  const file = args[0];
  if (!file || args.length > 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    const buf = file === '-' ? await readStdin() : readFileSync(file);
    const content = decode(buf, file === '-' ? 'stdin' : file);
    const result = extract(fileInput(content, file));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    const e = describe(err);
    if (e.code === 'INTERNAL' && (err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`diplograph extract: ${file}: no such file`);
      return 2;
    }
    console.error(`diplograph extract: ${file}: ${e.code}: ${e.message}`);
    return 1;
  }
}
