/**
 * The NGEC synthetic stories (../shared/data/ngec-synthetic-stories.jsonl: invented stories, each with one
 * document-level PLOVER label): a coarse recall check across many topics. For each label, the share of
 * stories in which the extractor finds an event of that PLOVER root, and the share with no event at all.
 * The stories and labels are synthetic: this measures recall and nothing else (no actors, no precision).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { relationInfo } from '../ontology.ts';
import type { ArticleInput, ExtractionResult } from '../ingest/types.ts';

export interface SyntheticStory {
  id: string;
  title: string;
  outlet: string;
  text: string;
  label: string;
}

export function syntheticPath(cwd = process.cwd()): string {
  return process.env.SYNTHETIC_JSONL ?? resolve(cwd, '../shared/data/ngec-synthetic-stories.jsonl');
}

export function syntheticAvailable(path = syntheticPath()): boolean {
  return existsSync(path);
}

/** The stories of the file; a line that is not a story with id, text and label is an error naming the line. */
export function readSynthetic(path = syntheticPath()): SyntheticStory[] {
  const out: SyntheticStory[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const o = JSON.parse(line) as Partial<SyntheticStory>;
      if (typeof o.id !== 'string' || typeof o.text !== 'string' || typeof o.label !== 'string')
        throw new Error(`${path}:${i + 1}: not a story with id, text and label`);
      out.push({ id: o.id, title: o.title ?? '', outlet: o.outlet ?? '', text: o.text, label: o.label });
    });
  return out;
}

export interface RootRecall {
  root: string;
  stories: number;
  /** Stories in which an event of this root was found. */
  found: number;
  /** Stories with no event at all. */
  empty: number;
  /** Stories whose extraction threw (they count as empty). */
  failed: number;
  recall: number;
  emptyShare: number;
}

export interface SyntheticScore {
  stories: number;
  roots: RootRecall[];
  /** Share of all stories whose labelled root was found. */
  recall: number;
  emptyShare: number;
  /** The lowest per-root recall. */
  minRecall: number;
}

/** The PLOVER roots of the events an extraction claims (negated and hypothetical ones are no event). */
export function rootsFound(result: ExtractionResult): Set<string> {
  return new Set(
    result.events.filter((e) => !e.negated && !e.hypothetical).map((e) => relationInfo(e.relation).plover),
  );
}

export function scoreSynthetic(
  stories: readonly SyntheticStory[],
  extract: (input: ArticleInput) => ExtractionResult,
): SyntheticScore {
  const byRoot = new Map<string, RootRecall>();
  for (const s of stories) {
    const r = byRoot.get(s.label) ?? {
      root: s.label,
      stories: 0,
      found: 0,
      empty: 0,
      failed: 0,
      recall: 0,
      emptyShare: 0,
    };
    byRoot.set(s.label, r);
    r.stories += 1;
    let roots: Set<string>;
    try {
      roots = rootsFound(extract({ id: s.id, title: s.title, outlet: s.outlet, text: s.text }));
    } catch {
      r.failed += 1;
      roots = new Set();
    }
    if (roots.has(s.label)) r.found += 1;
    if (roots.size === 0) r.empty += 1;
  }
  const roots = [...byRoot.values()].sort((a, b) => a.root.localeCompare(b.root));
  for (const r of roots) {
    r.recall = r.found / r.stories;
    r.emptyShare = r.empty / r.stories;
  }
  const n = stories.length;
  return {
    stories: n,
    roots,
    recall: n ? roots.reduce((a, r) => a + r.found, 0) / n : 0,
    emptyShare: n ? roots.reduce((a, r) => a + r.empty, 0) / n : 0,
    minRecall: roots.length ? Math.min(...roots.map((r) => r.recall)) : 0,
  };
}
