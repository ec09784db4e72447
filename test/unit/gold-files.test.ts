import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidenceHaystack, GoldFileError, textInputBody, validateGold } from '../../src/eval/gold.ts';
import { ACTOR_KINDS, RELATION_NAMES } from '../../src/ontology.ts';

const GOLD_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../gold');
const files = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).sort();

describe('gold files', () => {
  it('there are at least 22 of them, with distinct ids matching their file names', () => {
    expect(files.length).toBeGreaterThanOrEqual(22);
    const ids = files.map((f) => (JSON.parse(readFileSync(join(GOLD_DIR, f), 'utf8')) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(files.map((f) => f.replace(/\.json$/, '')));
  });

  describe.each(files)('%s', (file) => {
    const data = JSON.parse(readFileSync(join(GOLD_DIR, file), 'utf8')) as Record<string, unknown> & { input: string; format?: 'text' | 'html' };
    const inputPath = join(GOLD_DIR, data.input);

    it('references an existing input file', () => {
      expect(existsSync(inputPath)).toBe(true);
    });

    it('is valid: known actor keys, ontology relations and kinds, evidence found in the article', () => {
      const content = readFileSync(inputPath, 'utf8');
      const gold = validateGold(data, file, evidenceHaystack(data, content));
      for (const a of gold.actors) expect(ACTOR_KINDS).toContain(a.kind);
      for (const e of gold.events) expect(RELATION_NAMES).toContain(e.relation);
      expect(gold.events.filter((e) => !e.optional).length).toBeGreaterThan(0);
    });

    if (data.input.endsWith('.txt') && data.input.startsWith('articles/')) {
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
    expect(() => validateGold({ ...base, actors: [{ key: 'usa', name: 'US', kind: 'COUNTRY' }, base.actors[1]] }, 'x.json')).toThrow(/ISO3/);
  });
});
