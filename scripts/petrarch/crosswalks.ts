/**
 * CAMEO event code -> PLOVER root/mode (the official CAMEO2PLOVER-2021.txt crosswalk) and
 * -> project relation (schema/ontology/relations.json, `cameoCrosswalk`).
 */
import { readFileSync } from 'node:fs';
import { isRelationName } from '../../src/ontology.ts';
import type { RelationName } from '../../src/ontology.ts';

export interface PloverEvent {
  root: string;
  mode: string;
}

/**
 * Reads CAMEO2PLOVER-2021.txt: `0311: AGREE,  ,   economic # Express intent to cooperate economically`
 * (code: event, mode, context # description). Two-digit lines are cue-category headers.
 */
export function readPloverCrosswalk(path: string): (code: string) => PloverEvent | null {
  const exact = new Map<string, PloverEvent>();
  const headers = new Map<string, Set<string>>();
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = raw.replace(/#.*/, '').match(/^(\d{2,4}):(.*)$/);
    if (!m) continue;
    const code = m[1] ?? '';
    const [root = '', mode = ''] = (m[2] ?? '').split(',').map((s) => s.trim());
    if (root === '') continue;
    if (code.length === 2) headers.set(code, (headers.get(code) ?? new Set()).add(root));
    else exact.set(code, { root, mode });
  }
  return (code: string) => {
    for (let n = code.length; n >= 3; n -= 1) {
      const hit = exact.get(code.slice(0, n));
      if (hit) return hit;
    }
    const roots = headers.get(code.slice(0, 2));
    // "08" heads both CONCEDE and RETREAT: an ambiguous header gives nothing.
    if (roots && roots.size === 1) return { root: [...roots][0] ?? '', mode: '' };
    return null;
  };
}

export interface CrosswalkEntry {
  cameo: string;
  relation: RelationName | null;
  verbs?: string[];
  reason?: string;
  note?: string;
}

export interface RelationCrosswalk {
  entries: CrosswalkEntry[];
  /** The entry for a code and the verb(s) a pattern is about; undefined when nothing matches. */
  resolve(code: string, verbs: readonly string[]): CrosswalkEntry | undefined;
}

export function readRelationCrosswalk(path: string): RelationCrosswalk {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { cameoCrosswalk?: { entries?: CrosswalkEntry[] } };
  const entries = file.cameoCrosswalk?.entries;
  if (!entries || entries.length === 0) throw new Error(`${path}: no cameoCrosswalk.entries`);
  const seen = new Set<string>();
  for (const e of entries) {
    if (!/^\d{2,4}$/.test(e.cameo))
      throw new Error(`${path}: cameoCrosswalk: bad cameo prefix ${JSON.stringify(e.cameo)}`);
    if (e.relation !== null && !isRelationName(e.relation))
      throw new Error(`${path}: cameoCrosswalk: unknown relation ${e.relation}`);
    if (e.relation === null && !e.reason)
      throw new Error(`${path}: cameoCrosswalk: ${e.cameo} has no relation and no reason`);
    const key = `${e.cameo}/${(e.verbs ?? []).join(',')}`;
    if (seen.has(key)) throw new Error(`${path}: cameoCrosswalk: ${e.cameo} listed twice`);
    seen.add(key);
  }
  return {
    entries,
    resolve(code, verbs) {
      let best: CrosswalkEntry | undefined;
      for (const e of entries) {
        if (!code.startsWith(e.cameo)) continue;
        if (e.verbs && !verbs.some((v) => e.verbs?.includes(v))) continue;
        const longer = !best || e.cameo.length > best.cameo.length;
        const sameButSpecific = best && e.cameo.length === best.cameo.length && e.verbs && !best.verbs;
        if (longer || sameButSpecific) best = e;
      }
      return best;
    },
  };
}
