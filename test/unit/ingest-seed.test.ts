import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import type { ExtractionResult } from '../../src/ingest/types.ts';

const text = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');
const result: ExtractionResult = extract({ id: 'dawn-2021-07-21-china-hack-claims', text });
const real = result.events.filter((e) => !e.negated && !e.hypothetical);
const countryOf = (id: string): string | null =>
  result.actors.find((a) => a.id === id)?.country ?? (id.startsWith('country:') ? id.slice(8) : null);
const has = (src: (id: string) => boolean, rel: string, tgt: (id: string) => boolean): boolean =>
  real.some((e) => e.relation === rel && src(e.source) && tgt(e.target));
const isCountry = (iso: string) => (id: string) => countryOf(id) === iso;

describe('seed article (Dawn, 2021-07-21)', () => {
  it('reads metadata and cuts page furniture', () => {
    expect(result.article.publishedAt).toBe('2021-07-21');
    expect(result.article.dateline).toBe('BEIJING');
    expect(result.article.title).toContain('fabricated');
    expect(result.article.text.startsWith('BEIJING:')).toBe(true);
    expect(result.article.text).not.toContain('Published in Dawn');
    expect(result.article.text).not.toContain('Smog hazard');
    expect(result.article.text).not.toContain('Reuters/File');
  });

  it('finds the US accusing China, dated Monday', () => {
    const e = real.find((x) => x.relation === 'ACCUSES' && x.source === 'country:USA' && x.target === 'country:CHN');
    expect(e?.date).toBe('2021-07-19');
    expect(e?.datePrecision).toBe('DAY');
  });

  it('finds the Justice Department charging the four Chinese nationals', () => {
    expect(
      has(
        (id) => id === 'agency:usa:department-of-justice',
        'CHARGES',
        (id) => id.startsWith('person:chn:'),
      ),
    ).toBe(true);
    expect(result.actors.find((a) => a.id.startsWith('person:chn:'))?.name).toBe('four chinese nationals');
  });

  it('finds China denying the accusation and accusing the US, dated Tuesday', () => {
    const deny = real.find((x) => x.relation === 'DENIES' && x.source === 'country:CHN' && x.target === 'country:USA');
    expect(deny?.date).toBe('2021-07-20');
    expect(has(isCountry('CHN'), 'ACCUSES', isCountry('USA'))).toBe(true);
  });

  it('finds China condemning the allies of the joint statement', () => {
    expect(
      has(isCountry('CHN'), 'CONDEMNS', (id) =>
        ['country:GBR', 'country:AUS', 'alliance:eu', 'alliance:nato'].includes(id),
      ),
    ).toBe(true);
  });

  it('finds Britain (Raab) condemning China and NATO supporting the US', () => {
    expect(has((id) => id === 'official:gbr:dominic-raab', 'CONDEMNS', isCountry('CHN'))).toBe(true);
    expect(
      has(
        (id) => id === 'alliance:nato',
        'SUPPORTS',
        (id) => id === 'country:USA',
      ),
    ).toBe(true);
  });

  it('resolves officials, agencies and aliases', () => {
    const byId = new Map(result.actors.map((a) => [a.id, a]));
    expect(byId.get('official:usa:antony-blinken')?.title).toBe('Secretary of State');
    expect(byId.get('official:chn:zhao-lijian')?.country).toBe('CHN');
    expect(byId.get('agency:chn:ministry-of-state-security')?.aliases).toContain('MSS');
    expect(byId.get('alliance:nato')?.kind).toBe('ALLIANCE');
  });

  it('extracts nothing from the editorial list and gives valid offsets', () => {
    expect(result.events.length).toBeGreaterThan(0);
    for (const e of result.events) {
      expect(result.article.text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.sentence);
      expect(result.article.text.slice(e.sourceMention.start, e.sourceMention.end)).toBe(e.sourceMention.text);
      expect(e.evidence.sentence).not.toMatch(/State Bank|Lahore|Ceasefire charade|Israeli allies/);
    }
    expect(real.some((e) => e.target === 'country:ISR' || e.source === 'country:PAK')).toBe(false);
  });

  it('reads "Nato offered solidarity … without directly assigning blame" as support, not as a NATO accusation', () => {
    // The sentence is read (its support is extracted), so the absence of an accusation from it means something.
    const sentence = (e: (typeof result.events)[number]) =>
      e.evidence.sentence.includes('without directly assigning blame');
    const fromSentence = result.events
      .filter(sentence)
      .map((e) => `${e.source} ${e.relation} ${e.target}${e.negated ? ' negated' : ''}`);
    expect(fromSentence).toContain('alliance:nato SUPPORTS country:USA');
    expect(fromSentence.filter((t) => t.startsWith('alliance:nato ACCUSES') && !t.endsWith(' negated'))).toEqual([]);
    expect(has((id) => id === 'alliance:nato', 'ACCUSES', isCountry('CHN'))).toBe(false);
  });
});
