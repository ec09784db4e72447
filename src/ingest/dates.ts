/** Dates: publication dates in free text, and event dates relative to the publication date. */
import type { DatePrecision } from './types.ts';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  return full >= 0
    ? full
    : MONTH_ABBR.indexOf(w.slice(0, 3)) >= 0 && w.length <= 4
      ? MONTH_ABBR.indexOf(w.slice(0, 3))
      : -1;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function valid(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m && dt.getUTCDate() === d;
}

/** Every date this module reads has a digit: text without one is not searched further. */
const DIGIT = /\d/;

/** Parses a date written as ISO, "July 21, 2021", "21 July 2021", "July 21st, 2021" or "05 Nov, 2024". */
export function parseDate(text: string): string | null {
  if (!DIGIT.test(text)) return null;
  const isoMatch = /\b(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (isoMatch) return `${isoMatch[1]}-${isoMatch[2]}-${isoMatch[3]}`;
  const mdy = /\b([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (mdy) {
    const m = monthIndex(mdy[1]!);
    const d = Number(mdy[2]);
    const y = Number(mdy[3]);
    if (m >= 0 && valid(y, m, d)) return iso(y, m, d);
  }
  const dmy = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8}\.?),?\s+(\d{4})\b/.exec(text);
  if (dmy) {
    const m = monthIndex(dmy[2]!);
    const d = Number(dmy[1]);
    const y = Number(dmy[3]);
    if (m >= 0 && valid(y, m, d)) return iso(y, m, d);
  }
  return null;
}

export interface ResolvedDate {
  date: string | null;
  precision: DatePrecision;
}

/** The date a sentence gives for its event, resolved against the publication date. */
export function resolveSentenceDate(sentence: string, published: string | null): ResolvedDate {
  const fallback: ResolvedDate = { date: published, precision: 'UNKNOWN' };
  const explicit = parseDate(sentence);
  if (explicit) return { date: explicit, precision: 'DAY' };
  if (!published) return fallback;
  const lower = sentence.toLowerCase();
  // What follows reads "yesterday", "today", a weekday (all end in "day") or a day of a month (a number).
  const hasDay = lower.includes('day');
  const hasDigit = DIGIT.test(sentence);
  if (!hasDay && !hasDigit) return fallback;
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  const pub = new Date(Date.UTC(py, pm - 1, pd));
  if (/\byesterday\b/.test(lower)) return { date: shift(pub, -1), precision: 'DAY' };
  if (/\btoday\b/.test(lower)) return { date: published, precision: 'DAY' };
  const wd = hasDay
    ? /\b(?:on|last|this|since|late|early)?\s*(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i.exec(
        sentence,
      )
    : null;
  if (wd && /^[A-Z]/.test(wd[1]!)) {
    const target = WEEKDAYS.indexOf(wd[1]!.toLowerCase());
    const back = (pub.getUTCDay() - target + 7) % 7;
    return { date: shift(pub, -back), precision: 'DAY' };
  }
  const md = hasDigit
    ? (/\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})/.exec(
        sentence,
      ) ??
      /\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b/.exec(
        sentence,
      ))
    : null;
  if (md) {
    const monthWord = /^\d/.test(md[1]!) ? md[2]! : md[1]!;
    const day = Number(/^\d/.test(md[1]!) ? md[1] : md[2]);
    const m = monthIndex(monthWord);
    const y = m > pm - 1 ? py - 1 : py;
    if (m >= 0 && valid(y, m, day)) return { date: iso(y, m, day), precision: 'DAY' };
  }
  return fallback;
}

function shift(d: Date, days: number): string {
  const t = new Date(d.getTime() + days * 86_400_000);
  return iso(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
}
