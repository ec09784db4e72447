/** Argument validation shared by the resolvers: every message names the argument it is about. */
import { BadUserInputError } from './errors.ts';
import { isIsoDay } from './scalars.ts';

export const MAX_PAGE = 100;

/** A page size 1…max (default when absent). */
export function pageSize(value: number | null | undefined, name = 'first', fallback = 20, max = MAX_PAGE): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new BadUserInputError(`${name} must be between 1 and ${max}`, { field: name });
  return n;
}

/** A whole number in [min, max]. */
export function intIn(
  value: number | null | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new BadUserInputError(`${name} must be between ${min} and ${max}`, { field: name });
  return n;
}

/** An optional YYYY-MM-DD day. */
export function optionalDay(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (!isIsoDay(value)) throw new BadUserInputError(`${name} must be a date YYYY-MM-DD`, { field: name });
  return value;
}

/** from/to, checked and ordered. */
export function dateRange(
  from: string | null | undefined,
  to: string | null | undefined,
  prefix = '',
): { from: string | null; to: string | null } {
  const f = optionalDay(from, `${prefix}from`);
  const t = optionalDay(to, `${prefix}to`);
  if (f && t && f > t)
    throw new BadUserInputError(`${prefix}from must not be after ${prefix}to`, { field: `${prefix}from` });
  return { from: f, to: t };
}

/** A non-empty trimmed string of at most max characters. */
export function requiredText(value: string, name: string, max = 300): string {
  const v = value.trim();
  if (v.length === 0) throw new BadUserInputError(`${name} must not be empty`, { field: name });
  if (v.length > max) throw new BadUserInputError(`${name} must be at most ${max} characters`, { field: name });
  return v;
}

/** An optional id-like string (actor, article or event id). */
export function optionalId(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined) return null;
  return requiredText(value, name, 500);
}

/** A list given as [] is treated as absent (no filter). */
export function optionalList<T>(value: readonly T[] | null | undefined): T[] | null {
  return value && value.length > 0 ? [...value] : null;
}

const CURSOR_PREFIX = 'o:';

/** Cursors are opaque offsets into the ordered result. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** The offset after the given cursor (0 without one). */
export function decodeAfter(after: string | null | undefined, name = 'after'): number {
  if (after === null || after === undefined) return 0;
  const raw = Buffer.from(after, 'base64url').toString('utf8');
  const n = Number(raw.slice(CURSOR_PREFIX.length));
  if (!raw.startsWith(CURSOR_PREFIX) || !Number.isInteger(n) || n < 0)
    throw new BadUserInputError(`${name} is not a cursor returned by this API`, { field: name });
  return n + 1;
}

/** Lucene special characters escaped, so user text is searched as words, never as query syntax. */
export function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

/** A full-text query from user input: each word escaped and required, the last one also as a prefix. */
export function buildFulltextQuery(search: string): string | null {
  const words = search
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  // Lower-cased so AND/OR/NOT are words, not operators (the index's analyzer lower-cases anyway).
  const escaped = words.map((w) => escapeLucene(w.toLowerCase()));
  // Exact words OR'd with a prefix on the last word: "Minist" finds "Ministry"; exact matches rank first.
  const all = escaped.join(' AND ');
  const last = escaped[escaped.length - 1]!;
  const prefix = /^[\p{L}\p{N}]+$/u.test(words[words.length - 1]!)
    ? ` OR (${[...escaped.slice(0, -1), `${last}*`].join(' AND ')})`
    : '';
  return `(${all})${prefix}`;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A Relay connection from rows fetched with LIMIT first+1 at SKIP offset. */
export function toConnection<T>(rows: T[], offset: number, first: number, totalCount: number | null): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    totalCount: totalCount ?? offset + rows.length,
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The filter fields that events and incidents share: who (source, target, either), which PLOVER roots, when. */
export interface ActorDateFilterInput {
  source?: string | null;
  target?: string | null;
  either?: string | null;
  plover?: string[] | null;
  from?: string | null;
  to?: string | null;
}

/** Checks the shared filter fields once, for every paginated list that filters by actors, roots and dates. */
export function actorDateFilter(f: ActorDateFilterInput): {
  source: string | null;
  target: string | null;
  either: string | null;
  plover: string[] | null;
  from: string | null;
  to: string | null;
} {
  return {
    source: optionalId(f.source, 'filter.source'),
    target: optionalId(f.target, 'filter.target'),
    either: optionalId(f.either, 'filter.either'),
    plover: optionalList(f.plover)?.map((p) => p.toUpperCase()) ?? null,
    ...dateRange(f.from, f.to, 'filter.'),
  };
}
