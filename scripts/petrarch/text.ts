/** Small text helpers of the PETRARCH2 converter: phrases, plurals, dates, deterministic sorting. */

/** A PETRARCH phrase (`HUNGARY_`, `NORTH_ATLANTIC_TREATY_ORGANIZATION_`) as lower-case words. */
export function normalizePhrase(raw: string): string {
  return raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Regular English plural of the last word of a phrase (police chief -> police chiefs); '' for
 * abbreviations (1st lt.) and phrases that already end in a plural (armed forces, agitated students).
 */
export function regularPlural(phrase: string): string {
  return /\.$|[^s]s$/.test(phrase) ? '' : pluralOf(phrase);
}

function pluralOf(phrase: string): string {
  if (/[^aeiou]y$/.test(phrase)) return `${phrase.slice(0, -1)}ies`;
  if (/(?:[sxz]|sh|ch)$/.test(phrase)) return `${phrase}es`;
  return `${phrase}s`;
}

/**
 * A PETRARCH date (YYMMDD or YYYYMMDD; YY <= 30 is 20YY, as in PETRreader.dstr_to_ordate) as
 * YYYY-MM-DD, or null when it is not a valid date.
 */
export function parsePetrarchDate(text: string): string | null {
  let year: number;
  let rest: string;
  if (/^\d{8}$/.test(text)) {
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    year = yy <= 30 ? 2000 + yy : 1900 + yy;
    rest = text.slice(2);
  } else {
    return null;
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** Code-point order of strings (independent of locale and ICU version, so output is reproducible). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts rows by `key` (default: nothing), then by their cells in order, and drops exact duplicates. */
export function sortRows(rows: string[][], key: (row: string[]) => string = () => ''): string[][] {
  const sorted = [...rows].sort((a, b) => {
    const k = compareText(key(a), key(b));
    if (k !== 0) return k;
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      const c = compareText(a[i] ?? '', b[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  });
  return sorted.filter((row, i) => i === 0 || row.join('\t') !== (sorted[i - 1] ?? []).join('\t'));
}
