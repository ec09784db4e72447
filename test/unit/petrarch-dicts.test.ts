import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertPetrarch, defaultOptions } from '../../scripts/convert-petrarch.ts';
import { readRelationCrosswalk } from '../../scripts/petrarch/crosswalks.ts';
import { PETRARCH_COLUMNS, PETRARCH_FILES, parseTsv } from '../../src/dicts/petrarch-format.ts';
import { PETRARCH_DATA_DIR, loadPetrarchDicts } from '../../src/dicts/petrarch.ts';
import { RELATIONS } from '../../src/ontology.ts';

const dicts = loadPetrarchDicts();
const relationsFile = defaultOptions().relationsFile;

describe('PETRARCH2 actors (data/petrarch)', () => {
  it('reads a capital and an adjective as the country', () => {
    expect(dicts.countryForms('Budapest')).toEqual([expect.objectContaining({ form: 'capital', iso3: 'HUN' })]);
    expect(dicts.countryForms('Hungarian')).toEqual([expect.objectContaining({ form: 'adjective', iso3: 'HUN' })]);
    expect(dicts.countryOf('HUNGARY')).toBe('HUN');
  });

  it('maps CAMEO country codes of its own to ISO3, by date where the file dates them', () => {
    expect(dicts.countryOf('Kosovo', '2020-01-01')).toBe('UNK'); // KSV; world-countries' code for Kosovo
    expect(dicts.countryOf('Dili')).toBe('TLS'); // TMP, East Timor
    expect(dicts.countryOf('Soviet Union')).toBe('SUN');
    expect(dicts.countryForms('Kosovo', '2020-01-01').map((f) => f.cameo)).toEqual(['KSV']);
    expect(dicts.countryForms('Kosovo', '2000-01-01').map((f) => f.cameo)).toEqual(['KSVUNO']);
  });

  it('picks an office holder by the date inside the range and rejects a date outside it', () => {
    // ADAM_FICSOR_ [HUNGOV 090501-100630]
    expect(dicts.officeHolders('Adam Ficsor', '2010-01-01')).toEqual([
      expect.objectContaining({
        kind: 'OFFICIAL',
        country: 'HUN',
        sector: 'government',
        role: 'GOV',
        start: '2009-05-01',
        end: '2010-06-30',
      }),
    ]);
    expect(dicts.officeHolders('Adam Ficsor', '2010-07-01')).toEqual([]);
    // MATYAS_SZUROS_ [HUNELI 510101-891023] [HUNGOV 891023-900502] [HUNELI]: outside the ranges the default applies.
    expect(dicts.officeHolders('Matyas Szuros', '1990-01-01').map((h) => h.cameo)).toEqual(['HUNGOV']);
    expect(dicts.officeHolders('Matyas Szuros', '2000-01-01').map((h) => h.cameo)).toEqual(['HUNELI']);
    expect(dicts.officeHolders('Matyas Szuros')).toHaveLength(3);
  });

  it('finds office holders by any of their names, accents ignored', () => {
    expect(dicts.officeHolders('Viktor Orbán', '2000-01-01')).toEqual([
      expect.objectContaining({ cameo: 'HUNGOV', country: 'HUN' }),
    ]);
    expect(dicts.officeHolders('Ban Ki-moon', '2012-01-01')).toEqual([
      expect.objectContaining({ kind: 'OFFICIAL', country: null, sector: 'igo', cameo: 'IGOUNO' }),
    ]);
  });

  it('types IGOs as ALLIANCE and companies as ORGANIZATION', () => {
    for (const name of ['NATO', 'North Atlantic Treaty Organization']) {
      expect(dicts.actors(name)).toEqual([
        expect.objectContaining({ kind: 'ALLIANCE', cameo: 'IGOWSTNAT', sector: 'igo' }),
      ]);
    }
    expect(dicts.actors('Daewoo')).toEqual([
      expect.objectContaining({ kind: 'ORGANIZATION', country: 'KOR', sector: 'business' }),
    ]);
  });

  it('types non-state armed groups as GROUP with their country when they have one', () => {
    expect(dicts.actors('Hezbollah')).toEqual([
      expect.objectContaining({ kind: 'GROUP', country: 'LBN', sector: 'rebels' }),
    ]);
    expect(dicts.actors('Unita')).toEqual([expect.objectContaining({ kind: 'GROUP', country: 'AGO' })]); // ANGREB, a typo
  });

  it('reads agent nouns with their sector, plurals included', () => {
    expect(dicts.agentSector('police')).toBe('police');
    expect(dicts.agentSector('policemen')).toBe('police');
    expect(dicts.agentSector('troops')).toBe('military');
    expect(dicts.agentSector('foreign ministers')).toBe('government');
    expect(dicts.agentSector('doctor')).toBe('health'); // ~HLH in Phoenix, ~MED (medical) in PLOVER_agents
    expect(dicts.agentSector('no such noun')).toBeNull();
  });
});

