/** Mutations: ingest and delete through the store's ingest API, and analyst corrections that survive re-ingests. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { checkConsistency } from '../../src/store/consistency.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { makeExtraction, type MadeActor } from '../fixtures/api/extractions.ts';
import { createTestApi } from '../fixtures/api/harness.ts';
import { testDriver, testTarget, wipeGraph } from '../support/neo4j.ts';

let driver: Driver;
let api: ReturnType<typeof createTestApi>;
const db = () => testTarget().database;

beforeAll(async () => {
  driver = testDriver();
  api = createTestApi(driver, db());
});
beforeEach(async () => {
  await wipeGraph(driver);
});
afterAll(async () => {
  await driver.close();
});

const ACTOR = 'id name aliases mergedInto { id }';
const CORRECTION = 'correction { id action actorId payload by at actor { id } }';

async function expectConsistent(): Promise<void> {
  expect(await checkConsistency(driver, db())).toEqual([]);
}

describe('ingestArticle and deleteArticle', () => {
  const seedText = readFileSync(new URL('../../seed/dawn-2021-07-21-china-hack-claims.txt', import.meta.url), 'utf8');
  const input = {
    id: 'api-test-seed',
    text: seedText,
    title: 'China says Washington hack claims ‘fabricated’',
    outlet: 'Dawn',
    publishedAt: '2021-07-21',
  };
  const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
    status duplicate warnings article { id outlet publishedAt } actors { id } events { relation source { id } target { id } evidence { sentence article { id } } } } }`;

  it('extracts and stores an article, recognises it when sent again, and deletes it', async () => {
    const first = (await api.ok(INGEST, { input })).ingestArticle;
    expect(first).toMatchObject({
      status: 'CREATED',
      duplicate: false,
      article: { id: 'api-test-seed', outlet: 'Dawn', publishedAt: '2021-07-21' },
    });
    expect(first.actors.map((a: any) => a.id)).toEqual(expect.arrayContaining(['country:USA', 'country:CHN']));
    const accuses = first.events.find(
      (e: any) => e.relation === 'ACCUSES' && e.source.id === 'country:USA' && e.target.id === 'country:CHN',
    );
    expect(accuses.evidence.sentence).toContain('accused Beijing');
    expect(accuses.evidence.article.id).toBe('api-test-seed');
    await expectConsistent();

    const again = (await api.ok(INGEST, { input })).ingestArticle;
    expect(again).toMatchObject({ status: 'UNCHANGED', duplicate: true, article: { id: 'api-test-seed' } });

    const read = await api.ok(
      `{ actor(id: "country:USA") { relations(direction: OUT, relations: [ACCUSES], counterpart: "country:CHN") { nodes { count } } } }`,
    );
    expect(read.actor.relations.nodes[0].count).toBeGreaterThan(0);

    expect((await api.ok(`mutation { deleteArticle(id: "api-test-seed") { id deleted } }`)).deleteArticle).toEqual({
      id: 'api-test-seed',
      deleted: true,
    });
    expect((await api.ok(`{ article(id: "api-test-seed") { id } }`)).article).toBeNull();
    const after = await api.ok(
      `{ events(filter: { article: "api-test-seed" }) { totalCount } actor(id: "country:USA") { relations { totalCount } } }`,
    );
    expect(after.events.totalCount).toBe(0);
    expect(after.actor.relations.totalCount).toBe(0);
    await expectConsistent();
  });

  it('refuses an 8 KB id, an overlong URL, title or outlet, and a publishedAt that is no date, as BAD_USER_INPUT before Neo4j', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ id: 'x'.repeat(8192) }, '"id" is 8192 characters; the limit is 500'],
      [{ url: `https://example.org/${'u'.repeat(9000)}` }, '"url" is 9020 characters; the limit is 2048'],
      [{ title: 'T'.repeat(5000) }, '"title" is 5000 characters; the limit is 1000'],
      [{ outlet: 'O'.repeat(300) }, '"outlet" is 300 characters; the limit is 200'],
      [{ publishedAt: '2024-13-45' }, '"publishedAt" must be a date'],
    ];
    for (const [fields, message] of cases) {
      const r = await api.gql(INGEST, { input: { ...input, id: 'limits', ...fields } });
      expect(r.errors?.[0]?.extensions, JSON.stringify(fields).slice(0, 40)).toMatchObject({
        code: 'BAD_USER_INPUT',
        inputCode: 'INVALID_FIELD',
      });
      expect(r.errors?.[0]?.message).toContain(message);
    }
    expect((await api.ok(`{ articles { totalCount } }`)).articles.totalCount).toBe(0);
    expect(api.logs.join('\n')).not.toContain('too large');
  });

  it('refuses an article in another language with UNSUPPORTED_LANGUAGE and stores nothing of it', async () => {
    const french =
      'Le ministère des Affaires étrangères a condamné lundi les frappes contre les infrastructures civiles du pays voisin, qualifiant ces attaques de crimes de guerre et appelant la communauté internationale à une réponse ferme et coordonnée.';
    const before = (await api.ok(`{ articles { totalCount } }`)).articles.totalCount;
    const r = await api.gql(INGEST, { input: { id: 'french', text: french, publishedAt: '2024-05-01' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', inputCode: 'UNSUPPORTED_LANGUAGE' });
    expect(r.errors?.[0]?.message).toContain('"fra"');
    expect((await api.ok(`{ articles { totalCount } }`)).articles.totalCount).toBe(before);
  });

  it('warns NO_EVENTS on an article in which nothing happens', async () => {
    const r = (
      await api.ok(INGEST, {
        input: { id: 'quiet', text: 'The weather in London was mild on Tuesday.', publishedAt: '2024-05-01' },
      })
    ).ingestArticle;
    expect(r.status).toBe('CREATED');
    expect(r.events).toEqual([]);
    expect(r.warnings).toContain('NO_EVENTS: no event was found in the article');
  });

  it('refuses an article with no content as BAD_USER_INPUT, writing nothing', async () => {
    const r = await api.gql(INGEST, { input: { id: 'empty', text: '' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await api.ok(`{ articles { totalCount } }`)).articles.totalCount).toBe(0);
  });
});

describe('corrections', () => {
  const A: MadeActor = { id: 'country:TSA', name: 'Testland', aliases: ['Testlanders'] };
  const B: MadeActor = { id: 'country:TSB', name: 'Republic of Testland', aliases: ['RoT'] };
  const C: MadeActor = { id: 'country:TSC', name: 'Otherland' };

  async function seed(): Promise<void> {
    const summary = await ingestExtractions(
      driver,
      [
        makeExtraction(
          't-1',
          '2024-01-10',
          [A, B, C],
          [
            ['country:TSA', 'ACCUSES', 'country:TSC'],
            ['country:TSB', 'ACCUSES', 'country:TSC'],
            ['country:TSC', 'DENIES', 'country:TSB'],
          ],
        ),
        makeExtraction('t-2', '2024-02-10', [B, C], [['country:TSB', 'SANCTIONS', 'country:TSC']]),
      ],
      { database: db() },
    );
    expect(summary.failed).toBe(0);
  }

  it('mergeActors moves events and aliases, leaves a tombstone, recomputes the network, and is recorded', async () => {
    await seed();
    const res = (
      await api.ok(
        `mutation { mergeActors(keepId: "country:TSA", mergeIds: ["country:TSB"]) { actor { ${ACTOR} } ${CORRECTION} } }`,
      )
    ).mergeActors;
    expect(res.actor.id).toBe('country:TSA');
    expect(res.actor.aliases).toEqual(expect.arrayContaining(['Republic of Testland', 'RoT', 'Testlanders']));
    expect(res.correction).toMatchObject({
      action: 'MERGE_ACTORS',
      actorId: 'country:TSA',
      by: 'api-key',
      actor: { id: 'country:TSA' },
    });
    expect(JSON.parse(res.correction.payload)).toMatchObject({ keepId: 'country:TSA', mergeIds: ['country:TSB'] });
    expect(Date.parse(res.correction.at)).toBeGreaterThan(Date.now() - 60_000);

    const data = await api.ok(`{
      b: actor(id: "country:TSB") { id mergedInto { id } relations { totalCount } }
      a: actor(id: "country:TSA") { relations(first: 50) { nodes { relation direction count counterpart { id } } } }
      search: actors(search: "RoT") { nodes { id } }
      events: events(filter: { either: "country:TSB" }) { totalCount } }`);
    expect(data.b).toEqual({ id: 'country:TSB', mergedInto: { id: 'country:TSA' }, relations: { totalCount: 0 } });
    expect(data.search.nodes).toEqual([{ id: 'country:TSA' }]);
    expect(data.events.totalCount).toBe(0);
    const rel = (relation: string, direction: string) =>
      data.a.relations.nodes.find(
        (r: any) => r.relation === relation && r.direction === direction && r.counterpart.id === 'country:TSC',
      );
    expect(rel('ACCUSES', 'OUT').count).toBe(2);
    expect(rel('SANCTIONS', 'OUT').count).toBe(1);
    expect(rel('DENIES', 'IN').count).toBe(1);
    await expectConsistent();

    const corrections = await api.ok(
      `{ byB: corrections(actorId: "country:TSB") { totalCount nodes { action } } all: corrections { totalCount } }`,
    );
    expect(corrections.byB).toEqual({ totalCount: 1, nodes: [{ action: 'MERGE_ACTORS' }] });
  });

  it('mergeActors refuses actors of another kind unless forced, and records the forced merge', async () => {
    await seed();
    const O: MadeActor = { id: 'official:tsa-minister', name: 'Testland Foreign Minister', kind: 'OFFICIAL' };
    expect(
      (
        await ingestExtractions(
          driver,
          [makeExtraction('t-o', '2024-01-12', [O, C], [['official:tsa-minister', 'ACCUSES', 'country:TSC']])],
          { database: db() },
        )
      ).failed,
    ).toBe(0);
    const refused = await api.gql(
      `mutation { mergeActors(keepId: "country:TSA", mergeIds: ["official:tsa-minister"]) { actor { id } } }`,
    );
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'mergeIds', reason: 'KIND_MISMATCH' },
    });
    expect(refused.errors?.[0]?.message).toContain(
      '"official:tsa-minister" is OFFICIAL and keepId "country:TSA" is COUNTRY',
    );
    // Nothing was written.
    const untouched = await api.ok(
      `{ actor(id: "official:tsa-minister") { mergedInto { id } } corrections { totalCount } }`,
    );
    expect(untouched).toEqual({ actor: { mergedInto: null }, corrections: { totalCount: 0 } });

    const forced = (
      await api.ok(
        `mutation { mergeActors(keepId: "country:TSA", mergeIds: ["official:tsa-minister"], force: true) { actor { id } ${CORRECTION} } }`,
      )
    ).mergeActors;
    expect(JSON.parse(forced.correction.payload)).toMatchObject({
      forced: true,
      kinds: { 'country:TSA': 'COUNTRY', 'official:tsa-minister': 'OFFICIAL' },
    });
    expect((await api.ok(`{ actor(id: "official:tsa-minister") { mergedInto { id } } }`)).actor.mergedInto).toEqual({
      id: 'country:TSA',
    });
    await expectConsistent();
  });

  it('records the name of the key that asked on every correction', async () => {
    await seed();
    const named = createTestApi(driver, db(), {
      namedKeys: [
        { name: 'alice', key: 'alice-key-0123456789abcdef' },
        { name: 'bob', key: 'bob-key-0123456789abcdef' },
      ],
    });
    const alice = { key: 'alice-key-0123456789abcdef' };
    const bob = { key: 'bob-key-0123456789abcdef' };
    const by = async (query: string, who: { key: string }) => {
      const r = await named.gql(query, {}, who);
      expect(r.errors).toBeUndefined();
      return Object.values(r.data as Record<string, { correction: { by: string } }>)[0]!.correction.by;
    };
    expect(
      await by(`mutation { addAlias(actorId: "country:TSC", alias: "Otherstan") { correction { by } } }`, alice),
    ).toBe('alice');
    expect(
      await by(`mutation { renameActor(id: "country:TSC", name: "Otherland Republic") { correction { by } } }`, bob),
    ).toBe('bob');
    expect(
      await by(
        `mutation { mergeActors(keepId: "country:TSA", mergeIds: ["country:TSB"]) { correction { by } } }`,
        alice,
      ),
    ).toBe('alice');
    expect(
      await by(`mutation { addAlias(actorId: "country:TSA", alias: "TL") { correction { by } } }`, {
        key: named.config.apiKey as string,
      }),
    ).toBe('api-key');
    const all = await named.ok(`{ corrections { nodes { action by } } }`);
    expect(all.corrections.nodes.map((c: any) => c.by).sort()).toEqual(['alice', 'alice', 'api-key', 'bob']);
    expect(
      (
        await named.gql(
          `mutation { addAlias(actorId: "country:TSA", alias: "x1") { actor { id } } }`,
          {},
          { key: 'carol-key-0123456789abcdef' },
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('a merge survives re-ingesting: events of the merged actor go to the kept one, the correction stays', async () => {
    await seed();
    await api.ok(`mutation { mergeActors(keepId: "country:TSA", mergeIds: ["country:TSB"]) { actor { id } } }`);
    // t-2 again with changed content (an update), and a new article naming the merged actor.
    const summary = await ingestExtractions(
      driver,
      [
        makeExtraction(
          't-2',
          '2024-02-10',
          [B, C],
          [
            ['country:TSB', 'SANCTIONS', 'country:TSC'],
            ['country:TSB', 'THREATENS', 'country:TSC'],
          ],
        ),
        makeExtraction('t-3', '2024-03-10', [B, C], [['country:TSB', 'CONDEMNS', 'country:TSC']]),
      ],
      { database: db() },
    );
    expect(summary.failed).toBe(0);
    const data = await api.ok(`{
      b: actor(id: "country:TSB") { mergedInto { id } relations { totalCount } }
      a: events(filter: { source: "country:TSA" }, first: 50) { nodes { relation } }
      corrections(actorId: "country:TSA") { totalCount } }`);
    expect(data.b).toEqual({ mergedInto: { id: 'country:TSA' }, relations: { totalCount: 0 } });
    expect(data.a.nodes.map((e: any) => e.relation).sort()).toEqual([
      'ACCUSES',
      'ACCUSES',
      'CONDEMNS',
      'SANCTIONS',
      'THREATENS',
    ]);
    expect(data.corrections.totalCount).toBe(1);
    await expectConsistent();
  });

  it('addAlias makes the actor findable by the alias, also after re-ingesting', async () => {
    await seed();
    const res = (
      await api.ok(
        `mutation { addAlias(actorId: "country:TSC", alias: "Other Republic") { actor { ${ACTOR} } ${CORRECTION} } }`,
      )
    ).addAlias;
    expect(res.actor.aliases).toContain('Other Republic');
    expect(res.correction).toMatchObject({ action: 'ADD_ALIAS', actorId: 'country:TSC' });
    await ingestExtractions(
      driver,
      [makeExtraction('t-4', '2024-04-10', [A, C], [['country:TSA', 'MEETS', 'country:TSC']])],
      { database: db() },
    );
    const data = await api.ok(`{ actors(search: "Other Republic") { nodes { id aliases } } }`);
    expect(data.actors.nodes[0]).toMatchObject({ id: 'country:TSC' });
    expect(data.actors.nodes[0].aliases).toContain('Other Republic');
  });

  it('renameActor keeps the old name as an alias, and later articles do not undo it', async () => {
    await seed();
    const res = (
      await api.ok(
        `mutation { renameActor(id: "country:TSC", name: "Otherland Federation") { actor { ${ACTOR} } ${CORRECTION} } }`,
      )
    ).renameActor;
    expect(res.actor).toMatchObject({ name: 'Otherland Federation' });
    expect(res.actor.aliases).toContain('Otherland');
    expect(JSON.parse(res.correction.payload)).toEqual({ name: 'Otherland Federation', previousName: 'Otherland' });
    await ingestExtractions(
      driver,
      [
        makeExtraction(
          't-5',
          '2024-05-10',
          [A, { id: 'country:TSC', name: 'The Great Federation of Otherland' }],
          [['country:TSA', 'MEETS', 'country:TSC']],
        ),
      ],
      { database: db() },
    );
    expect((await api.ok(`{ actor(id: "country:TSC") { name } }`)).actor.name).toBe('Otherland Federation');
  });

  it('refuses corrections on unknown or merged actors, naming the field', async () => {
    await seed();
    const missing = await api.gql(`mutation { addAlias(actorId: "country:NOPE", alias: "x") { actor { id } } }`);
    expect(missing.errors?.[0]).toMatchObject({
      message: 'actorId: no actor with id "country:NOPE"',
      extensions: { code: 'NOT_FOUND' },
    });
    const self = await api.gql(
      `mutation { mergeActors(keepId: "country:TSA", mergeIds: ["country:TSA"]) { actor { id } } }`,
    );
    expect(self.errors?.[0]).toMatchObject({
      message: 'mergeIds must not contain keepId',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await api.ok(`mutation { mergeActors(keepId: "country:TSA", mergeIds: ["country:TSB"]) { actor { id } } }`);
    const merged = await api.gql(`mutation { renameActor(id: "country:TSB", name: "x") { actor { id } } }`);
    expect(merged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(merged.errors?.[0]?.message).toContain('was merged into "country:TSA"');
    const blank = await api.gql(`mutation { addAlias(actorId: "country:TSA", alias: "  ") { actor { id } } }`);
    expect(blank.errors?.[0]?.message).toBe('alias must not be empty');
  });
});
