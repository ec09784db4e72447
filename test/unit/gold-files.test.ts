import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldFileError, goldFilesIn, loadGoldFile, textInputBody, validateGold } from '../../src/eval/gold.ts';
import { COUNTRIES } from '../../src/ingest/countries.ts';
import { ACTOR_KINDS, RELATION_NAMES } from '../../src/ontology.ts';

const GOLD_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../gold');
const idsIn = (dir: string): string[] => goldFilesIn(dir).map((p) => basename(p, '.json'));

// Each folder of gold files and the least number of articles it must hold.
const FOLDERS: [string, number][] = [
  ['dev', 22],
  ['heldout', 40],
  ['heldout/annotators/a', 40],
  ['heldout/annotators/b', 40],
];

describe.each(FOLDERS)('gold files of test/gold/%s', (folder, least) => {
  const dir = join(GOLD_DIR, folder);
  const files = goldFilesIn(dir);

  it(`there are at least ${least} of them, with distinct ids matching their file names`, () => {
    expect(files.length).toBeGreaterThanOrEqual(least);
    const ids = files.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(files.map((f) => basename(f, '.json')));
  });

  describe.each(files.map((f) => basename(f)))('%s', (file) => {
    const path = join(dir, file);
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & {
      input: string;
      format?: 'text' | 'html';
    };
    const inputPath = join(dir, data.input);

    it('references an existing input file', () => {
      expect(existsSync(inputPath)).toBe(true);
    });

    it('is valid: known actor keys, ontology relations and kinds, evidence found in the article', () => {
      const { gold } = loadGoldFile(path);
      for (const a of gold.actors) expect(ACTOR_KINDS).toContain(a.kind);
      for (const e of gold.events) expect(RELATION_NAMES).toContain(e.relation);
      expect(gold.events.filter((e) => !e.optional).length).toBeGreaterThan(0);
    });

    if (/^(?:\.\.\/\.\.\/)?articles\/.*\.txt$/.test(data.input)) {
      it('has the URL / OUTLET / PUBLISHED header block matching the annotation', () => {
        const content = readFileSync(inputPath, 'utf8');
        expect(textInputBody(content)).not.toBe(content);
        expect(content).toMatch(/^URL: \S+\nOUTLET: .+\nPUBLISHED: \d{4}-\d{2}-\d{2}\n/);
        expect(content).toContain(`PUBLISHED: ${String(data.publishedAt)}\n`);
        expect(content).toContain(`URL: ${String(data.url)}\n`);
      });
    }
  });
});

describe('country codes of the adjudicated gold', () => {
  // The extractor's codes come from world-countries: a gold code outside it could never be matched.
  const known = new Set(COUNTRIES.map((c) => c.cca3));
  it.each(['dev', 'heldout'])('test/gold/%s uses world-countries codes only', (folder) => {
    const files = goldFilesIn(join(GOLD_DIR, folder));
    expect(files.length).toBeGreaterThan(0);
    const unknown = files.flatMap((f) =>
      loadGoldFile(f)
        .gold.actors.filter((a) => a.country && !known.has(a.country))
        .map((a) => `${basename(f)}: ${a.key} ${a.country}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('the held-out split', () => {
  const heldout = idsIn(join(GOLD_DIR, 'heldout'));

  it('every article was annotated independently by both annotators before adjudication', () => {
    expect(heldout.length).toBeGreaterThan(0);
    expect(idsIn(join(GOLD_DIR, 'heldout/annotators/a'))).toEqual(heldout);
    expect(idsIn(join(GOLD_DIR, 'heldout/annotators/b'))).toEqual(heldout);
  });

  it('shares no article (id, URL or text) with the dev split', () => {
    const read = (folder: string) => goldFilesIn(join(GOLD_DIR, folder)).map((p) => loadGoldFile(p));
    const dev = read('dev');
    const held = read('heldout');
    expect(held.length).toBeGreaterThan(0);
    const devUrls = new Set(dev.map((d) => d.gold.url).filter(Boolean));
    const devBodies = new Set(dev.map((d) => textInputBody(d.content).slice(0, 300)));
    for (const h of held) {
      expect(devUrls.has(h.gold.url), h.gold.id).toBe(false);
      expect(devBodies.has(textInputBody(h.content).slice(0, 300)), h.gold.id).toBe(false);
    }
    expect(heldout.filter((id) => dev.some((d) => d.gold.id === id))).toEqual([]);
  });
});

describe('validateGold', () => {
  const base = {
    id: 'x',
    input: 'articles/x.txt',
    actors: [
      { key: 'usa', name: 'United States', kind: 'COUNTRY', country: 'USA' },
      { key: 'chn', name: 'China', kind: 'COUNTRY', country: 'CHN' },
    ],
    events: [{ source: 'usa', relation: 'ACCUSES', target: 'chn', evidence: 'The US accused China.' }],
  };

  it('accepts a well-formed file', () => {
    expect(validateGold(base, 'x.json', 'Intro. The US accused China. End.').events).toHaveLength(1);
  });

  it('reports unknown keys, relations, kinds and missing evidence together', () => {
    const bad = {
      ...base,
      actors: [...base.actors, { key: 'nato', name: 'NATO', kind: 'BLOC' }],
      events: [{ source: 'usa', relation: 'SCOLDS', target: 'rus', evidence: 'not there' }],
    };
    let err: unknown;
    try {
      validateGold(bad, 'x.json', 'The US accused China.');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GoldFileError);
    const problems = (err as GoldFileError).problems.join('\n');
    expect(problems).toMatch(/kind "BLOC"/);
    expect(problems).toMatch(/relation "SCOLDS"/);
    expect(problems).toMatch(/target "rus" is not an actor key/);
    expect(problems).toMatch(/evidence is not a substring/);
  });

  it('requires an ISO3 code on countries', () => {
    expect(() =>
      validateGold({ ...base, actors: [{ key: 'usa', name: 'US', kind: 'COUNTRY' }, base.actors[1]] }, 'x.json'),
    ).toThrow(/ISO3/);
  });
});