describe('PETRARCH2 verbs (data/petrarch)', () => {
  it('keeps prepositional frames of patterns with their code, relation and PLOVER event', () => {
    const torture = dicts.verbPatterns('1122').find((p) => p.pattern === '* (of torture)');
    expect(torture).toMatchObject({
      relation: 'ACCUSES',
      plover: 'ACCUSE',
      mode: 'allege',
      block: 'blame',
      verb: 'accuse',
      frame: [{ prep: 'of', slot: 'object', nouns: 'torture' }],
    });
    expect(torture?.verbs).toEqual(expect.arrayContaining(['accuse', 'blame', 'condemn']));
    const attackOn = dicts.verbPatterns('112').find((p) => p.pattern === '* attack on +');
    expect(attackOn).toMatchObject({
      relation: 'ACCUSES',
      verb: 'blame',
      frame: [{ prep: 'on', slot: 'target', nouns: null }],
    });
    expect(dicts.verbPatterns('112', { prefix: true }).length).toBeGreaterThan(dicts.verbPatterns('112').length);
  });

  it('reads paired codes source->target and target->source', () => {
    const visit = dicts.patternsForVerb('rush').find((p) => p.pattern === '* (to)');
    expect(visit).toMatchObject({ cameo: '042', reverse: '043', relation: 'MEETS', reverseRelation: 'MEETS' });
    expect(visit?.frame).toEqual([{ prep: 'to', slot: 'target', nouns: null }]);
  });

  it('finds verbs by inflected form, and splits CAMEO 173 into arrests and charges', () => {
    expect(dicts.verbs('accused')).toEqual([
      expect.objectContaining({ lemma: 'accuse', cameo: '112', relation: 'ACCUSES' }),
    ]);
    expect(dicts.verbs('met with')).toEqual([
      expect.objectContaining({ lemma: 'meet with', head: 'meet', relation: 'MEETS' }),
    ]);
    expect(dicts.verbs('arrested')[0]).toMatchObject({ cameo: '173', relation: 'COERCES' });
    expect(dicts.verbs('indicted')[0]).toMatchObject({ cameo: '173', relation: 'CHARGES' });
  });

  it('maps every CAMEO code of the verb dictionary to one relation or to a deliberate "none"', () => {
    const crosswalk = readRelationCrosswalk(relationsFile);
    const rows = parseTsv(
      readFileSync(join(PETRARCH_DATA_DIR, PETRARCH_FILES.verbPatterns), 'utf8'),
      PETRARCH_COLUMNS.verbPatterns,
      'patterns',
    );
    const unmappedOnPurpose = new Set<string>();
    for (const r of rows) {
      for (const [code, relation] of [
        [r.cameo, r.relation],
        [r.reverse, r.reverseRelation],
      ] as const) {
        if (code === '' || code === '---') continue;
        const entry = crosswalk.resolve(code, [r.verb || r.block]);
        expect(entry, `code ${code}`).toBeDefined();
        expect(relation).toBe(entry?.relation ?? '');
        if (entry?.relation === null) {
          expect(entry.reason).toBeTruthy();
          unmappedOnPurpose.add(code.slice(0, 2));
        }
      }
    }
    const verbRows = parseTsv(
      readFileSync(join(PETRARCH_DATA_DIR, PETRARCH_FILES.verbs), 'utf8'),
      PETRARCH_COLUMNS.verbs,
      'verbs',
    );
    for (const v of verbRows) {
      if (v.cameo === '') continue;
      const entry = crosswalk.resolve(v.cameo, [v.lemma, v.block]);
      expect(entry, `verb ${v.lemma} ${v.cameo}`).toBeDefined();
      expect(v.relation).toBe(entry?.relation ?? '');
    }
    expect([...unmappedOnPurpose]).toEqual(['01']);
    expect(new Set(rows.map((r) => r.relation).filter(Boolean))).toEqual(new Set(RELATIONS.keys()));
  });

  it('expands synsets with plurals', () => {
    expect(dicts.synset('&MILITARY')).toEqual(expect.arrayContaining(['army', 'armies', 'armed forces']));
    expect(dicts.synset('&MILITARY')).not.toContain('armed forceses');
  });
});

describe('convert-petrarch', () => {
  it('reports exactly the expected unmapped codes', () => {
    const lines = readFileSync(join(PETRARCH_DATA_DIR, PETRARCH_FILES.unmapped), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t').slice(0, 2).join(' '));
    expect(lines).toEqual(['country KKL']); // MilNonState entries coded with the coder's initials ("kkl 21 Mar 13")
  });

  const input = defaultOptions();
  const haveInput = existsSync(join(input.inDir, 'CAMEO.2.0.txt')) && existsSync(input.ploverFile);
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(!haveInput)(
    'gives byte-identical output on every run, equal to data/petrarch',
    () => {
      const runs = [0, 1].map(() => {
        const outDir = mkdtempSync(join(tmpdir(), 'petrarch-'));
        dirs.push(outDir);
        convertPetrarch({ ...input, outDir });
        return outDir;
      });
      const [a = '', b = ''] = runs;
      const files = readdirSync(a).sort();
      expect(files).toEqual(readdirSync(b).sort());
      expect(files).toEqual(Object.values(PETRARCH_FILES).sort());
      for (const f of files) {
        const bytes = readFileSync(join(a, f));
        expect(readFileSync(join(b, f)).equals(bytes), `${f} differs between runs`).toBe(true);
        expect(
          readFileSync(join(PETRARCH_DATA_DIR, f)).equals(bytes),
          `data/petrarch/${f} is stale: run npm run convert:petrarch`,
        ).toBe(true);
      }
    },
    120_000,
  );
});
