/**
 * Bounded work on hostile input (issue 14): one giant "sentence" without a full stop, one giant "word" without a
 * space. Every stage's work must grow linearly with the input, so such text is cut into bounded pieces before the
 * rules read it; the pieces keep their offsets into the article and are never sent to the parser.
 */
import { describe, expect, it } from 'vitest';
import { candidateSentences, extract, prepareArticle } from '../../src/ingest/extract.ts';
import { analyse, MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS, MAX_WORD_CHARS } from '../../src/ingest/nlp.ts';

/** Words that hold triggers and actors, repeated with no sentence break: "China accused the United States …". */
function runOn(chars: number): string {
  const words = [
    'China',
    'accused',
    'the',
    'United',
    'States',
    'of',
    'hacking',
    'and',
    'Russia',
    'condemned',
    'NATO',
    'officials',
    'said',
    'that',
  ];
  const out: string[] = [];
  for (let i = 0, n = 0; n < chars; i += 1) {
    out.push(words[i % words.length]!);
    n += words[i % words.length]!.length + 1;
  }
  return out.join(' ');
}

describe('bounded work on one giant sentence or word', () => {
  it('cuts a sentence of thousands of tokens into pieces of at most MAX_SENTENCE_TOKENS, offsets kept, none a parse candidate', () => {
    const text = runOn(60_000);
    const sentences = analyse(text);
    expect(sentences.length).toBeGreaterThan(10);
    for (const s of sentences) {
      expect(s.tokens.length).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.cut).toBe(true);
    }
    // The pieces cover every token, in order.
    expect(sentences.map((s) => s.text).join(' ')).toBe(text);
    expect(candidateSentences(prepareArticle({ text }))).toEqual([]);
  });

  it('reads a word of thousands of characters as pieces of at most MAX_WORD_CHARS, offsets kept', () => {
    const word = 'abcdefghij'.repeat(3_000);
    const text = `China accused the United States of hacking. ${word} Russia condemned NATO.`;
    const tokens = analyse(text).flatMap((s) => s.tokens);
    const long = tokens.filter((t) => t.start >= text.indexOf(word) && t.end <= text.indexOf(word) + word.length);
    expect(long.length).toBeGreaterThan(10);
    for (const t of long) {
      expect(t.text.length).toBeLessThanOrEqual(MAX_WORD_CHARS);
      expect(text.slice(t.start, t.end)).toBe(t.text);
    }
    const r = extract({ text, publishedAt: '2021-07-21' });
    expect(r.events.map((e) => `${e.source} ${e.relation} ${e.target}`)).toEqual(
      expect.arrayContaining(['country:CHN ACCUSES country:USA', 'country:RUS CONDEMNS alliance:nato']),
    );
  });

  it('extracts a 300 KB line without a sentence break, and a 1 MB word, in time linear in their length', () => {
    // Before the cuts these took hours (the window rules compared every trigger with every mention of the line;
    // wink-nlp's word test is quadratic in a word's length); linear, each is a few seconds on a busy machine.
    const t0 = performance.now();
    const line = extract({ text: runOn(300_000), publishedAt: '2021-07-21' });
    const lineMs = performance.now() - t0;
    const t1 = performance.now();
    extract({ text: `China accused the United States. ${'abcdefghij'.repeat(100_000)}` });
    const wordMs = performance.now() - t1;
    console.log(
      `300 KB line: ${lineMs.toFixed(0)} ms (${line.events.length} events); 1 MB word: ${wordMs.toFixed(0)} ms`,
    );
    expect(line.events.length).toBeGreaterThan(0);
    expect(lineMs).toBeLessThan(60_000);
    expect(wordMs).toBeLessThan(60_000);
  }, 180_000);
});
