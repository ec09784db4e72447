// Issue 15: closed lists (relation classes, word lists) live in data files, loaded once, not repeated in code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateOfId } from '../../src/ingest/ids.ts';
import { RELATION_CLASSES, RELATIONS, relationsOfClass } from '../../src/ontology.ts';

const ontology = JSON.parse(readFileSync(new URL('../../schema/ontology/relations.json', import.meta.url), 'utf8')) as { relationClasses: Record<string, string>; relations: { name: string; classes: string[] }[] };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

describe('relation classes', () => {
  it('are a field of the ontology file, each described and used', () => {
    expect(Object.keys(ontology.relationClasses).filter((k) => !k.startsWith('$')).sort()).toEqual([...RELATION_CLASSES].sort());
    for (const cls of RELATION_CLASSES) {
      const listed = ontology.relations.filter((r) => r.classes.includes(cls)).map((r) => r.name);
      expect(listed.length, cls).toBeGreaterThan(0);
      expect([...relationsOfClass(cls)].sort(), cls).toEqual(listed.sort());
    }
    expect([...RELATIONS.values()].every((r) => Array.isArray(r.classes))).toBe(true);
    // "Japan and India met": both act on each other; "Japan and India condemned China" is no act between them.
    expect(relationsOfClass('reciprocal').has('MEETS')).toBe(true);
    expect(relationsOfClass('reciprocal').has('CONDEMNS')).toBe(false);
  });

  it('are written nowhere in the code as a literal set of relation names', () => {
    const literal = /new Set(?:<RelationName>)?\(\[\s*'(?:ACCUSES|CONDEMNS|CHARGES|INVESTIGATES|DENIES|REJECTS|SUPPORTS|AGREES|MEETS|COOPERATES|AIDS|REQUESTS|THREATENS|PROTESTS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|CONCEDES|RETREATS)'/;
    const found = ['src', 'scripts'].flatMap(sources).filter((f) => literal.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('the state of an actor id', () => {
  it('is read by one function, for the extractor and the diagnostics', () => {
    expect(stateOfId('country:JOR')).toBe('JOR');
    expect(stateOfId('official:jor:abdullah-ii')).toBe('JOR');
    expect(stateOfId('official:xxx:someone')).toBeNull();
    expect(stateOfId('alliance:nato')).toBeNull();
    // A company does not speak for its state; the diagnostics compare it with a gold country all the same.
    expect(stateOfId('org:chn:huawei')).toBeNull();
    expect(stateOfId('org:chn:huawei', true)).toBe('CHN');
    const copies = ['src', 'scripts'].flatMap(sources).filter((f) => readFileSync(f, 'utf8').includes('official|agency|person'));
    expect(copies).toEqual([join('src', 'ingest', 'ids.ts')]);
  });
});
