import { describe, expect, it } from 'vitest';
import { planWaves } from '../../src/store/ingest.ts';
import { membershipsFor } from '../../src/store/memberships.ts';
import {
  MAX_EVENTS_PER_ARTICLE,
  MAX_STORED_TEXT_CHARS,
  prepareArticle,
  redirectActors,
  textTruncatedWarning,
  validDate,
  withArticleId,
} from '../../src/store/prepare.ts';
import { makeExtraction } from '../fixtures/store/extractions.ts';

const base = makeExtraction({
  id: 'p-1',
  events: [
    { s: 'USA', r: 'ACCUSES', t: 'CHN' },
    { s: 'BLINKEN', r: 'CONDEMNS', t: 'MSS', negated: true },
  ],
});

describe('prepareArticle', () => {
  it('turns an extraction into rows: actors with labels, affiliations, events with ids of both ends', () => {
    const p = prepareArticle(base);
    expect(p.article).toMatchObject({ id: 'p-1', eventCount: 2, publishedAt: '2021-07-20' });
    expect(p.actors.find((a) => a.id === 'country:USA')).toMatchObject({
      label: 'Country',
      aliases: ['US', 'Washington'],
    });
    expect(p.affiliations).toEqual(
      expect.arrayContaining([
        { from: 'official:usa:antony-blinken', to: 'country:USA', type: 'REPRESENTS' },
        { from: 'agency:chn:ministry-of-state-security', to: 'country:CHN', type: 'PART_OF' },
      ]),
    );
    expect(p.events[1]).toMatchObject({ sourceId: 'official:usa:antony-blinken', negated: true, hypothetical: false });
  });

  it('stores at most MAX_STORED_TEXT_CHARS of a long text, with a warning; evidence sentences and the content hash are whole (issue 14)', () => {
    const long = `${base.article.text} ${'More words of a very long article. '.repeat(20_000)}`;
    expect(long.length).toBeGreaterThan(MAX_STORED_TEXT_CHARS);
    const p = prepareArticle({ ...base, article: { ...base.article, text: long, contentHash: undefined } });
    expect(p.article.text).toBe(long.slice(0, MAX_STORED_TEXT_CHARS));
    expect(p.warnings).toContain(textTruncatedWarning(long.length));
    expect(p.article.contentHash).not.toBe(
      prepareArticle({
        ...base,
        article: { ...base.article, text: long.slice(0, MAX_STORED_TEXT_CHARS), contentHash: undefined },
      }).article.contentHash,
    );
    expect(p.events.map((e) => e.sentence)).toEqual(base.events.map((e) => e.evidence.sentence));
    // A short text is stored as it is, without the warning.
    const short = prepareArticle(base);
    expect(short.article.text).toBe(base.article.text);
    expect(short.warnings.some((w) => w.startsWith('TEXT_TRUNCATED'))).toBe(false);
  });

  it('refuses an article of more than MAX_EVENTS_PER_ARTICLE events with TOO_MANY_EVENTS (issue 14)', () => {
    const many = (n: number) => ({
      ...base,
      events: Array.from({ length: n }, (_, k) => ({ ...base.events[0]!, id: `e-${k}` })),
    });
    expect(prepareArticle(many(MAX_EVENTS_PER_ARTICLE)).events).toHaveLength(MAX_EVENTS_PER_ARTICLE);
    expect(() => prepareArticle(many(MAX_EVENTS_PER_ARTICLE + 1))).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_EVENTS' }),
    );
  });

  it('refuses an unknown relation or actor kind with INVALID_EXTRACTION', () => {
    const badRelation = { ...base, events: [{ ...base.events[0]!, relation: 'INVADES' as never }] };
    expect(() => prepareArticle(badRelation)).toThrow(expect.objectContaining({ code: 'INVALID_EXTRACTION' }));
    const badKind = { ...base, actors: base.actors.map((a) => ({ ...a, kind: 'PLANET' as never })) };
    expect(() => prepareArticle(badKind)).toThrow(expect.objectContaining({ code: 'INVALID_EXTRACTION' }));
    const badOffset = { ...base, events: [{ ...base.events[0]!, evidence: { sentence: 'x', start: -1, end: 2 } }] };
    expect(() => prepareArticle(badOffset)).toThrow(/evidence.start/);
  });

  it('drops an event about an actor the extraction does not list, with a warning', () => {
    const dangling = { ...base, events: [{ ...base.events[0]!, target: 'country:KOR' }] };
    const p = prepareArticle(dangling);
    expect(p.events).toEqual([]);
    expect(p.article.eventCount).toBe(0);
    expect(p.warnings.join()).toMatch(/country:KOR/);
  });

  it('stores impossible dates as null, with a warning', () => {
    expect(validDate('2021-02-30')).toBeNull();
    expect(validDate('2021-02-28T10:00:00Z')).toBe('2021-02-28');
    const p = prepareArticle({ ...base, article: { ...base.article, publishedAt: 'yesterday' } });
    expect(p.article.publishedAt).toBeNull();
    expect(p.warnings.some((w) => w.includes('yesterday'))).toBe(true);
  });

  it('moves events to the surviving actor of a merge, and to another article id', () => {
    const p = redirectActors(prepareArticle(base), new Map([['country:CHN', 'country:PRC']]));
    expect(p.events[0]!.targetId).toBe('country:PRC');
    const moved = withArticleId(p, 'other').events;
    expect(moved).toHaveLength(p.events.length);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((e) => e.articleId === 'other')).toBe(true);
  });
});

describe('planWaves', () => {
  const art = (id: string, url: string | null, contentHash: string) => ({ article: { id, url, contentHash } });
  it('keeps two versions of one article (same id, URL or content) out of one wave, in order', () => {
    const waves = planWaves([
      art('a', 'u1', 'h1'),
      art('b', 'u2', 'h2'),
      art('a', 'u1', 'h3'),
      art('c', 'u2', 'h4'),
      art('d', null, 'h1'),
      art('e', null, 'h5'),
    ]);
    expect(waves.map((w) => w.map((x) => x.article.id))).toEqual([
      ['a', 'b', 'e'],
      ['a', 'c', 'd'],
    ]);
  });
});

describe('membershipsFor', () => {
  it('pairs countries and alliances of data/memberships.json with the extractor ids', () => {
    const rows = membershipsFor([{ id: 'country:GBR', kind: 'COUNTRY' }]);
    expect(rows).toContainEqual({ country: 'country:GBR', alliance: 'alliance:nato' });
    expect(rows).toContainEqual({ country: 'country:GBR', alliance: 'alliance:five-eyes' });
    expect(rows).not.toContainEqual({ country: 'country:GBR', alliance: 'alliance:eu' });
    expect(
      membershipsFor([{ id: 'alliance:aukus', kind: 'ALLIANCE' }])
        .map((r) => r.country)
        .sort(),
    ).toEqual(['country:AUS', 'country:GBR', 'country:USA']);
  });
});
