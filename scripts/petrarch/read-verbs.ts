/**
 * Reads the PETRARCH2 verb dictionary (CAMEO.2.0.txt): noun synonym sets, verb blocks and patterns.
 *
 * Format (file header; PETRreader.read_verb_dictionary; docs "Verb Dictionary"):
 *   &CURRENCY / +DOLLAR          synonym set; plurals are added unless the set or phrase ends in `_`
 *   ---  BLAME   [112]  ---      a verb block and its default code (`---` = no event)
 *   ACCUSE [112]                 a verb with its own code; {…} lists irregular forms
 *   +MEET_WITH, RE_+ARREST       multi-word verbs, `+` marks the word the parser sees as the verb
 *   - * (OF TORTURE) [1122] # ACCUSE      pattern: `*` is the verb, (…) a prepositional phrase,
 *                                {…} a noun phrase, $ source, + target, ^ any other noun phrase;
 *                                the comment names the verb the pattern was found with
 *   [042:043]                    TABARI paired codes: source->target code, then target->source code
 * The TRANSFORMATIONS section (rules combining two coded verbs, e.g. "a (a b ATTACK) SAY") is not read.
 */
import { readFileSync } from 'node:fs';
import type { PrepFrame } from '../../src/dicts/petrarch-format.ts';
import type { ReadProblem } from './read-actors.ts';
import { normalizePhrase, regularPlural } from './text.ts';

export interface SynsetPhrase {
  synset: string;
  phrase: string;
  forms: string[];
}

export interface VerbEntry {
  lemma: string;
  head: string;
  block: string;
  code: string | null;
  forms: string[];
}

export interface PatternEntry {
  block: string;
  code: string | null;
  reverse: string | null;
  pattern: string;
  frames: PrepFrame[];
  comment: string;
  /** First word of the comment, upper case as written; resolved to a verb by the caller. */
  commentWord: string;
  line: number;
}

export interface VerbDictionary {
  synsets: SynsetPhrase[];
  verbs: VerbEntry[];
  patterns: PatternEntry[];
  blockCodes: Map<string, string | null>;
  transformations: number;
}

const PREPOSITIONS = new Set([
  'about',
  'above',
  'across',
  'after',
  'against',
  'along',
  'among',
  'around',
  'as',
  'at',
  'before',
  'behind',
  'below',
  'between',
  'beyond',
  'by',
  'despite',
  'during',
  'for',
  'from',
  'in',
  'inside',
  'into',
  'near',
  'of',
  'off',
  'on',
  'onto',
  'out',
  'outside',
  'over',
  'past',
  'since',
  'through',
  'to',
  'toward',
  'towards',
  'under',
  'until',
  'upon',
  'via',
  'with',
  'within',
  'without',
]);

const SLOT_OF_MARKER: Record<string, PrepFrame['slot']> = { $: 'source', '+': 'target', '^': 'other', '%': 'target' };

/** A code cell: `112`, `042:043`, `:173`, `080!`, `---`. */
export function readEventCode(cell: string): { code: string | null; reverse: string | null } {
  const [fwd = '', rev = ''] = cell.replace(/!/g, '').trim().split(':');
  const clean = (c: string): string | null => (c === '' || c === '---' ? null : c);
  return { code: clean(fwd.trim()), reverse: clean(rev.trim()) };
}

