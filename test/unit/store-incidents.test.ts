import { describe, expect, it } from 'vitest';
import { groupIncidents, type IncidentMember } from '../../src/store/incidents.ts';
import { linkResponses, type ExchangeEvent } from '../../src/store/responses.ts';

const key = { source: 'country:USA', plover: 'ACCUSE', target: 'country:CHN' };
const m = (
  id: string,
  date: string | null,
  publishedAt: string | null,
  extra: Partial<IncidentMember> = {},
): IncidentMember => ({
  id,
  articleId: `art-${id}`,
  relation: 'ACCUSES',
  date,
  datePrecision: date ? 'DAY' : 'UNKNOWN',
  publishedAt,
  outlet: `Outlet ${id}`,
  ...extra,
});

describe('incidents', () => {
  it('groups reports within two days of the first one, splits beyond, whatever the input order', () => {
    const events = [
      m('a', '2021-07-19', '2021-07-20'),
      m('b', '2021-07-21', '2021-07-21'),
      m('c', '2021-07-22', '2021-07-22'),
      m('d', '2021-07-24', '2021-07-24'),
    ];
    const one = groupIncidents(key, events);
    expect(one.map((i) => i.eventIds)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(groupIncidents(key, [...events].reverse())).toEqual(one);
    expect(one[0]).toMatchObject({
      date: '2021-07-19',
      firstReported: '2021-07-20',
      lastReported: '2021-07-21',
      reports: 2,
      outlets: ['Outlet a', 'Outlet b'],
    });
    expect(one[0]!.id).toMatch(/^incident:[0-9a-f]{20}$/);
    expect(one[0]!.id).not.toBe(one[1]!.id);
  });

  it('an event without a day-precise date joins only an incident reported on its publication day', () => {
    const events = [
      m('a', '2021-07-19', '2021-07-20'),
      m('v', null, '2021-07-20'),
      m('w', '2021-07-01', '2021-07-25', { datePrecision: 'MONTH' }),
      m('x', null, '2021-07-25'),
    ];
    const incidents = groupIncidents(key, events);
    expect(incidents.map((i) => i.eventIds)).toEqual([
      ['a', 'v'],
      ['w', 'x'],
    ]);
    expect(incidents[1]!.date).toBe('2021-07-01');
    // dated the day it was published: joins an incident of that date reported the day after
    expect(
      groupIncidents(key, [
        m('a', '2021-07-20', '2021-07-21'),
        m('u', null, '2021-07-20'),
        m('z', null, '2021-07-23'),
      ]).map((i) => i.eventIds),
    ).toEqual([['a', 'u'], ['z']]);
  });
});

const ev = (
  id: string,
  relation: string,
  from: string,
  to: string,
  date: string,
  extra: Partial<ExchangeEvent> = {},
): ExchangeEvent => ({
  id,
  articleId: `art-${id}`,
  relation,
  sourceSide: from,
  targetSide: to,
  date,
  publishedAt: date,
  precise: true,
  start: 0,
  sentence: `${from} ${relation} ${to}.`,
  ...extra,
});

describe('responses', () => {
  it('links a denial to the latest accusation against its source within 14 days, inferred', () => {
    const links = linkResponses([
      ev('acc1', 'ACCUSES', 'USA', 'CHN', '2021-07-01'),
      ev('acc2', 'ACCUSES', 'USA', 'CHN', '2021-07-19'),
      ev('den', 'DENIES', 'CHN', 'USA', '2021-07-20'),
      ev('late', 'REJECTS', 'CHN', 'USA', '2021-08-10'),
      ev('other', 'DENIES', 'RUS', 'USA', '2021-07-20'),
      ev('meet', 'MEETS', 'CHN', 'USA', '2021-07-20'),
    ]);
    expect(links).toEqual([{ from: 'den', to: 'acc2', kind: 'inferred', cue: null, days: 1 }]);
  });

  it('a stated response prefers the accusation in its own article; mutual accusations do not answer each other both ways', () => {
    const links = linkResponses([
      ev('acc-own', 'ACCUSES', 'USA', 'CHN', '2021-07-19', { articleId: 'r1', start: 0 }),
      ev('acc-later', 'CONDEMNS', 'USA', 'CHN', '2021-07-20', { articleId: 'r2' }),
      ev('den', 'DENIES', 'CHN', 'USA', '2021-07-20', {
        articleId: 'r1',
        start: 50,
        sentence: 'China dismissed the accusation as a smear.',
      }),
      ev('x', 'ACCUSES', 'GBR', 'RUS', '2021-03-01', { articleId: 'r3', start: 0 }),
      ev('y', 'ACCUSES', 'RUS', 'GBR', '2021-03-01', { articleId: 'r3', start: 10 }),
      // an undated counter-accusation is not linked (its order is unknown); an undated denial is
      ev('z', 'ACCUSES', 'RUS', 'GBR', '2021-03-02', { articleId: 'r4', precise: false }),
      ev('w', 'DENIES', 'RUS', 'GBR', '2021-03-02', { articleId: 'r4', precise: false, start: 5 }),
    ]);
    expect(links).toEqual([
      { from: 'den', to: 'acc-own', kind: 'stated', cue: 'dismissed the accusation', days: 1 },
      { from: 'w', to: 'x', kind: 'inferred', cue: null, days: 1 },
      { from: 'y', to: 'x', kind: 'inferred', cue: null, days: 0 },
    ]);
  });
});
