/** Hostile text: words that are also JavaScript object properties, markup and control characters. */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';

describe('extract on hostile text', () => {
  it('treats Object property names as plain words (a "constructor" after a ministry crashed once)', () => {
    const text =
      'The Russian Foreign Ministry summoned the British ambassador on Monday. The constructor said nothing. ' +
      'Later the constructor condemned Britain, and the toString accused the __proto__ of lying. The hasOwnProperty valueOf prototype.';
    const r = extract({ text, publishedAt: '2021-07-21' });
    expect(r.actors.map((a) => a.id)).toContain('agency:rus:foreign-ministry');
    expect(r.events.map((e) => e.source)).toContain('agency:rus:foreign-ministry');
    expect(r.events.every((e) => !/constructor|proto|toString/i.test(`${e.source} ${e.target}`))).toBe(true);
  });

  it('keeps markup-like and control characters as text, with offsets that still hold', () => {
    const text =
      'Britain condemned China on Monday.\u0007 <script>alert(1)</script> {"$where": "1"} MATCH (n) DETACH DELETE n;';
    const r = extract({ text, publishedAt: '2021-07-21' });
    const e = r.events.find((x) => x.relation === 'CONDEMNS');
    expect(e).toMatchObject({ source: 'country:GBR', target: 'country:CHN' });
    expect(r.article.text.slice(e!.evidence.start, e!.evidence.end)).toBe(e!.evidence.sentence);
  });
});
