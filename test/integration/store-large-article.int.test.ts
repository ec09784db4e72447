/**
 * A 4.9 MB ordinary article (issue 14): its write ran Neo4j out of transaction memory
 * (MemoryPoolOutOfMemoryError, shown raw by the CLI). Now its text is stored up to MAX_STORED_TEXT_CHARS with a
 * TEXT_TRUNCATED warning and its events are written whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { MAX_STORED_TEXT_CHARS } from '../../src/store/prepare.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

describe('a 4.9 MB article', () => {
  const driver = useTestGraph();

  it('is stored, its text up to MAX_STORED_TEXT_CHARS, every event with its evidence', async () => {
    const seed = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');
    const parts: string[] = [];
    for (let n = 0, i = 0; n < 4.9 * 1024 * 1024; i += 1) {
      const part = `Report ${i}.\n\n${seed}`;
      parts.push(part);
      n += part.length + 2;
    }
    const t0 = performance.now();
    const result = extract({ id: 'large', text: parts.join('\n\n'), publishedAt: '2021-07-21' });
    const t1 = performance.now();
    const { results } = await ingestExtractions(driver(), [result], { database: testTarget().database });
    console.log(`${(result.article.text.length / 1e6).toFixed(1)} M characters, ${result.events.length} events: extracted in ${((t1 - t0) / 1000).toFixed(1)} s, written in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    expect(results[0]).toMatchObject({ status: 'new', articleId: 'large' });
    expect(results[0]!.warnings.some((w) => w.startsWith('TEXT_TRUNCATED'))).toBe(true);
    const session = driver().session({ database: testTarget().database });
    try {
      const r = await session.run('MATCH (a:Article {id: $id}) RETURN size(a.text) AS chars, COUNT { (a)<-[:REPORTED_IN]-(:Event) } AS events', { id: 'large' });
      expect(r.records[0]!.get('chars').toNumber?.() ?? r.records[0]!.get('chars')).toBe(MAX_STORED_TEXT_CHARS);
      expect(Number(r.records[0]!.get('events'))).toBe(results[0]!.eventIds.length);
    } finally {
      await session.close();
    }
  }, 900_000);
});
