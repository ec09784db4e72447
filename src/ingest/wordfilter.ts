/**
 * A quick "certainly not" for lookups of words in a large map: one bit per (length, first character, last
 * character) of the words it holds. Most tokens of a text are none of a lexicon's words, and this small table
 * (8 KB, so it stays in cache) says so without a probe into the map; a set bit may still find no word.
 */
export class WordFilter {
  private readonly bits = new Uint32Array(2048);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const b = bitOf(w);
      this.bits[b >>> 5]! |= 1 << (b & 31);
    }
  }

  /** False: `word` is none of the words given. True: it may be one. */
  mayHave(word: string): boolean {
    const b = bitOf(word);
    return (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}

function bitOf(word: string): number {
  return ((word.length & 15) << 12) | ((word.charCodeAt(0) & 63) << 6) | (word.charCodeAt(word.length - 1) & 63);
}
