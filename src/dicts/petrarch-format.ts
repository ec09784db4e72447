/**
 * The file format of data/petrarch/: file names, TSV columns and how multi-valued cells are spelt.
 * Shared by the converter (scripts/convert-petrarch.ts), which writes it, and the loader
 * (src/dicts/petrarch.ts), which reads it, so the two cannot drift apart.
 *
 * Every file is UTF-8 TSV with one header row; empty cell = no value; dates are YYYY-MM-DD and
 * inclusive; names and phrases are lower case with PETRARCH's underscores turned into spaces.
 */

export const PETRARCH_FILES = {
  countries: 'countries.tsv',
  actors: 'actors.tsv',
  officeHolders: 'office-holders.tsv',
  agents: 'agents.tsv',
  verbs: 'verbs.tsv',
  verbPatterns: 'verb-patterns.tsv',
  synsets: 'synsets.tsv',
  unmapped: 'unmapped.txt',
  license: 'LICENSE',
} as const;

export const PETRARCH_COLUMNS = {
  /** One row per (name form, code): `form` is name | adjective | capital | alias. */
  countries: ['name', 'form', 'iso3', 'cameo', 'start', 'end'],
  /** Organisations, agencies, IGOs and armed groups: one row per (entry, code). */
  actors: ['name', 'aliases', 'kind', 'country', 'sector', 'cameo', 'start', 'end'],
  /** Office holders (people and offices): one row per (entry, code), dated when the code is. */
  officeHolders: ['name', 'aliases', 'kind', 'country', 'sector', 'role', 'cameo', 'start', 'end'],
  /** Agent nouns ("police", "foreign ministers"): every surface form with its sector. */
  agents: ['noun', 'lemma', 'sector', 'cameo', 'source'],
  /** Verbs of the CAMEO verb dictionary with the code they carry alone (without a pattern). */
  verbs: ['lemma', 'head', 'block', 'cameo', 'relation', 'plover', 'mode', 'forms'],
  /** Verb patterns, sorted by CAMEO code. */
  verbPatterns: [
    'cameo',
    'reverse',
    'relation',
    'reverseRelation',
    'plover',
    'mode',
    'block',
    'verb',
    'pattern',
    'frame',
    'comment',
  ],
  /** Noun synonym sets (&CURRENCY, &MILITARY) that patterns refer to. */
  synsets: ['synset', 'phrase', 'forms'],
} as const;

export type PetrarchTable = keyof typeof PETRARCH_COLUMNS;

/** Separator of multi-valued cells (aliases, forms). */
export const LIST_SEPARATOR = '|';
/** Separator of prepositional-frame entries in verb-patterns.tsv. */
export const FRAME_SEPARATOR = ';';

/** The slot a preposition marks in a verb pattern. */
export type FrameSlot = 'source' | 'target' | 'other' | 'object';

/**
 * One prepositional phrase of a pattern: `accuse * (of torture)` gives { prep: 'of', slot: 'object',
 * nouns: 'torture' }; `* attack on +` gives { prep: 'on', slot: 'target' }. A bare preposition
 * (`rush * (to)`) marks the target: PETRARCH2 takes the actor from its object. Alternatives are
 * spelt `by/with`.
 */
export interface PrepFrame {
  prep: string;
  slot: FrameSlot;
  nouns: string | null;
}

/** `of:object=torture;by:source` from frames; the inverse of parseFrame. */
export function formatFrame(frames: readonly PrepFrame[]): string {
  return frames.map((f) => `${f.prep}:${f.slot}${f.nouns ? `=${f.nouns}` : ''}`).join(FRAME_SEPARATOR);
}

/** Frames from their cell text (`of:object=torture;by:source`). */
export function parseFrame(cell: string): PrepFrame[] {
  if (cell === '') return [];
  return cell.split(FRAME_SEPARATOR).map((part) => {
    const colon = part.indexOf(':');
    const eq = part.indexOf('=', colon);
    const slot = (eq < 0 ? part.slice(colon + 1) : part.slice(colon + 1, eq)) as FrameSlot;
    return { prep: part.slice(0, colon), slot, nouns: eq < 0 ? null : part.slice(eq + 1) };
  });
}

/** A TSV document: header row then rows, `\n` line ends, trailing newline. */
export function formatTsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [columns.join('\t')];
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`tsv: ${row.length} cells for ${columns.length} columns`);
    for (const cell of row) {
      if (/[\t\n\r]/.test(cell)) throw new Error(`tsv: cell ${JSON.stringify(cell)} holds a tab or line break`);
    }
    lines.push(row.join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** Rows of a TSV document as records; throws when the header is not the expected one. */
export function parseTsv<C extends readonly string[]>(
  text: string,
  columns: C,
  what: string,
): Record<C[number], string>[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines.shift() ?? '';
  if (header !== columns.join('\t')) {
    throw new Error(`${what}: header ${JSON.stringify(header)} is not ${JSON.stringify(columns.join('\t'))}`);
  }
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== columns.length)
      throw new Error(`${what}:${i + 2}: ${cells.length} cells, expected ${columns.length}`);
    const row = {} as Record<C[number], string>;
    columns.forEach((c: C[number], k) => {
      row[c] = cells[k] ?? '';
    });
    return row;
  });
}
