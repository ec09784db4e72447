// The evaluation's newer measures on small hand-made inputs: per-relation counts and the per-article mean,
// the split targets, annotator agreement (lenient and strict), PLV's strict end-to-end reading of an
// extraction, and the synthetic-story recall.
import { describe, expect, it } from 'vitest';
import { testEvent } from '../fixtures/events.ts';
import { agreement, strictAgreement } from '../../src/eval/agreement.ts';
import type { GoldArticle } from '../../src/eval/gold.ts';
import { predictStrict, scorePlv, unmark } from '../../src/eval/plv.ts';
import type { PlvRow } from '../../src/eval/plv.ts';
import { checkTargets, HELDOUT_TARGETS, scoreArticle, totalScore } from '../../src/eval/score.ts';
import { scoreSynthetic } from '../../src/eval/synthetic.ts';
import type { ExtractedEvent, ExtractionResult } from '../../src/ingest/types.ts';
import type { RelationName } from '../../src/ontology.ts';

const countries = (...codes: string[]) =>
  codes.map((c) => ({ key: c.toLowerCase(), name: c, kind: 'COUNTRY' as const, country: c }));

function gold(events: [string, RelationName, string, boolean?][], id = 'g'): GoldArticle {
  return {
    id,
    input: 'articles/g.txt',
    actors: countries('USA', 'CHN', 'RUS', 'GBR'),
    events: events.map(([s, r, t, optional], i) => ({
      source: s,
      relation: r,
      target: t,
      evidence: `e${i}`,
      ...(optional ? { optional } : {}),
    })),
  };
}

const ev = testEvent;

function extraction(events: ExtractedEvent[], text = ''): ExtractionResult {
  const actors = ['USA', 'CHN', 'RUS', 'GBR'].map((c) => ({
    id: `country:${c}`,
    name: c,
    kind: 'COUNTRY' as const,
    country: c,
    title: null,
    aliases: [],
  }));
  return {
    id: 'x',
    article: { title: null, outlet: null, url: null, publishedAt: null, dateline: null, text },
    actors,
    events,
    warnings: [],
  };
}

describe('per-relation counts and the per-article mean', () => {
  it('counts each triple under its relation and averages the articles’ dyad F1', () => {
    const a = scoreArticle(
      gold([
        ['usa', 'ACCUSES', 'chn'],
        ['chn', 'DENIES', 'usa'],
      ]),
      extraction([ev('country:USA', 'ACCUSES', 'country:CHN'), ev('country:USA', 'SANCTIONS', 'country:RUS')]),
    );
    expect(a.triples.byRelation).toEqual({
      ACCUSES: { tp: 1, fp: 0, fn: 0 },
      DENIES: { tp: 0, fp: 0, fn: 1 },
      SANCTIONS: { tp: 0, fp: 1, fn: 0 },
    });
    const b = scoreArticle(
      gold([['gbr', 'CONDEMNS', 'rus']], 'h'),
      extraction([ev('country:GBR', 'CONDEMNS', 'country:RUS')]),
    );
    const t = totalScore([a, b]);
    expect(t.triples.byRelation.ACCUSES?.f1).toBe(1);
    expect(t.triples.byRelation.DENIES?.recall).toBe(0);
    expect(t.meanArticleDyadF1).toBeCloseTo((0.5 + 1) / 2);
    const checks = checkTargets(t, HELDOUT_TARGETS);
    expect(checks.map((c) => c.name)).toEqual([
      'dyad F1',
      'dyad precision',
      'actor-level F1',
      'per-article mean dyad F1',
    ]);
    expect(checks.find((c) => c.name === 'per-article mean dyad F1')).toMatchObject({ value: 0.75, met: true });
  });
});

describe('annotator agreement', () => {
  const first = gold([
    ['usa', 'ACCUSES', 'chn'],
    ['chn', 'DENIES', 'usa'],
    ['gbr', 'SUPPORTS', 'usa', true],
  ]);
  const second = gold([
    ['usa', 'ACCUSES', 'chn'],
    ['chn', 'DENIES', 'usa', true],
    ['gbr', 'SUPPORTS', 'usa'],
    ['rus', 'CONDEMNS', 'gbr'],
  ]);

  it('lenient: required by one and optional for the other counts neither way; absent from the other disagrees', () => {
    const a = agreement(first, second);
    expect(a.triples).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(a.triples.falsePositives).toEqual(['RUS CONDEMNS GBR']);
  });

  it('strict: optional counts as not listed, both ways', () => {
    expect(strictAgreement(first, second).triples).toMatchObject({ tp: 1, fp: 2, fn: 1 });
  });
});

