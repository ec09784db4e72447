import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import { resolveSentenceDate } from '../../src/ingest/dates.ts';

const triples = (text: string, publishedAt = '2021-07-21') =>
  extract({ text, publishedAt })
    .events.filter((e) => !e.negated && !e.hypothetical)
    .map((e) => `${e.source} ${e.relation} ${e.target}`);

describe('actors', () => {
  it('resolves capitals, demonyms and alternative spellings to countries', () => {
    expect(triples('Washington accused Beijing of spying.')).toContain('country:USA ACCUSES country:CHN');
    expect(triples('The Chinese government condemned the American officials.')).toContain(
      'country:CHN CONDEMNS country:USA',
    );
    expect(triples('The Kremlin criticised the U.K. on Friday.')).toContain('country:RUS CONDEMNS country:GBR');
  });

  it('resolves short names and aliases to the actor introduced first', () => {
    const r = extract({
      text: 'US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi. Later, Blinken criticised China.',
      publishedAt: '2021-07-21',
    });
    expect(
      r.events.some(
        (e) => e.source === 'official:usa:antony-blinken' && e.relation === 'CONDEMNS' && e.target === 'country:CHN',
      ),
    ).toBe(true);
    expect(r.events.some((e) => e.relation === 'MEETS' && e.target === 'official:chn:wang-yi')).toBe(true);
  });
});

describe('events', () => {
  it('gives one event per coordinated actor', () => {
    const t = triples('The European Union, Britain, Australia and Nato condemned China.');
    expect(t).toEqual(
      expect.arrayContaining([
        'alliance:eu CONDEMNS country:CHN',
        'country:GBR CONDEMNS country:CHN',
        'country:AUS CONDEMNS country:CHN',
        'alliance:nato CONDEMNS country:CHN',
      ]),
    );
  });

  it('keeps the real direction in the passive voice', () => {
    expect(triples('China was condemned by Britain on Monday.')).toEqual(['country:GBR CONDEMNS country:CHN']);
  });

  it('flags negated events', () => {
    const r = extract({ text: 'Japan did not condemn China.', publishedAt: '2021-07-21' });
    expect(r.events.map((e) => `${e.source} ${e.relation} ${e.target} negated=${e.negated}`)).toEqual([
      'country:JPN CONDEMNS country:CHN negated=true',
    ]);
  });

  it('uses the speaker as the source of an accusation', () => {
    expect(triples('US Secretary of State Antony Blinken said Russia had interfered in the election.')).toContain(
      'official:usa:antony-blinken ACCUSES country:RUS',
    );
    expect(triples('Russia has interfered in the elections, the Foreign Office said.')).toContain(
      'agency:gbr:fcdo ACCUSES country:RUS',
    );
    expect(triples('According to Germany, Russia has sanctioned Poland.')).toContain(
      'country:RUS SANCTIONS country:POL',
    );
  });

  it('covers clear cases of the other relations', () => {
    expect(triples('Russia expelled two British diplomats.')).toContain(
      'country:RUS SANCTIONS person:gbr:two-british-diplomats',
    );
    expect(triples('France imposed sanctions on Iran.')).toContain('country:FRA SANCTIONS country:IRN');
    expect(triples('Israel launched airstrikes against Syria.')).toContain('country:ISR ASSAULTS country:SYR');
    expect(triples('Japan urged North Korea to stop the tests.')).toContain('country:JPN REQUESTS country:PRK');
  });
});

describe('dates', () => {
  it('resolves relative dates against the publication date', () => {
    expect(resolveSentenceDate('China on Tuesday said', '2021-07-21')).toEqual({
      date: '2021-07-20',
      precision: 'DAY',
    });
    expect(resolveSentenceDate('The US on Monday accused', '2021-07-21')).toEqual({
      date: '2021-07-19',
      precision: 'DAY',
    });
    expect(resolveSentenceDate('On July 2, Britain said', '2021-07-21')).toEqual({
      date: '2021-07-02',
      precision: 'DAY',
    });
    expect(resolveSentenceDate('Britain said', '2021-07-21')).toEqual({ date: '2021-07-21', precision: 'UNKNOWN' });
  });
});
