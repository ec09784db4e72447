import { describe, expect, it } from 'vitest';
import { listFiles, readInputs, type SourcedInput } from '../../src/ingest/files.ts';
import { errorCode } from '../../src/store/errors.ts';

const dir = 'test/fixtures/store/files';

async function collect(paths: string[]): Promise<SourcedInput[]> {
  const out: SourcedInput[] = [];
  for await (const x of readInputs(paths)) out.push(x);
  return out;
}

describe('ingest pipeline: reading files', () => {
  it('walks folders recursively, sorted, skipping sidecars and other files', async () => {
    expect((await listFiles([dir])).map((f) => f.slice(dir.length + 1))).toEqual([
      'nested/lines.jsonl',
      'nested/list.json',
      'nested/page.html',
      'one.txt',
    ]);
  });

  it('reads every article, with the sidecar metadata, and each bad one as an error with a code', async () => {
    const items = await collect([dir]);
    const summary = items.map((x) => [x.source.slice(dir.length + 1), x.input?.id ?? errorCode(x.error)]);
    expect(summary).toEqual([
      ['nested/lines.jsonl:1', 'l1'],
      ['nested/lines.jsonl:3', 'MALFORMED_JSON'],
      ['nested/lines.jsonl:4', 'INVALID_FIELD'],
      ['nested/list.json[0]', 'a1'],
      ['nested/list.json[1]', 'MISSING_CONTENT'],
      ['nested/page.html', 'page'],
      ['one.txt', 'one-meta'],
    ]);
    expect(items.at(-1)!.input).toEqual({
      id: 'one-meta',
      title: 'One',
      outlet: 'Fixture Times',
      publishedAt: '2021-07-20',
      url: 'https://example.org/one',
      text: 'Britain condemned China.\n',
    });
  });
});