describe('PLV strict', () => {
  const marked = unmark('<s>Britain</s> condemned <t>China</t> on Monday.')!;
  const row: PlvRow = { ...marked, marked: '', gold: 'ACCUSE' };
  const span = (text: string, start: number) => ({ text, start, end: start + text.length });

  it('is right only when an event runs from the marked source to the marked target with the gold root', () => {
    const right = ev('country:GBR', 'CONDEMNS', 'country:CHN', {
      sourceMention: span('Britain', 0),
      targetMention: span('China', 20),
    });
    expect(predictStrict(row, extraction([right], marked.sentence))).toEqual({
      predicted: 'ACCUSE',
      pairFound: true,
      rule: 'test',
    });
    const reversed = ev('country:CHN', 'CONDEMNS', 'country:GBR', {
      sourceMention: span('China', 20),
      targetMention: span('Britain', 0),
    });
    expect(predictStrict(row, extraction([reversed], marked.sentence))).toMatchObject({
      predicted: 'NONE',
      pairFound: false,
    });
    const wrongType = ev('country:GBR', 'MEETS', 'country:CHN', {
      sourceMention: span('Britain', 0),
      targetMention: span('China', 20),
    });
    expect(predictStrict(row, extraction([wrongType], marked.sentence))).toMatchObject({
      predicted: 'CONSULT',
      pairFound: true,
    });
    expect(predictStrict(row, extraction([{ ...right, negated: true }], marked.sentence)).predicted).toBe('NONE');
    expect(predictStrict(row, null).predicted).toBe('NONE');
  });

  it('maps offsets when cleaning dropped a dateline from the start of the sentence', () => {
    const withDateline: PlvRow = {
      ...unmark('LONDON (Reuters) - <s>Britain</s> condemned <t>China</t>.')!,
      marked: '',
      gold: 'ACCUSE',
    };
    const clean = 'Britain condemned China.';
    const e = ev('country:GBR', 'CONDEMNS', 'country:CHN', {
      sourceMention: span('Britain', 0),
      targetMention: span('China', 18),
    });
    expect(predictStrict(withDateline, extraction([e], clean)).predicted).toBe('ACCUSE');
  });

  it('macro-F1 is over the gold classes; NONE only costs recall', () => {
    const s = scorePlv([
      { gold: 'ACCUSE', predicted: 'ACCUSE' },
      { gold: 'ACCUSE', predicted: 'NONE' },
      { gold: 'REJECT', predicted: 'ACCUSE' },
    ]);
    expect(s.classes.map((c) => c.cls)).toEqual(['ACCUSE', 'REJECT']);
    expect(s.classes[0]).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(s.macroF1).toBeCloseTo(0.25);
    expect(s.none).toBe(1);
  });
});

describe('synthetic recall', () => {
  it('counts a story found when an event of its labelled root is extracted, and empty stories apart', () => {
    const stories = [
      { id: 's1', title: '', outlet: '', text: 'a', label: 'ACCUSE' },
      { id: 's2', title: '', outlet: '', text: 'b', label: 'ACCUSE' },
      { id: 's3', title: '', outlet: '', text: 'c', label: 'PROTEST' },
    ];
    const byText: Record<string, ExtractedEvent[]> = {
      a: [ev('country:USA', 'CONDEMNS', 'country:CHN')],
      b: [ev('country:USA', 'MEETS', 'country:CHN')],
      c: [],
    };
    const s = scoreSynthetic(stories, (input) => {
      if (input.text === 'c') throw new Error('boom');
      return extraction(byText[input.text ?? ''] ?? []);
    });
    expect(s.roots.find((r) => r.root === 'ACCUSE')).toMatchObject({ stories: 2, found: 1, empty: 0, recall: 0.5 });
    expect(s.roots.find((r) => r.root === 'PROTEST')).toMatchObject({ stories: 1, found: 0, empty: 1, failed: 1 });
    expect(s.minRecall).toBe(0);
    expect(s.recall).toBeCloseTo(1 / 3);
  });
});
