/**
 * `diplograph extract FILE|-` prints one ExtractionResult as JSON (.txt with optional header, .html, .json);
 * `diplograph extract --jsonl` reads JSON Lines on stdin and writes one result (or error) per line.
 * Reading goes through ../ingest/files.ts and parsing through the engine, as for `diplograph ingest`, so
 * the result is what ingest would store.
 */
import { ArticleParser } from '../ingest/article-parser.ts';
import { InputError, MAX_INPUT_BYTES } from '../ingest/errors.ts';
import { extractTask } from '../ingest/extract-task.ts';
import { decode, parseJson, readFileInputs, toArticleInput } from '../ingest/files.ts';
import type { ArticleInput, ExtractionResult } from '../ingest/types.ts';
import { openNlp, type NlpEngine } from '../nlp/engine.ts';
import { NlpError } from '../nlp/errors.ts';
import { LocalCoreNlpError } from '../nlp/local-corenlp.ts';

const USAGE = `usage: diplograph extract FILE        (.txt with optional URL:/OUTLET:/PUBLISHED:/TITLE: header and ---, .html, .json;
                                       a sidecar FILE-without-extension.meta.json may add metadata)
       diplograph extract -           (text, HTML or a JSON object on stdin)
       diplograph extract --jsonl     (JSON Lines on stdin: {"id","text"|"html","title"?,"publishedAt"?,"outlet"?,"url"?})
Input over ${MAX_INPUT_BYTES} bytes (5 MB) is refused. Errors: {"id","error":{"code","message"}} per line in --jsonl mode;
the exit code is 1 when any item failed. Sentences are parsed by CoreNLP as for \`diplograph ingest\`: CORENLP_URL, else
the local server (started for the run if it is not running); CORENLP_URL=none extracts without a parse (a warning
says so). An engine that cannot be reached fails the item with NLP_UNAVAILABLE.`;

/** The engine, opened on the first article that needs it (a refused input starts none) and closed by `close`. */
class LazyParser {
  private opening: Promise<{ nlp: NlpEngine | null; parser: ArticleParser }> | null = null;

  async extract(input: ArticleInput): Promise<ExtractionResult> {
    this.opening ??= openNlp({ log: (line) => console.error(line) }).then((nlp) => {
      const parser = ArticleParser.of(nlp, { failFast: true });
      if (parser.warning) console.error(`warning: ${parser.warning}`);
      return { nlp, parser };
    });
    const { parser } = await this.opening;
    return extractTask(await parser.task(input));
  }

  async close(): Promise<void> {
    const opened = await this.opening?.catch(() => null);
    await opened?.nlp?.close();
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function describe(err: unknown): { code: string; message: string } {
  // Bad input, an engine that fails, a local engine that does not start.
  if (err instanceof InputError || err instanceof NlpError || err instanceof LocalCoreNlpError)
    return { code: err.code, message: err.message };
  const errno = (err as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT') return { code: 'NOT_FOUND', message: 'no such file' };
  if (errno === 'EISDIR') return { code: 'NOT_A_FILE', message: 'is a folder; use `diplograph ingest` for folders' };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Text, HTML or one JSON object on stdin. */
function stdinInput(content: string): ArticleInput {
  if (content.trim() === '') throw new InputError('EMPTY_INPUT', 'stdin is empty');
  if (/^\s*\{/.test(content)) return toArticleInput(parseJson(content, 'stdin'), 'stdin');
  return /^\s*<(?:!doctype|html|head|body|article|div|p)\b/i.test(content) ? { html: content } : { text: content };
}

async function runJsonl(engine: LazyParser): Promise<number> {
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
      if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string')
        id = (parsed as { id: string }).id;
      process.stdout.write(`${JSON.stringify(await engine.extract(toArticleInput(parsed, what)))}\n`);
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
  const file = args[0];
  if (!args.includes('--jsonl') && (!file || args.length > 1)) {
    console.error(USAGE);
    return 2;
  }
  const engine = new LazyParser();
  try {
    return args.includes('--jsonl') ? await runJsonl(engine) : await runFile(file!, engine);
  } finally {
    await engine.close();
  }
}

async function runFile(file: string, engine: LazyParser): Promise<number> {
  if (file === '-') {
    try {
      const result = await engine.extract(stdinInput(decode(await readStdin(), 'stdin')));
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
        outputs.push(JSON.stringify(await engine.extract(item.input!), null, 2));
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
  process.stdout.write(
    outputs.length === 1 ? `${outputs[0]}\n` : outputs.map((o) => `${JSON.stringify(JSON.parse(o))}\n`).join(''),
  );
  return failed > 0 ? 1 : 0;
}
