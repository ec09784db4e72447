/**
 * The gold annotation files of test/gold/: their shape, and a validator that says exactly what is wrong
 * with a file (unknown actor key, relation outside the ontology, evidence not found in the article …).
 * Format and procedure: test/gold/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { ACTOR_KINDS, isActorKind, isRelationName } from '../ontology.ts';
import type { ActorKind, RelationName } from '../ontology.ts';

export interface GoldActor {
  /** Local key used by the events of this file, e.g. "usa", "blinken". */
  key: string;
  name: string;
  kind: ActorKind;
  /** ISO 3166-1 alpha-3; required for COUNTRY, and for OFFICIAL/AGENCY when the text makes it clear. */
  country?: string | null;
  title?: string | null;
  aliases?: string[];
  /** An actor a careful reader could list or not (mentioned only in passing): counts neither way. */
  optional?: boolean;
}

export interface GoldEvent {
  source: string;
  relation: RelationName;
  target: string;
  /** YYYY-MM-DD */
  date?: string | null;
  /** Exact substring of the article text: the sentence (or clause) the event comes from. */
  evidence: string;
  /** A triple a careful reader could defend either way: counts neither for nor against. */
  optional?: boolean;
  note?: string;
}

export interface GoldArticle {
  id: string;
  /** Path of the input file, relative to the gold file's directory. */
  input: string;
  format?: 'text' | 'html';
  url?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
  title?: string | null;
  license?: string;
  notes?: string;
  actors: GoldActor[];
  events: GoldEvent[];
}

export class GoldFileError extends Error {
  override name = 'GoldFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  }
}

const ISO3 = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(o: Record<string, unknown>, field: string, where: string, problems: string[]): void {
  const v = o[field];
  if (v !== undefined && v !== null && typeof v !== 'string') problems.push(`${where}: ${field} must be a string`);
}

/**
 * Checks the structure of a parsed gold file and returns it typed; throws GoldFileError listing every
 * problem found. `articleText` (when given) is the text the evidence strings must occur in.
 */
export function validateGold(data: unknown, file: string, articleText?: string): GoldArticle {
  const problems: string[] = [];
  if (!isObject(data)) throw new GoldFileError(file, ['not a JSON object']);
  for (const f of ['id', 'input'] as const) {
    if (typeof data[f] !== 'string' || data[f] === '') problems.push(`${f} must be a non-empty string`);
  }
  for (const f of ['url', 'outlet', 'title', 'license', 'notes'] as const) optionalString(data, f, 'article', problems);
  if (data.format !== undefined && data.format !== 'text' && data.format !== 'html')
    problems.push('format must be "text" or "html"');
  if (
    data.publishedAt !== undefined &&
    data.publishedAt !== null &&
    (typeof data.publishedAt !== 'string' || !DATE.test(data.publishedAt))
  ) {
    problems.push('publishedAt must be YYYY-MM-DD');
  }

  const keys = new Set<string>();
  if (!Array.isArray(data.actors)) problems.push('actors must be an array');
  else {
    data.actors.forEach((a: unknown, i: number) => {
      const where = `actors[${i}]`;
      if (!isObject(a)) return problems.push(`${where}: not an object`);
      if (typeof a.key !== 'string' || a.key === '') problems.push(`${where}: key must be a non-empty string`);
      else if (keys.has(a.key)) problems.push(`${where}: duplicate key ${a.key}`);
      else keys.add(a.key);
      if (typeof a.name !== 'string' || a.name === '') problems.push(`${where}: name must be a non-empty string`);
      if (typeof a.kind !== 'string' || !isActorKind(a.kind))
        problems.push(`${where}: kind ${JSON.stringify(a.kind)} is not one of ${ACTOR_KINDS.join(', ')}`);
      if (a.country !== undefined && a.country !== null && (typeof a.country !== 'string' || !ISO3.test(a.country))) {
        problems.push(`${where}: country ${JSON.stringify(a.country)} is not an ISO 3166-1 alpha-3 code`);
      }
      if (a.kind === 'COUNTRY' && (typeof a.country !== 'string' || !ISO3.test(a.country)))
        problems.push(`${where}: a COUNTRY needs its ISO3 country code`);
      optionalString(a, 'title', where, problems);
      if (
        a.aliases !== undefined &&
        (!Array.isArray(a.aliases) || a.aliases.some((x) => typeof x !== 'string' || x === ''))
      ) {
        problems.push(`${where}: aliases must be an array of non-empty strings`);
      }
      if (a.optional !== undefined && typeof a.optional !== 'boolean')
        problems.push(`${where}: optional must be a boolean`);
      return undefined;
    });
  }

  const seen = new Set<string>();
  if (!Array.isArray(data.events)) problems.push('events must be an array');
  else {
    data.events.forEach((e: unknown, i: number) => {
      const where = `events[${i}]`;
      if (!isObject(e)) return problems.push(`${where}: not an object`);
      for (const f of ['source', 'target'] as const) {
        if (typeof e[f] !== 'string' || !keys.has(e[f]))
          problems.push(`${where}: ${f} ${JSON.stringify(e[f])} is not an actor key of this file`);
      }
      if (typeof e.relation !== 'string' || !isRelationName(e.relation))
        problems.push(`${where}: relation ${JSON.stringify(e.relation)} is not in the ontology`);
      if (e.date !== undefined && e.date !== null && (typeof e.date !== 'string' || !DATE.test(e.date)))
        problems.push(`${where}: date must be YYYY-MM-DD`);
      if (typeof e.evidence !== 'string' || e.evidence.trim() === '')
        problems.push(`${where}: evidence must be a non-empty string`);
      else if (articleText !== undefined && !articleText.includes(e.evidence))
        problems.push(
          `${where}: evidence is not a substring of the article text: ${JSON.stringify(e.evidence.slice(0, 80))}`,
        );
      if (e.optional !== undefined && typeof e.optional !== 'boolean')
        problems.push(`${where}: optional must be a boolean`);
      optionalString(e, 'note', where, problems);
      const triple = `${String(e.source)} ${String(e.relation)} ${String(e.target)} ${String(e.evidence)}`;
      if (seen.has(triple)) problems.push(`${where}: duplicate of an earlier event (same triple and evidence)`);
      seen.add(triple);
      return undefined;
    });
  }

  if (problems.length > 0) throw new GoldFileError(file, problems);
  return data as unknown as GoldArticle;
}

