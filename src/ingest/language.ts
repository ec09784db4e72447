/**
 * The extractor reads English. An article in another language would be stored with no events and no word of
 * why, so it is refused with UNSUPPORTED_LANGUAGE. franc-min (trigram profiles of 82 languages) judges the first
 * 4,000 characters; texts under 200 characters are too short to judge and pass. An article is refused only
 * when another language scores clearly above English (English below 0.9 of the best score): English with many
 * foreign names ("Ecuadorian Consulate San Juan, U.S. Consulate Miami …") scores 0.98 and passes.
 */
import { francAll } from 'franc-min';
import { InputError } from './errors.ts';

const SAMPLE = 4000;
const MIN_LENGTH = 200;
const ENGLISH_FLOOR = 0.9;

/** Throws UNSUPPORTED_LANGUAGE when `text` is clearly not English. */
export function checkLanguage(text: string): void {
  const scores = francAll(text.slice(0, SAMPLE), { minLength: MIN_LENGTH });
  const top = scores[0]?.[0] ?? 'und';
  if (top === 'und' || top === 'eng') return;
  const english = scores.find(([lang]) => lang === 'eng')?.[1] ?? 0;
  if (english >= ENGLISH_FLOOR) return;
  throw new InputError(
    'UNSUPPORTED_LANGUAGE',
    `the article reads as language "${top}" (ISO 639-3), not English; the extractor reads English only`,
  );
}
