/** Reading paths (missing ones, skipped files, links out of the tree) and the limits of an article's metadata. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import { readInputs, scanPaths, type SourcedInput } from '../../src/ingest/files.ts';
import { extractItem } from '../../src/pipeline/ingest.ts';
import { NO_EVENTS_WARNING, prepareArticle } from '../../src/store/prepare.ts';
import { errorCode } from '../../src/store/errors.ts';

const tmp = mkdtempSync(join(tmpdir(), 'diplograph-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TEXT = 'Britain condemned China on Tuesday.\n';

/** corpus/ with articles, an image, a binary, hidden files, and links in and out of the tree. */
function makeCorpus(): string {
  const root = join(tmp, 'corpus');
  const outside = join(tmp, 'outside');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(root, 'a.txt'), TEXT);
  writeFileSync(join(root, 'sub', 'b.json'), JSON.stringify({ id: 'b', text: TEXT }));
  writeFileSync(join(root, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(root, 'blob.bin'), Buffer.from([0, 1, 2, 3]));
  writeFileSync(join(root, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(outside, 'secret.txt'), 'Private notes: Britain condemned China.\n');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(outside, join(root, 'elsewhere'));
  symlinkSync(join(root, 'a.txt'), join(root, 'sub', 'alias.txt'));
  symlinkSync(join(root, 'sub'), join(root, 'sub-again'));
  symlinkSync(join(root, 'gone.txt'), join(root, 'dangling.txt'));
  return root;
}

describe('scanPaths', () => {
  const root = makeCorpus();

  it('reads the articles of a folder and lists every other file with its reason; links never lead out of the tree', async () => {
    const scan = await scanPaths([root]);
    const rel = (p: string) => p.slice(root.length + 1);
    expect(scan.files.map(rel)).toEqual(['a.txt', 'sub/alias.txt', 'sub/b.json']);
    expect(scan.skipped.map((s) => [rel(s.path), s.code])).toEqual([
      ['.DS_Store', 'HIDDEN'],
      ['.git', 'HIDDEN'],
      ['blob.bin', 'UNSUPPORTED_TYPE'],
      ['dangling.txt', 'BROKEN_LINK'],
      ['elsewhere', 'LINK_OUTSIDE'],
      ['leak.txt', 'LINK_OUTSIDE'],
      ['photo.png', 'UNSUPPORTED_TYPE'],
      ['sub-again', 'LINK_TO_FOLDER'],
    ]);
    for (const s of scan.skipped) expect(s.reason.length).toBeGreaterThan(5);
    expect(scan.missing).toEqual([]);
    // Nothing outside the tree is read.
    const items: SourcedInput[] = [];
    for await (const x of readInputs([root])) items.push(x);
    expect(items.filter((x) => x.input?.text).length).toBeGreaterThan(0);
    expect(items.some((x) => x.input?.text?.includes('Private notes'))).toBe(false);
  });

  it('reports each missing path as NOT_FOUND and goes on with the others', async () => {
    const scan = await scanPaths(['no/such/path', join(root, 'a.txt'), join(tmp, 'missing-too.json')]);
    expect(scan.missing).toEqual([
      { path: 'no/such/path', code: 'NOT_FOUND', reason: 'no such file or folder' },
      { path: join(tmp, 'missing-too.json'), code: 'NOT_FOUND', reason: 'no such file or folder' },
    ]);
    expect(scan.files).toEqual([join(root, 'a.txt')]);
    const items: SourcedInput[] = [];
    for await (const x of readInputs(['no/such/path', join(root, 'a.txt')])) items.push(x);
    expect(items.map((x) => [x.source, x.input ? 'ok' : errorCode(x.error)])).toEqual([
      ['no/such/path', 'NOT_FOUND'],
      [join(root, 'a.txt'), 'ok'],
    ]);
  });
});

describe('article metadata limits', () => {
  const code = (input: Parameters<typeof extract>[0]) => {
    try {
      extract(input);
      return 'OK';
    } catch (error) {
      return `${errorCode(error)}: ${(error as Error).message}`;
    }
  };

  it('refuses ids, URLs, titles and outlets over their limits or with control characters, as INVALID_FIELD', () => {
    expect(code({ id: 'x'.repeat(8192), text: TEXT })).toBe('INVALID_FIELD: "id" is 8192 characters; the limit is 500');
    expect(code({ id: 'x'.repeat(500), text: TEXT })).toBe('OK');
    expect(code({ url: `https://example.org/${'a'.repeat(3000)}`, text: TEXT })).toMatch(
      /^INVALID_FIELD: "url" is \d+ characters; the limit is 2048$/,
    );
    expect(code({ url: 'javascript:alert(1)', text: TEXT })).toMatch(/^INVALID_FIELD: "url" must be an http/);
    expect(code({ title: 'T'.repeat(1001), text: TEXT })).toMatch(/^INVALID_FIELD: "title" is 1001 characters/);
    expect(code({ outlet: 'O'.repeat(201), text: TEXT })).toMatch(/^INVALID_FIELD: "outlet" is 201 characters/);
    expect(code({ id: 'a\nb', text: TEXT })).toMatch(/^INVALID_FIELD: "id" must not contain control characters/);
    expect(code({ id: '   ', text: TEXT })).toMatch(/^INVALID_FIELD: "id" must not be blank/);
  });

  it('refuses a publishedAt that is no date, from the API and from a file alike', async () => {
    expect(code({ publishedAt: '2024-13-45', text: TEXT })).toMatch(/^INVALID_FIELD: "publishedAt" must be a date/);
    expect(code({ publishedAt: '2023-02-29', text: TEXT })).toMatch(/^INVALID_FIELD/);
    expect(code({ publishedAt: 'yesterday', text: TEXT })).toMatch(/^INVALID_FIELD/);
    for (const ok of ['2024-02-29', '2021-07-21T10:00:00Z', 'July 21, 2021'])
      expect(code({ publishedAt: ok, text: TEXT })).toBe('OK');
    const file = join(tmp, 'bad-date.json');
    writeFileSync(file, JSON.stringify({ id: 'bad-date', text: TEXT, publishedAt: '2024-13-45' }));
    const items: SourcedInput[] = [];
    for await (const x of readInputs([file])) items.push(x);
    const item = extractItem({ input: items[0]!.input!, parses: {} }, items[0]!.source);
    expect(errorCode(item.error)).toBe('INVALID_FIELD');
  });
});

describe('NO_EVENTS', () => {
  it('an article in which nothing happens is stored with the NO_EVENTS warning', () => {
    const quiet = prepareArticle(
      extract({ id: 'quiet', text: 'The weather in London was mild on Tuesday.\n', publishedAt: '2024-05-01' }),
    );
    expect(quiet.warnings).toContain(NO_EVENTS_WARNING);
    const busy = prepareArticle(
      extract({ id: 'busy', text: 'Britain condemned China on Tuesday.\n', publishedAt: '2024-05-01' }),
    );
    expect(busy.warnings).not.toContain(NO_EVENTS_WARNING);
  });
});