/** The body of a text input: everything after the `---` line that ends the header block (the whole file when there is none). */
export function textInputBody(content: string): string {
  const m = /^(?:[A-Z][A-Z_]*:[^\n]*\n)+---\n/.exec(content);
  return m ? content.slice(m[0].length) : content;
}

/** Visible text of an HTML input, whitespace collapsed: what evidence strings of an HTML gold file are checked against. */
export function htmlInputText(html: string): string {
  const { document } = parseHTML(html);
  document.querySelectorAll('script, style').forEach((el) => el.remove());
  return collapseWhitespace(document.body?.textContent ?? document.documentElement?.textContent ?? '');
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The text evidence strings must be found in, for an input file's content. */
export function evidenceHaystack(gold: Pick<GoldArticle, 'format' | 'input'>, content: string): string {
  return inputFormat(gold) === 'html' ? htmlInputText(content) : textInputBody(content);
}

export function inputFormat(gold: Pick<GoldArticle, 'format' | 'input'>): 'text' | 'html' {
  return gold.format ?? (/\.html?$/i.test(gold.input) ? 'html' : 'text');
}

/** A validated gold file with the text its evidence was checked against. */
export interface LoadedGoldFile {
  gold: GoldArticle;
  /** The input file's content, exactly as the extractor gets it. */
  content: string;
}

/** Reads and validates one gold file; throws GoldFileError naming every problem (JSON, input file, fields, evidence). */
export function loadGoldFile(path: string): LoadedGoldFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new GoldFileError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  const inputRef = (data as { input?: unknown }).input;
  if (typeof inputRef !== 'string') throw new GoldFileError(path, ['input must be a string']);
  let content: string;
  try {
    content = readFileSync(join(dirname(path), inputRef), 'utf8');
  } catch {
    throw new GoldFileError(path, [`input file ${inputRef} cannot be read`]);
  }
  const gold = validateGold(data, path, evidenceHaystack(data as Pick<GoldArticle, 'format' | 'input'>, content));
  const expectedId = basename(path).replace(/\.json$/, '');
  if (gold.id !== expectedId)
    throw new GoldFileError(path, [`id ${gold.id} does not match the file name (${expectedId})`]);
  return { gold, content };
}

/** The gold files (`*.json`) of one split folder, sorted by name. */
export function goldFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}
