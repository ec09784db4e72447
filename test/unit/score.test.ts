import { describe, it, expect } from 'vitest';
import { testEvent } from '../fixtures/events.ts';
import { checkTargets, matchActors, normalizeName, prf, scoreArticle, totalScore } from '../../src/eval/score.ts';
import type { GoldArticle } from '../../src/eval/gold.ts';
import type { ExtractedActor, ExtractedEvent, ExtractionResult } from '../../src/ingest/types.ts';

function actor(
  id: string,
  name: string,
  kind: ExtractedActor['kind'],
  country: string | null = null,
  aliases: string[] = [],
): ExtractedActor {
  return { id, name, kind, country, title: null, aliases };
}

const event = testEvent;

function result(actors: ExtractedActor[], events: ExtractedEvent[]): ExtractionResult {
  return {
    id: 'a',
    article: { title: null, outlet: null, url: null, publishedAt: null, dateline: null, text: '' },
    actors,
    events,
    warnings: [],
  };
}

/** A small gold: USA and Blinken accuse China / the MSS, China denies, NATO supports (optional). */
const gold: GoldArticle = {
  id: 'a',
  input: 'articles/a.txt',
  actors: [
    { key: 'usa', name: 'United States', kind: 'COUNTRY', country: 'USA' },
    { key: 'chn', name: 'China', kind: 'COUNTRY', country: 'CHN' },
    { key: 'blinken', name: 'Antony Blinken', kind: 'OFFICIAL', country: 'USA', aliases: ['Blinken'] },
    { key: 'mss', name: 'Ministry of State Security', kind: 'AGENCY', country: 'CHN', aliases: ['MSS'] },
    { key: 'nato', name: 'NATO', kind: 'ALLIANCE' },
    { key: 'hun', name: 'Hungary', kind: 'COUNTRY', country: 'HUN', optional: true },
  ],
  events: [
    { source: 'usa', relation: 'ACCUSES', target: 'chn', date: '2021-07-19', evidence: 'x' },
    { source: 'blinken', relation: 'ACCUSES', target: 'mss', date: '2021-07-19', evidence: 'y' },
    { source: 'chn', relation: 'DENIES', target: 'usa', date: '2021-07-20', evidence: 'z' },
    { source: 'nato', relation: 'SUPPORTS', target: 'usa', evidence: 'w', optional: true },
  ],
};

describe('normalizeName', () => {
  it('ignores case, punctuation, accents and a leading "the"', () => {
    expect(normalizeName('Nato')).toBe(normalizeName('NATO'));
    expect(normalizeName('the U.S. Department of Justice')).toBe('us department of justice');
    expect(normalizeName('Zhào Lìjiān')).toBe('zhao lijian');
    expect(normalizeName('China’s Ministry')).toBe('chinas ministry');
  });
});

describe('matchActors', () => {
  it('matches countries by code and others by name or alias, else leaves them unmatched', () => {
    const m = matchActors(gold.actors, [
      actor('country:USA', 'Washington', 'COUNTRY', 'USA'),
      actor('o1', 'Blinken', 'OFFICIAL', 'USA'),
      actor('g1', 'the MSS', 'AGENCY', 'CHN'),
      actor('x', 'Ned Price', 'OFFICIAL', 'USA'),
      actor('country:FRA', 'France', 'COUNTRY', 'FRA'),
    ]);
    expect(m.get('country:USA')).toBe('usa');
    expect(m.get('o1')).toBe('blinken');
    expect(m.get('g1')).toBe('mss');
    expect(m.get('x')).toBe('pred:x');
    expect(m.get('country:FRA')).toBe('pred:country:FRA');
  });

  it('does not match a country to a non-country gold actor of the same name', () => {
    const m = matchActors([{ key: 'nato', name: 'NATO', kind: 'ALLIANCE' }], [actor('c', 'NATO', 'COUNTRY', null)]);
    expect(m.get('c')).toBe('pred:c');
  });
});

