/**
 * A 4.9 MB ordinary article (issue 14): its write ran Neo4j out of transaction memory
 * (MemoryPoolOutOfMemoryError, shown raw by the CLI). Now an article of more than MAX_EVENTS_PER_ARTICLE events
 * is refused with TOO_MANY_EVENTS before anything is written, and a long text is stored up to
 * MAX_STORED_TEXT_CHARS with a TEXT_TRUNCATED warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { MAX_EVENTS_PER_ARTICLE, MAX_STORED_TEXT_CHARS } from '../../src/store/prepare.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

/** The seed article's paragraphs again and again to `chars` characters, each numbered (cleaning drops a line met before). */
function longArticle(chars: number): string {
  const seed = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');
  const paragraphs = seed.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  const parts: string[] = [];
  for (let n = 0, i = 0; n < chars; i += 1) {
    const part = `(${i}) ${paragraphs[i % paragraphs.length]!}`;
    parts.push(part);
    n += part.length + 2;
  }
  return parts.join('\n\n');
}

describe('a very long article', () => {
  const driver = useTestGraph();

  it('is refused with TOO_MANY_EVENTS before anything is written when it brings thousands of events', async () => {
    const result = extract({ id: 'huge', text: longArticle(1024 * 1024), publishedAt: '2021-07-21' });
    expect(result.events.length).toBeGreaterThan(MAX_EVENTS_PER_ARTICLE);
    const { results } = await ingestExtractions(driver(), [result], { database: testTarget().database });
    expect(results[0]).toMatchObject({ status: 'failed', error: { code: 'TOO_MANY_EVENTS' } });
    const session = driver().session({ database: testTarget().database });
    try {
      expect(
        (await session.run('MATCH (a:Article {id: $id}) RETURN count(a) AS n', { id: 'huge' })).records[0]!.get(
          'n',
        ).toNumber(),
      ).toBe(0);
    } finally {
      await session.close();
    }
  }, 600_000);

  it('is stored with its text up to MAX_STORED_TEXT_CHARS and every event with its evidence', async () => {
    // Most of MAX_EVENTS_PER_ARTICLE events, in a text longer than MAX_STORED_TEXT_CHARS.
    const text = longArticle(200_000);
    const result = extract({ id: 'large', text, publishedAt: '2021-07-21' });
    const long = {
      ...result,
      article: { ...result.article, text: `${result.article.text}\n\n${'Nothing more happened. '.repeat(20_000)}` },
    };
    expect(long.article.text.length).toBeGreaterThan(MAX_STORED_TEXT_CHARS);
    expect(result.events.length).toBeGreaterThan(MAX_EVENTS_PER_ARTICLE / 2);
    const t0 = performance.now();
    const { results } = await ingestExtractions(driver(), [long], { database: testTarget().database });
    console.log(
      `${long.article.text.length} characters, ${result.events.length} events: written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    expect(results[0]).toMatchObject({ status: 'new', articleId: 'large' });
    expect(results[0]!.warnings.some((w) => w.startsWith('TEXT_TRUNCATED'))).toBe(true);
    const session = driver().session({ database: testTarget().database });
    try {
      const r = await session.run(
        'MATCH (a:Article {id: $id}) RETURN size(a.text) AS chars, COUNT { (a)<-[:REPORTED_IN]-(:Event) } AS events',
        { id: 'large' },
      );
      expect(r.records[0]!.get('chars').toNumber()).toBe(MAX_STORED_TEXT_CHARS);
      expect(r.records[0]!.get('events').toNumber()).toBe(results[0]!.eventIds.length);
    } finally {
      await session.close();
    }
  }, 600_000);
});
