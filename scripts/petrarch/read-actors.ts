/**
 * Reads a PETRARCH2 actor dictionary (Phoenix.*.actors.txt) into entries: the names of one actor
 * (primary phrase plus `+` synonyms) and its codes, each with an optional date restriction.
 *
 * Format (PETRARCH2 docs, "Actor Dictionary"; PETRreader.read_actor_dictionary):
 *   NAME_  [CODE]             primary phrase, optional default code
 *   +OTHER_NAME               synonym
 *   <tab>[CODE 891023-900502] code between two dates (inclusive)
 *   <tab>[CODE <050805]       before, [CODE >050805] from a date on; [CODE] alone is the default
 * `#` starts a comment. Codes may also follow a name on the same line, several per line.
 *
 * Deviations, all deliberate: a primary line with no code that runs straight (no blank line) into
 * the next primary line takes that entry's codes (the files list name variants that way, e.g. five
 * spellings of Brezhnev; PETRARCH2 would drop all but the last), and one that directly follows a
 * coded entry and ends its paragraph takes the codes of that entry (`UN_ [IGOUNO]` then `U.N._`);
 * a `+` inside a synonym separates two synonyms; malformed date restrictions are reported and
 * skipped, not guessed.
 */
import { readFileSync } from 'node:fs';
import { normalizePhrase, parsePetrarchDate } from './text.ts';

export interface DatedCode {
  code: string;
  start: string | null;
  end: string | null;
}

export interface ActorEntry {
  line: number;
  names: string[];
  codes: DatedCode[];
  comment: string;
}

export interface ReadProblem {
  file: string;
  line: number;
  problem: string;
}

/** A `[...]` restriction: code plus optional `<date`, `>date`, `date-date` (a lone date is read as a start). */
function readRestriction(inner: string, file: string, line: number, problems: ReadProblem[]): DatedCode | null {
  const [code = '', ...restParts] = inner.trim().split(/\s+/);
  const spec = restParts.join('');
  if (code === '') {
    problems.push({ file, line, problem: `empty code [${inner}]` });
    return null;
  }
  if (spec === '') return { code, start: null, end: null };
  const bad = (why: string): null => {
    problems.push({ file, line, problem: `[${inner.trim()}]: ${why}; restriction skipped` });
    return null;
  };
  let m: RegExpMatchArray | null;
  if ((m = spec.match(/^<(\d+)$/))) {
    const end = parsePetrarchDate(m[1] ?? '');
    return end ? { code, start: null, end } : bad('invalid date');
  }
  if ((m = spec.match(/^>(\d+)$/))) {
    const start = parsePetrarchDate(m[1] ?? '');
    return start ? { code, start, end: null } : bad('invalid date');
  }
  if ((m = spec.match(/^(\d+)-(\d+)$/))) {
    const start = parsePetrarchDate(m[1] ?? '');
    const end = parsePetrarchDate(m[2] ?? '');
    if (!start || !end) return bad('invalid date');
    if (start > end) return bad('start after end');
    return { code, start, end };
  }
  if ((m = spec.match(/^(\d+)$/))) {
    const start = parsePetrarchDate(m[1] ?? '');
    if (!start) return bad('invalid date');
    problems.push({ file, line, problem: `[${inner.trim()}]: a date without < or >, read as a start date` });
    return { code, start, end: null };
  }
  return bad('unreadable date restriction');
}

function namesOf(text: string): string[] {
  return text
    .split('+')
    .map(normalizePhrase)
    .filter((n) => n !== '');
}

/** The entries of one actor file, in file order. */
export function readActorFile(path: string, file: string, problems: ReadProblem[]): ActorEntry[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const entries: ActorEntry[] = [];
  let current: ActorEntry | null = null;
  let blankSinceCurrent = false;
  let blankBeforeCurrent = true;
  let previous: ActorEntry | null = null; // the last coded entry
  let waiting: ActorEntry[] = []; // code-less entries that take the codes of the next coded entry
  const withCodesOf = (e: ActorEntry, from: ActorEntry): ActorEntry => ({
    ...e,
    codes: from.codes.map((c) => ({ ...c })),
  });

  const finish = (): void => {
    if (!current) return;
    if (current.codes.length > 0) {
      for (const w of waiting) entries.push(withCodesOf(w, current));
      waiting = [];
      entries.push(current);
      previous = current;
    } else if (!blankSinceCurrent) {
      waiting.push(current);
    } else if (waiting.length === 0 && !blankBeforeCurrent && previous) {
      entries.push(withCodesOf(current, previous));
    } else {
      for (const e of [...waiting, current])
        problems.push({ file, line: e.line, problem: `no code for "${e.names[0]}"; dropped` });
      waiting = [];
    }
    current = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') {
      blankSinceCurrent = true;
      return;
    }
    if (raw.startsWith('#') || raw.startsWith('<!')) return;
    const hash = raw.indexOf('#');
    const body = hash >= 0 ? raw.slice(0, hash) : raw;
    const comment = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    if (body.trim() === '') return;
    const codes: DatedCode[] = [];
    for (const m of body.matchAll(/\[([^\]]*)\]/g)) {
      const c = readRestriction(m[1] ?? '', file, lineNo, problems);
      if (c) codes.push(c);
    }
    const namePart = body.replace(/\[[^\]]*\]/g, ' ').trim();
    if (namePart === '') {
      if (current) current.codes.push(...codes);
      else problems.push({ file, line: lineNo, problem: 'codes before any name; skipped' });
      return;
    }
    if (namePart.startsWith('+')) {
      if (!current) {
        problems.push({ file, line: lineNo, problem: 'synonym before any name; skipped' });
        return;
      }
      current.names.push(...namesOf(namePart.slice(1)));
      current.codes.push(...codes);
      return;
    }
    const blankBefore = current === null || blankSinceCurrent;
    finish();
    const names = namesOf(namePart);
    if (names.length === 0) return;
    current = { line: lineNo, names, codes, comment };
    blankBeforeCurrent = blankBefore;
    blankSinceCurrent = false;
  });
  blankSinceCurrent = true;
  finish();
  return entries;
}
