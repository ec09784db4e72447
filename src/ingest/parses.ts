/**
 * Dependency parses of the sentences extraction reads, kept by sentence text.
 *
 * The extractor splits an article into sentences itself (wink-nlp, fast and offline), keeps the ones that
 * can hold an event (an actor candidate and a trigger or speech verb: see `candidateSentences`), and asks
 * the linguistic engine (CoreNLP) for the parse of those only. A parse is keyed by the SHA-256 of the
 * sentence's text, so the same sentence is never parsed twice: `ParseStore` holds them in memory and can
 * be saved to and loaded from a gzipped JSON file (recorded parses of the gold splits are unit-test input;
 * a cache directory keeps them across runs).
 *
 * Offsets inside a stored parse are relative to the start of its sentence, so a sentence quoted in two
 * articles shares one parse.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { NlpDocument } from '../nlp/types.ts';

/** One token of a parsed sentence. Offsets are relative to the start of the sentence text. */
export interface ParsedToken {
  start: number;
  end: number;
  lemma: string;
  /** Penn Treebank tag, as CoreNLP gives it: NN, NNP, VBD, JJ, … */
  pos: string;
  /** PERSON, ORGANIZATION, LOCATION, COUNTRY, NATIONALITY, TITLE, …; "O" for none. */
  ner: string;
}

/** One sentence as the engine split it: tokens (0-based) and enhanced++ edges (1-based, 0 = ROOT, as CoreNLP numbers them). */
export interface ParsedUnit {
  tokens: ParsedToken[];
  edges: { dep: string; governor: number; dependent: number }[];
}

/** The parse of one of our sentences: usually one engine sentence, sometimes two where the engine splits it. */
export type SentenceParse = ParsedUnit[];

/** The parse of a sentence's text, or undefined when it was not parsed (not a candidate, or no engine). */
export type ParseLookup = (sentenceText: string) => SentenceParse | undefined;

/** What the engine was asked: changing it makes recorded parses stale (the store refuses them). */
export const PARSE_FORMAT = 'corenlp-4.5.10/tokenize,ssplit,pos,lemma,ner,depparse/enhanced++/v1';

type StoredToken = [number, number, string, string, string];
type StoredEdge = [string, number, number];
type StoredUnit = [StoredToken[], StoredEdge[]];

export function parseKey(sentenceText: string): string {
  return createHash('sha256').update(sentenceText).digest('hex').slice(0, 32);
}

export class ParseStoreError extends Error {
  readonly code = 'PARSE_STORE_INVALID';
}

export class ParseStore {
  private readonly entries = new Map<string, StoredUnit[]>();
  private added = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Parses added since the store was made or last saved. */
  get unsaved(): number {
    return this.added;
  }

  has(sentenceText: string): boolean {
    return this.entries.has(parseKey(sentenceText));
  }

  get(sentenceText: string): SentenceParse | undefined {
    const stored = this.entries.get(parseKey(sentenceText));
    return stored ? stored.map(unpack) : undefined;
  }

  set(sentenceText: string, parse: SentenceParse): void {
    this.entries.set(parseKey(sentenceText), parse.map(pack));
    this.added += 1;
  }

  lookup: ParseLookup = (sentenceText) => this.get(sentenceText);

  /** Adds the parses of a file written by `save` (a missing file adds nothing). */
  load(path: string): this {
    if (!existsSync(path)) return this;
    let data: { format?: unknown; entries?: unknown };
    try {
      data = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as typeof data;
    } catch (err) {
      throw new ParseStoreError(`${path}: not a gzipped JSON parse store (${(err as Error).message})`);
    }
    if (data.format !== PARSE_FORMAT)
      throw new ParseStoreError(
        `${path}: parses made as ${String(data.format)}, this extractor reads ${PARSE_FORMAT}: record them again`,
      );
    if (!data.entries || typeof data.entries !== 'object') throw new ParseStoreError(`${path}: no entries`);
    for (const [k, v] of Object.entries(data.entries as Record<string, StoredUnit[]>)) this.entries.set(k, v);
    return this;
  }

  /** Writes the store (only the keys in `keep`, when given), sorted so that a re-recording diffs cleanly. */
  save(path: string, keep?: ReadonlySet<string>): number {
    const keys = [...this.entries.keys()].filter((k) => !keep || keep.has(k)).sort();
    const entries: Record<string, StoredUnit[]> = {};
    for (const k of keys) entries[k] = this.entries.get(k)!;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, gzipSync(JSON.stringify({ format: PARSE_FORMAT, entries }), { level: 9 }));
    renameSync(tmp, path);
    this.added = 0;
    return keys.length;
  }
}

function pack(u: ParsedUnit): StoredUnit {
  return [
    u.tokens.map((t) => [t.start, t.end, t.lemma, t.pos, t.ner]),
    u.edges.map((e) => [e.dep, e.governor, e.dependent]),
  ];
}

function unpack(u: StoredUnit): ParsedUnit {
  return {
    tokens: u[0].map(([start, end, lemma, pos, ner]) => ({ start, end, lemma, pos, ner })),
    edges: u[1].map(([dep, governor, dependent]) => ({ dep, governor, dependent })),
  };
}

/** What can annotate a text: the CoreNLP client (or anything with its `annotate`). */
export interface Annotator {
  annotate(text: string): Promise<NlpDocument>;
}

/** Largest batch of sentences sent in one request (characters): a few paragraphs, well under the client's split size. */
const BATCH_CHARS = 20_000;

/**
 * Parses the sentences the store lacks, a batch of them per request: sentences joined by line breaks (the
 * engine ends a sentence at each), line breaks inside a sentence turned into spaces (same offsets). Engine
 * sentences are given back to the sentence they fall in by their offsets.
 */
export async function parseMissing(
  sentences: readonly string[],
  engine: Annotator,
  store: ParseStore,
): Promise<number> {
  const todo = [...new Set(sentences.filter((s) => s.trim() !== '' && !store.has(s)))];
  let parsed = 0;
  for (let i = 0; i < todo.length;) {
    const batch: string[] = [];
    let chars = 0;
    while (i < todo.length && (batch.length === 0 || chars + todo[i]!.length < BATCH_CHARS)) {
      chars += todo[i]!.length + 1;
      batch.push(todo[i]!);
      i += 1;
    }
    const text = batch.map((s) => s.replace(/[\r\n\u2028\u2029]/g, ' ')).join('\n');
    const doc = await engine.annotate(text);
    const starts: number[] = [];
    let at = 0;
    for (const s of batch) {
      starts.push(at);
      at += s.length + 1;
    }
    const units: SentenceParse[] = batch.map(() => []);
    for (const s of doc.sentences) {
      const first = s.tokens[0];
      if (!first) continue;
      // The batch sentence this engine sentence starts in.
      let b = starts.length - 1;
      while (b > 0 && starts[b]! > first.start) b -= 1;
      const base = starts[b]!;
      units[b]!.push({
        tokens: s.tokens.map((t) => ({
          start: t.start - base,
          end: t.end - base,
          lemma: t.lemma,
          pos: t.pos,
          ner: t.ner,
        })),
        edges: s.edges.map((e) => ({ dep: e.dep, governor: e.governor, dependent: e.dependent })),
      });
    }
    batch.forEach((s, k) => store.set(s, units[k]!));
    parsed += batch.length;
  }
  return parsed;
}
