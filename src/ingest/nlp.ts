/** The one wink-nlp instance (loaded once per process) and the token view the rules work on. */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// Only sentence boundaries and parts of speech (with lemmas) are read: entity, negation and sentiment passes are skipped.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  /** Character offsets into the analysed text. */
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** A piece of a longer "sentence" cut at MAX_SENTENCE_TOKENS / MAX_SENTENCE_CHARS: never sent to the parser. */
  cut?: true;
}

/**
 * Longest sentence the rules read at once. The window rules compare every trigger with every mention of a
 * sentence, so one giant "sentence" (a 4 MB line without a full stop) costs the square of its length; cut into
 * pieces of at most this many tokens (and characters), every stage's work grows linearly with the article.
 * The longest gold sentence has 91 tokens; a cut piece is read by the window rules, never parsed.
 */
export const MAX_SENTENCE_TOKENS = 400;
export const MAX_SENTENCE_CHARS = 4000;

/**
 * Longest run of characters without a space that wink-nlp reads as one word. Its model tests each word with a
 * regular expression (`/[a-z].*\.$/i`) whose time grows with the square of the word's length (a 100 KB
 * "word" takes most of a minute). A longer run is cut (its every MAX_WORD_CHARS-th character read as a space) before wink
 * reads it; offsets are unchanged. The longest word of the gold texts is a URL of 186 characters.
 */
export const MAX_WORD_CHARS = 256;
// A run of MAX_WORD_CHARS - 1 characters without a space and the one after it, which becomes the space.
const LONG_RUN = new RegExp(`(\\S{${MAX_WORD_CHARS - 1}})\\S`, 'g');

/** Splits `text` into sentences of tokens with character offsets (offset added to every position). */
export function analyse(text: string, offset = 0): Sentence[] {
  const doc = nlp.readDoc(text.replace(LONG_RUN, '$1 '));
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const pos = all.out(its.pos) as string[];
  const lemmas = all.out(its.lemma as unknown as typeof its.value) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    cursor += (spaces[i] ?? '').length;
    // wink reproduces the text token by token; re-anchor defensively if it ever normalises a character.
    const found = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    const start = found >= 0 ? found : cursor;
    const lower = value.toLowerCase();
    // Most lemmas are the word itself: its lower-case form is then already made (toLowerCase always makes a new string).
    const lemma = lemmas[i] ?? value;
    tokens.push({
      text: value,
      lower,
      lemma: lemma === value ? lower : lemma.toLowerCase(),
      pos: pos[i] ?? 'X',
      start: start + offset,
      end: start + value.length + offset,
    });
    cursor = start + value.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: Sentence[] = [];
  for (const [a, b] of spans) {
    // A sentence of line breaks only is none; the others keep their tokens that are not blank.
    let words = false;
    const toks: Token[] = [];
    for (let k = a; k <= b && k < tokens.length; k += 1) {
      const t = tokens[k]!;
      if (t.pos === 'SPACE') continue;
      words = true;
      if (t.text.trim() !== '') toks.push(t);
    }
    if (!words) continue;
    const s = toks[0]?.start ?? offset;
    const e = toks[toks.length - 1]?.end ?? offset;
    if (toks.length <= MAX_SENTENCE_TOKENS && e - s <= MAX_SENTENCE_CHARS) {
      sentences.push({ start: s, end: e, text: text.slice(s - offset, e - offset), tokens: toks });
      continue;
    }
    // Cut: a piece ends before the token that would take it over either cap (a piece holds one token at least).
    let from = 0;
    while (from < toks.length) {
      let to = from + 1;
      while (
        to < toks.length &&
        to - from < MAX_SENTENCE_TOKENS &&
        toks[to]!.end - toks[from]!.start <= MAX_SENTENCE_CHARS
      )
        to += 1;
      const ps = toks[from]!.start;
      const pe = toks[to - 1]!.end;
      sentences.push({
        start: ps,
        end: pe,
        text: text.slice(ps - offset, pe - offset),
        tokens: toks.slice(from, to),
        cut: true,
      });
      from = to;
    }
  }
  return sentences;
}

/** Tokens of a short phrase (gazetteer aliases, lexicon patterns). */
export function tokenizePhrase(phrase: string): Token[] {
  return analyse(phrase).flatMap((s) => s.tokens);
}

/**
 * The texts of each phrase's tokens, as tokenizePhrase gives them, for many phrases read as one document, a line
 * each: wink splits the text at spaces and line breaks before anything else, so a phrase's tokens do not depend
 * on its neighbours (nor does wink's cache of words, filled in the same order). One document instead of one per
 * phrase: the gazetteer's thousands of names are read faster at each extraction thread's start. Should a token
 * not sit where expected, or a blank one not be tagged SPACE (or the reverse), the phrases are read one by one.
 */
export function tokenizePhrases(phrases: readonly string[]): string[][] {
  const text = phrases.join('\n');
  const all = nlp.readDoc(text).tokens();
  const values = all.out(its.value) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const pos = all.out(its.pos) as string[];
  const out: string[][] = phrases.map(() => []);
  let phrase = 0;
  let phraseEnd = phrases[0]?.length ?? 0;
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    cursor += (spaces[i] ?? '').length;
    if (!text.startsWith(value, cursor)) return phrases.map((p) => tokenizePhrase(p).map((t) => t.text));
    // Phrase k ends where the line break after it is; a token after that break is a later phrase's.
    while (phrase < phrases.length - 1 && cursor > phraseEnd) {
      phrase += 1;
      phraseEnd += 1 + phrases[phrase]!.length;
    }
    const blank = value.trim() === '';
    if (blank !== (pos[i] === 'SPACE')) return phrases.map((p) => tokenizePhrase(p).map((t) => t.text));
    if (!blank) out[phrase]!.push(value);
    cursor += value.length;
  }
  return out;
}
