/**
 * `diplograph extract FILE|-` prints one ExtractionResult as JSON (.txt with optional header, .html, .json);
 * `diplograph extract --jsonl` reads JSON Lines on stdin and writes one result (or error) per line.
 * Reading goes through ../ingest/files.ts, as for `diplograph ingest`.
 */
import { InputError, MAX_INPUT_BYTES } from '../ingest/errors.ts';
import { extract } from '../ingest/extract.ts';
import { decode, parseJson, readFileInputs, toArticleInput } from '../ingest/files.ts';
import type { ArticleInput } from '../ingest/types.ts';

const USAGE = `usage: diplograph extract FILE        (.txt with optional URL:/OUTLET:/PUBLISHED:/TITLE: header and ---, .html, .json;
                                       a sidecar FILE-without-extension.meta.json may add metadata)
       diplograph extract -           (text, HTML or a JSON object on stdin)
       diplograph extract --jsonl     (JSON Lines on stdin: {"id","text"|"html","title"?,"publishedAt"?,"outlet"?,"url"?})
Input over ${MAX_INPUT_BYTES} bytes (5 MB) is refused. Errors: {"id","error":{"code","message"}} per line in --jsonl mode;
the exit code is 1 when any item failed.`;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof InputError) return { code: err.code, message: err.message };
  const errno = (err as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT') return { code: 'NOT_FOUND', message: 'no such file' };
  if (errno === 'EISDIR') return { code: 'NOT_A_FILE', message: 'is a folder; use `diplograph ingest` for folders' };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Text, HTML or one JSON object on stdin. */
function stdinInput(content: string): ArticleInput {
  if (content.trim() === '') throw new InputError('EMPTY_INPUT', 'stdin is empty');
  if (/^\s*\{/.test(content)) return toArticleInput(parseJson(content, 'stdin'), 'stdin');
  return /^\s*<(!doctype|html|head|body|article|div|p)\b/i.test(content) ? { html: content } : { text: content };
}

async function runJsonl(): Promise<number> {
  const lines = (await readStdin()).toString('utf8').split('\n');
  let failed = 0;
  let n = 0;
  for (const [k, line] of lines.entries()) {
    if (line.trim() === '') continue;
    n += 1;
    const what = `line ${k + 1}`;
    let id: string | null = null;
    try {
      decode(Buffer.from(line, 'utf8'), what);
      const parsed = parseJson(line, what);
      if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') id = (parsed as { id: string }).id;
      process.stdout.write(`${JSON.stringify(extract(toArticleInput(parsed, what)))}\n`);
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
  if (file === '-') {
    try {
      const result = extract(stdinInput(decode(await readStdin(), 'stdin')));
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (err) {
      const e = describe(err);
      console.error(`diplograph extract: stdin: ${e.code}: ${e.message}`);
      return 1;
    }
  }
  // A .json file may hold an array: one document per article, as JSON Lines when there are several.
  const outputs: string[] = [];
  let failed = 0;
  try {
    for await (const item of readFileInputs(file)) {
      try {
        if (item.error !== undefined) throw item.error;
        outputs.push(JSON.stringify(extract(item.input!), null, 2));
      } catch (err) {
        failed += 1;
        const e = describe(err);
        console.error(`diplograph extract: ${item.source}: ${e.code}: ${e.message}`);
      }
    }
  } catch (err) {
    const e = describe(err);
    console.error(`diplograph extract: ${file}: ${e.code}: ${e.message}`);
    return e.code === 'NOT_FOUND' ? 2 : 1;
  }
  process.stdout.write(outputs.length === 1 ? `${outputs[0]}\n` : outputs.map((o) => `${JSON.stringify(JSON.parse(o))}\n`).join(''));
  return failed > 0 ? 1 : 0;
}