/** Lower-cases the words of a pattern, keeping synset names (&MILITARY) and markers as written. */
function normalizePattern(body: string): string {
  return body
    .replace(/&?[A-Z0-9][A-Z0-9_'.\-/]*/g, (w) => (w.startsWith('&') ? w : w.toLowerCase().replace(/_/g, ' ')))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The prepositional frame of a normalised pattern: its (…) phrases and `prep $/+` pairs outside them. */
export function frameOf(pattern: string): PrepFrame[] {
  const frames: PrepFrame[] = [];
  const outside = pattern.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    const [prep = '', ...rest] = inner.trim().split(/\s+/).filter(Boolean);
    const markers = rest.filter((t) => SLOT_OF_MARKER[t]);
    const nouns = rest
      .filter((t) => !SLOT_OF_MARKER[t])
      .join(' ')
      .replace(/[{}]/g, '')
      .trim();
    const slot: PrepFrame['slot'] =
      markers.length > 0 ? (SLOT_OF_MARKER[markers[0] ?? ''] ?? 'object') : nouns ? 'object' : 'target';
    frames.push({ prep, slot, nouns: nouns || null });
    return ' ';
  });
  const tokens = outside.split(/\s+/).filter(Boolean);
  tokens.forEach((t, i) => {
    const next = tokens[i + 1] ?? '';
    const slot = SLOT_OF_MARKER[next];
    if (slot && PREPOSITIONS.has(t)) frames.push({ prep: t, slot, nouns: null });
  });
  return frames;
}

/** Regular forms of a verb (PETRARCH2's rules, with the English exceptions it lacks: -ch/-sh, -y, -ee, -ie). */
function regularForms(verb: string): string[] {
  const third = /(?:[sxz]|ch|sh)$/.test(verb)
    ? `${verb}es`
    : /[^aeiou]y$/.test(verb)
      ? `${verb.slice(0, -1)}ies`
      : `${verb}s`;
  const past = verb.endsWith('e') ? `${verb}d` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ied` : `${verb}ed`;
  const ing = /(?:ee|ye|oe)$/.test(verb)
    ? `${verb}ing`
    : /ie$/.test(verb)
      ? `${verb.slice(0, -2)}ying`
      : verb.endsWith('e')
        ? `${verb.slice(0, -1)}ing`
        : `${verb}ing`;
  return [third, past, ing];
}

/** A verb line: `ACCUSE [112]`, `HURRY {HURRIES HURRYING HURRIED }`, `+MEET_WITH {+MET_WITH …}`, `RE_+ARREST`. */
function readVerbLine(body: string, block: string, blockCode: string | null): VerbEntry | null {
  const codeCell = body.match(/\[([^\]]*)\]/)?.[1];
  const braces = body.match(/\{([^}]*)\}/)?.[1];
  const token =
    body
      .replace(/\[[^\]]*\]/g, ' ')
      .replace(/\{[^}]*\}/g, ' ')
      .trim()
      .split(/\s+/)[0] ?? '';
  if (token === '') return null;
  const words = token.split('_').filter(Boolean);
  const marked = words.findIndex((w) => w.startsWith('+'));
  const headIndex = marked >= 0 ? marked : 0;
  const lemmaWords = words.map((w) => w.replace(/^\+/, '').toLowerCase());
  const lemma = lemmaWords.join(' ');
  const head = lemmaWords[headIndex] ?? lemma;
  let forms: string[];
  if (braces !== undefined) {
    forms = braces
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((f) => normalizePhrase(f.replace(/\+/g, '')));
  } else {
    forms = regularForms(head).map((f) => lemmaWords.map((w, i) => (i === headIndex ? f : w)).join(' '));
  }
  const code = codeCell !== undefined ? readEventCode(codeCell).code : blockCode;
  return { lemma, head, block, code, forms: [...new Set(forms.filter((f) => f !== lemma))] };
}

export function readVerbFile(path: string, file: string, problems: ReadProblem[]): VerbDictionary {
  const dict: VerbDictionary = { synsets: [], verbs: [], patterns: [], blockCodes: new Map(), transformations: 0 };
  let section: 'synsets' | 'verbs' | 'transformations' = 'synsets';
  let synset: { name: string; plurals: boolean } | null = null;
  let block: { name: string; code: string | null } | null = null;

  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const lineNo = i + 1;
      if (raw.startsWith('####### VERB PATTERNS')) section = 'verbs';
      else if (raw.startsWith('######## TRANSFORMATIONS')) section = 'transformations';
      if (raw.startsWith('#') || raw.trim() === '') return;
      const hash = raw.indexOf('#');
      const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
      const comment = hash >= 0 ? raw.slice(hash + 1).trim() : '';
      if (body === '') return;

      if (section === 'transformations') {
        if (body.startsWith('~')) dict.transformations += 1;
        return;
      }
      if (section === 'synsets') {
        if (body.startsWith('&')) {
          const name = body.split(/\s+/)[0] ?? body;
          synset = { name: name.replace(/_$/, ''), plurals: !name.endsWith('_') };
        } else if (body.startsWith('+') && synset) {
          const text = body.slice(1).trim();
          const phrase = normalizePhrase(text);
          const plural = synset.plurals && !text.endsWith('_') ? regularPlural(phrase) : '';
          const forms = plural ? [phrase, plural] : [phrase];
          dict.synsets.push({ synset: synset.name, phrase, forms });
        } else {
          problems.push({ file, line: lineNo, problem: `unexpected line in the synonym sets: ${body}` });
        }
        return;
      }
      const header = body.match(/^---\s+(\S+)\s+\[([^\]]*)\]/);
      if (header) {
        block = { name: normalizePhrase(header[1] ?? ''), code: readEventCode(header[2] ?? '').code };
        dict.blockCodes.set(block.name, block.code);
        return;
      }
      if (!block) {
        problems.push({ file, line: lineNo, problem: `line outside a verb block: ${body}` });
        return;
      }
      if (body.startsWith('-')) {
        const codeMatch = [...body.matchAll(/\[([^\]]*)\]/g)].pop();
        if (!codeMatch) {
          problems.push({ file, line: lineNo, problem: `pattern without a code: ${body}` });
          return;
        }
        const { code, reverse } = readEventCode(codeMatch[1] ?? '');
        const pattern = normalizePattern(body.slice(1, codeMatch.index).trim());
        dict.patterns.push({
          block: block.name,
          code,
          reverse,
          pattern,
          frames: frameOf(pattern),
          comment,
          commentWord: comment.split(/\s+/)[0] ?? '',
          line: lineNo,
        });
        return;
      }
      const verb = readVerbLine(body, block.name, block.code);
      if (verb) dict.verbs.push(verb);
    });
  return dict;
}
