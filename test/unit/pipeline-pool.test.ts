/**
 * The extraction threads' time budget (issue 14) and the layering of ingest, store and their orchestration
 * (issue 15): an article that outruns its budget fails with EXTRACTION_TIMEOUT, its thread is replaced, and the
 * articles after it are extracted as in this thread.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extractItem } from '../../src/pipeline/ingest.ts';
import { extractionTimeoutS, loadConfig } from '../../src/config.ts';
import { ExtractPool } from '../../src/pipeline/pool.ts';
import { InputError } from '../../src/ingest/errors.ts';
import { candidateTexts } from '../../src/ingest/extract-task.ts';

const seed = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');

/** Some 2 MB of text with triggers and actors and no sentence break: seconds of work, far over a 1 s budget. */
function heavy(): string {
  const words = 'China accused the United States of hacking and Russia condemned NATO officials said that'.split(' ');
  return Array.from({ length: 2_000_000 / 6 }, (_, i) => words[i % words.length]).join(' ');
}

describe('ExtractPool time budget', () => {
  const pool = new ExtractPool(1, { timeoutS: 1 });
  afterAll(() => pool.close());

  it('ends a thread that outruns one article, fails that article with EXTRACTION_TIMEOUT, and extracts the next ones', async () => {
    const items = [
      { source: 'heavy', task: { input: { id: 'heavy', text: heavy() }, parses: {} } },
      { source: 'seed', task: { input: { id: 'seed', text: seed, publishedAt: '2021-07-21' }, parses: {} } },
    ];
    const t0 = performance.now();
    const [slow, next] = await pool.extract(items);
    console.log(`both articles answered after ${(performance.now() - t0).toFixed(0)} ms (thread starts included)`);
    expect((slow!.error as { code?: string }).code).toBe('EXTRACTION_TIMEOUT');
    expect(slow!.result).toBeUndefined();
    expect(pool.timeouts).toBe(1);
    expect(next!.error).toBeUndefined();
    expect(next!.result).toEqual(extractItem(items[1]!.task).result);
    // The replacement thread goes on working: an input error crosses back as the InputError it is.
    await expect(pool.candidates({ text: '   ' })).rejects.toBeInstanceOf(InputError);
    const here = candidateTexts({ id: 'seed', text: seed });
    expect(here.length).toBeGreaterThan(5);
    expect(await pool.candidates({ id: 'seed', text: seed })).toEqual(here);
  }, 120_000);

  it('reads its budget from DIPLOGRAPH_EXTRACTION_TIMEOUT (default 60 s) and refuses a value that is not whole seconds', () => {
    expect(extractionTimeoutS({})).toBe(60);
    expect(extractionTimeoutS({ DIPLOGRAPH_EXTRACTION_TIMEOUT: '5' })).toBe(5);
    expect(() => extractionTimeoutS({ DIPLOGRAPH_EXTRACTION_TIMEOUT: '0.5' })).toThrow(/DIPLOGRAPH_EXTRACTION_TIMEOUT/);
    // A server does not start with a bad value.
    expect(() => loadConfig({ DIPLOGRAPH_EXTRACTION_TIMEOUT: 'soon' })).toThrow(/DIPLOGRAPH_EXTRACTION_TIMEOUT/);
  });
});
