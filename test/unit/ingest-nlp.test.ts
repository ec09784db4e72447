import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/ingest/countries.ts';
import { tokenizePhrase, tokenizePhrases } from '../../src/ingest/nlp.ts';

const one = (p: string) => tokenizePhrase(p).map((t) => t.text);

describe('tokenizePhrases (the gazetteer reads its names as one document)', () => {
  it('gives every phrase the tokens it has when read alone, whatever its neighbours', () => {
    const phrases = [
      'U.S.',
      'Côte d’Ivoire',
      "People's Republic of China",
      'Guinea-Bissau',
      'St. Kitts and Nevis',
      'the E.U.',
      'G7',
      'Ministry of Foreign Affairs',
      'U.N. Security Council',
      'Bosnia & Herzegovina',
      'Timor-Leste (East Timor)',
      'Mr. Wang Wenbin',
      'NATO',
      'a',
      "O'Neill",
      '...',
      'Sudan.',
      'Korea, Republic of',
      'Lao P.D.R.',
      'al-Qaeda',
    ];
    const together = tokenizePhrases(phrases);
    expect(together).toHaveLength(phrases.length);
    phrases.forEach((p, k) => expect(together[k], p).toEqual(one(p)));
    // Order does not matter either.
    const reversed = tokenizePhrases([...phrases].reverse());
    expect(reversed.reverse()).toEqual(together);
  });

  it('matches reading one by one on the country names of the dataset', () => {
    const names = COUNTRIES.flatMap((c) => [c.name.common, c.name.official]).slice(0, 400);
    expect(names.length).toBeGreaterThan(100);
    expect(tokenizePhrases(names)).toEqual(names.map(one));
  });

  it('keeps an empty phrase empty and its neighbours intact', () => {
    expect(tokenizePhrases(['China', '', 'Japan'])).toEqual([['China'], [], ['Japan']]);
    expect(tokenizePhrases([])).toEqual([]);
  });
});
