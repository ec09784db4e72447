import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEvalParses } from '../../src/eval/parses.ts';
import { candidateSentences, prepareArticle } from '../../src/ingest/extract.ts';
import type { ArticleParses } from '../../src/ingest/extract-task.ts';
import { ExtractPool, type TaskItem } from '../../src/pipeline/pool.ts';
import type { ArticleInput } from '../../src/ingest/types.ts';
import { extractItem } from '../../src/pipeline/ingest.ts';

// Real articles, each in a few versions (ids and a sentence changed), so a chunk is split into several jobs.
const base: ArticleInput[] = ['test/gold/dev/articles', 'seed'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') })),
);
// Each article goes with the recorded parses of its candidate sentences, as the pipeline sends them.
const recorded = loadEvalParses(false);
function parsesOf(input: ArticleInput): ArticleParses {
  const out: ArticleParses = {};
  for (const s of candidateSentences(prepareArticle(input))) {
    const p = recorded.get(s.text);
    if (p) out[s.text] = p;
  }
  return out;
}
const inputs: TaskItem[] = [];
for (let i = 0; i < 230; i++) {
  const a = base[i % base.length]!;
  if (i % 37 === 5)
    inputs.push({ source: `bad-${i}`, task: { input: { id: `bad-${i}`, text: '   ' }, parses: {} } }); // extraction error
  else if (i % 53 === 7)
    inputs.push({ source: `unread-${i}`, error: new Error('unreadable') }); // never reached a thread
  else {
    const input = { ...a, id: `v${i}`, text: `${a.text}\n\nCorrespondent ${i} filed this report.` };
    inputs.push({ source: `s-${i}`, task: { input, parses: parsesOf(input) } });
  }
}

describe('ExtractPool', () => {
  const pool = new ExtractPool(2);
  afterAll(() => pool.close());

  it('gives, in input order, what extraction in this thread gives, for a chunk spread over both threads', async () => {
    const [a, b] = await Promise.all([pool.extract(inputs.slice(0, 150)), pool.extract(inputs.slice(150))]);
    const pooled = [...a!, ...b!];
    expect(pooled).toHaveLength(inputs.length);
    pooled.forEach((item, k) => {
      const x = inputs[k]!;
      expect(item.source).toBe(x.source);
      if (!x.task) return expect(item.error).toBe(x.error);
      const here = extractItem(x.task);
      if (here.error) {
        expect(item.result).toBeUndefined();
        expect((item.error as { message?: string }).message).toBe((here.error as Error).message);
      } else expect(item.result, x.source).toEqual(here.result);
    });
    expect(pooled.filter((p) => p.result).length).toBeGreaterThan(200);
    expect(pooled.filter((p) => p.error).length).toBeGreaterThan(5);
    // The parses crossed to the threads: events read on the dependency graph are among the results.
    expect(pooled.some((p) => p.result?.events.some((e) => e.rule.startsWith('graph:')))).toBe(true);
  }, 60_000);
});
