// Issue 15: closed lists (relation classes, word lists) live in data files, loaded once, not repeated in code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanBody } from '../../src/ingest/clean.ts';
import { PAGE_FURNITURE } from '../../src/ingest/data.ts';
import { stateOfId } from '../../src/ingest/ids.ts';
import { RELATION_CLASSES, RELATIONS, relationsOfClass } from '../../src/ontology.ts';

const ontology = JSON.parse(readFileSync(new URL('../../schema/ontology/relations.json', import.meta.url), 'utf8')) as {
  relationClasses: Record<string, string>;
  relations: { name: string; classes: string[] }[];
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('relation classes', () => {
  it('are a field of the ontology file, each described and used', () => {
    expect(
      Object.keys(ontology.relationClasses)
        .filter((k) => !k.startsWith('$'))
        .sort(),
    ).toEqual([...RELATION_CLASSES].sort());
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
    const literal =
      /new Set(?:<RelationName>)?\(\[\s*'(?:ACCUSES|CONDEMNS|CHARGES|INVESTIGATES|DENIES|REJECTS|SUPPORTS|AGREES|MEETS|COOPERATES|AIDS|REQUESTS|THREATENS|PROTESTS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|CONCEDES|RETREATS)'/;
    const found = ['src', 'scripts'].flatMap(sources).filter((f) => literal.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('closed word lists', () => {
  const code = ['src', 'scripts']
    .flatMap(sources)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('every list of data/lexicon.json is read by the code (allyNouns was loaded and never read)', () => {
    const lexicon = JSON.parse(readFileSync(new URL('../../data/lexicon.json', import.meta.url), 'utf8')) as Record<
      string,
      unknown
    >;
    const keys = Object.keys(lexicon).filter((k) => !k.startsWith('$'));
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k) => !code.includes(`LEXICON.${k}`))).toEqual([]);
  });

  it('are not written inline as sets, arrays or word regexes in the extractor, the store, the API or the explorer', () => {
    // Three or more lower-case words in a Set or array literal, or in an anchored alternation /^(a|b|c)$/.
    const inline = [
      /new Set(?:<string>)?\(\[\s*(?:'[\p{Ll}’' -]+',\s*){2,}/u,
      /= \[\s*(?:'[\p{Ll}’' -]+',\s*){2,}/u,
      /\/\^\((?:\?:)?(?:\p{Ll}[\p{Ll}’']*\|){2,}\p{Ll}[\p{Ll}’']*\)\$\//u,
    ];
    // The English calendar (dates.ts) is no list a rule tunes; files.ts lists the input fields of an article.
    const exempt = new Set([join('src', 'ingest', 'dates.ts'), join('src', 'ingest', 'files.ts')]);
    const files = ['src/ingest', 'src/store', 'src/api', 'src/explorer'].flatMap(sources).filter((f) => !exempt.has(f));
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (inline.some((r) => r.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});

describe('page furniture', () => {
  it('is data: every end-of-article line compiles, and clean.ts names no credit or heading itself', () => {
    expect(PAGE_FURNITURE.endOfArticle.length).toBeGreaterThan(10);
    for (const line of PAGE_FURNITURE.endOfArticle) expect(() => new RegExp(line, 'i'), line).not.toThrow();
    const clean = readFileSync(join('src', 'ingest', 'clean.ts'), 'utf8');
    expect(['Xinhua', 'Bloomberg', 'Trending', 'Advertisement'].filter((w) => clean.includes(w))).toEqual([]);
    // "Related Stories" under an article ends it; the credit ends a caption, which is cut.
    const body = `${'China denied the accusations on Tuesday and said the claims were fabricated. '.repeat(2)}\nRelated Stories\nChina condemned Japan.`;
    expect(cleanBody(body, null).text).not.toContain('condemned');
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
    const copies = ['src', 'scripts']
      .flatMap(sources)
      .filter((f) => readFileSync(f, 'utf8').includes('official|agency|person'));
    expect(copies).toEqual([join('src', 'ingest', 'ids.ts')]);
  });
});