describe('prf', () => {
  it('computes precision, recall and F1 from counts', () => {
    const s = prf({ tp: 3, fp: 1, fn: 2 });
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.6);
    expect(s.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
  });
  it('treats empty denominators as vacuous 1 and 0/0 F1 as 0', () => {
    expect(prf({ tp: 0, fp: 0, fn: 4 })).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('scoreArticle', () => {
  const actors = [
    actor('country:USA', 'United States', 'COUNTRY', 'USA'),
    actor('country:CHN', 'China', 'COUNTRY', 'CHN'),
    actor('off', 'Blinken', 'OFFICIAL', 'USA'),
    actor('ag', 'Ministry of State Security', 'AGENCY', 'CHN', ['MSS']),
    actor('all', 'Nato', 'ALLIANCE'),
    actor('zz', 'Zhao Lijian', 'OFFICIAL', 'CHN'),
  ];

  it('scores a perfect extraction as 1 everywhere, ignoring an optional triple either way', () => {
    const r = result(actors.slice(0, 5), [
      event('country:USA', 'ACCUSES', 'country:CHN', { date: '2021-07-19' }),
      event('off', 'ACCUSES', 'ag', { date: '2021-07-19' }),
      event('country:CHN', 'DENIES', 'country:USA', { date: '2021-07-21' }),
    ]);
    const s = scoreArticle(gold, r);
    expect(s.triples).toMatchObject({ tp: 3, fp: 0, fn: 0, f1: 1 });
    expect(s.actors).toMatchObject({ tp: 5, fp: 0, fn: 0 });
    expect(s.dateAccuracy).toEqual({ correct: 2, total: 3 });
  });

  it('counts false positives and negatives at actor level, and rolls up at dyad level', () => {
    // Predicted: Blinken ACCUSES China (wrong target at actor level, but USA ACCUSE CHN at dyad level),
    // USA CONDEMNS China (another relation at actor level; same PLOVER root ACCUSE),
    // Zhao DENIES USA (unknown official: FP at actor level; CHN REJECT USA at dyad level),
    // NATO SUPPORTS USA (optional: ignored).
    const r = result(actors, [
      event('off', 'ACCUSES', 'country:CHN'),
      event('country:USA', 'CONDEMNS', 'country:CHN'),
      event('zz', 'DENIES', 'country:USA'),
      event('all', 'SUPPORTS', 'country:USA'),
    ]);
    const s = scoreArticle(gold, r);
    // actor level: gold {usa ACC chn, blinken ACC mss, chn DEN usa}; pred {blinken ACC chn, usa CON chn, zhao DEN usa} -> tp 0.
    expect(s.triples).toMatchObject({ tp: 0, fp: 3, fn: 3, precision: 0, recall: 0, f1: 0 });
    expect(s.triples.falseNegatives).toContain('USA ACCUSES CHN');
    expect(s.triples.falsePositives).toContain('Zhao Lijian? DENIES USA');
    // dyad level: gold {USA ACCUSE CHN, CHN REJECT USA} (blinken->USA, mss->CHN collapse onto the first);
    // pred {USA ACCUSE CHN, CHN REJECT USA} -> perfect.
    expect(s.dyads).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
    // actors: 5 matched of 5 required gold actors, Zhao is a false positive (Hungary optional, not found, not missed).
    expect(s.actors).toMatchObject({ tp: 5, fp: 1, fn: 0 });
    expect(s.actors.byKind.OFFICIAL).toEqual({ tp: 1, fp: 1, fn: 0 });
  });

  it('does not roll up an official without a country, and keeps an alliance as itself', () => {
    const r = result(
      [actor('b', 'Antony Blinken', 'OFFICIAL', null), actor('m', 'MSS', 'AGENCY', 'CHN')],
      [event('b', 'ACCUSES', 'm')],
    );
    const s = scoreArticle(gold, r);
    expect(s.triples.tp).toBe(1);
    expect(s.dyads).toMatchObject({ tp: 0, fp: 1 });
    expect(s.dyads.falsePositives).toEqual(['Antony Blinken ACCUSE CHN']);
  });

  it('counts an actor with the wrong kind as both missed and spurious', () => {
    const r = result([actor('m', 'MSS', 'ORGANIZATION', 'CHN')], []);
    const s = scoreArticle(gold, r);
    expect(s.actors).toMatchObject({ tp: 0, fp: 1, fn: 5 });
  });

  it('skips predicted events flagged negated or hypothetical', () => {
    const r = result(actors, [
      event('country:USA', 'ACCUSES', 'country:CHN', { negated: true }),
      event('country:CHN', 'DENIES', 'country:USA', { hypothetical: true }),
    ]);
    expect(scoreArticle(gold, r).triples).toMatchObject({ tp: 0, fp: 0, fn: 3, precision: 1 });
  });

  it('treats an event whose actor is missing from the actor list as unmatched', () => {
    const r = result([], [event('ghost', 'ACCUSES', 'country:CHN')]);
    const s = scoreArticle(gold, r);
    expect(s.triples).toMatchObject({ tp: 0, fp: 1, fn: 3 });
  });
});

describe('totalScore and checkTargets', () => {
  it('micro-averages counts over articles', () => {
    const a = scoreArticle(
      gold,
      result(
        [actor('country:USA', 'US', 'COUNTRY', 'USA'), actor('country:CHN', 'China', 'COUNTRY', 'CHN')],
        [event('country:USA', 'ACCUSES', 'country:CHN')],
      ),
    );
    const b = scoreArticle(gold, result([], []));
    const t = totalScore([a, b]);
    // a: tp1 fp0 fn2; b: tp0 fp0 fn3 -> tp1 fp0 fn5: P 1, R 1/6.
    expect(t.triples).toMatchObject({ tp: 1, fp: 0, fn: 5, precision: 1 });
    expect(t.triples.recall).toBeCloseTo(1 / 6);
    expect(t.articles).toBe(2);
    const checks = checkTargets(t);
    expect(checks.find((c) => c.name === 'actor-level precision')?.met).toBe(true);
    expect(checks.find((c) => c.name === 'actor-level F1')?.met).toBe(false);
  });
});
