/**
 * The contract between ingest and analyst corrections (schema/MODEL.md), through the store's
 * corrections (src/store/corrections.ts, the same the API's mutations call): merged actors stay merged,
 * locked names stay, aliases only grow, a merge across kinds needs force; a bad article in a batch
 * fails alone; deleting an article removes the actors it leaves unreferenced.
 */
import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { checkConsistency } from '../../src/store/consistency.ts';
import { addAlias, mergeActors, renameActor } from '../../src/store/corrections.ts';
import { StoreError } from '../../src/store/errors.ts';
import { deleteArticle, ingestExtractions } from '../../src/store/ingest.ts';
import { prepareArticle } from '../../src/store/prepare.ts';
import { createRunner } from '../../src/store/runner.ts';
import { writeBatchIsolated } from '../../src/store/writer.ts';
import { useTestGraph } from '../support/neo4j.ts';
import { makeExtraction } from '../fixtures/store/extractions.ts';
import { count, networkRel } from '../fixtures/store/graph.ts';

async function actor(driver: Driver, id: string) {
  const { records } = await driver.executeQuery(
    'MATCH (a:Actor {id: $id}) RETURN a { .name, .aliases, .aliasText, .country, .title, .nameLocked, .mergedInto } AS a',
    { id },
  );
  return records[0]?.get('a') as
    | {
        name: string;
        aliases: string[];
        aliasText: string;
        country: string | null;
        title: string | null;
        nameLocked: boolean | null;
        mergedInto: string | null;
      }
    | undefined;
}

describe('store: ingest respects analyst corrections', () => {
  const graph = useTestGraph();

  it('keeps the richest name, unions aliases, never blanks country or title', async () => {
    await ingestExtractions(graph(), [
      makeExtraction({ id: 'cor-1', events: [{ s: 'BLINKEN', r: 'MEETS', t: 'ZHAO' }] }),
    ]);
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'cor-2',
        events: [{ s: 'BLINKEN', r: 'REQUESTS', t: 'ZHAO' }],
        actorOverrides: { BLINKEN: { name: 'Blinken', aliases: ['Tony Blinken'], country: null, title: null } },
      }),
    ]);
    expect(await actor(graph(), 'official:usa:antony-blinken')).toMatchObject({
      name: 'Antony Blinken',
      aliases: ['Blinken', 'Tony Blinken'],
      aliasText: 'Blinken | Tony Blinken',
      country: 'USA',
      title: 'Secretary of State',
    });
  });

  it('a renamed actor keeps its analyst-given name through later ingests', async () => {
    await renameActor(createRunner(graph()), { id: 'official:chn:zhao-lijian', name: 'Zhao', by: 'test' });
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'cor-3',
        events: [{ s: 'ZHAO', r: 'DENIES', t: 'USA' }],
        actorOverrides: { ZHAO: { name: 'Zhao Lijian the spokesman' } },
      }),
    ]);
    const zhao = await actor(graph(), 'official:chn:zhao-lijian');
    expect(zhao).toMatchObject({ name: 'Zhao', nameLocked: true });
    expect(zhao!.aliases).toEqual(expect.arrayContaining(['Zhao Lijian', 'Zhao Lijian the spokesman']));
  });

  it('events about an actor merged away go to the survivor, on every later ingest', async () => {
    await ingestExtractions(graph(), [
      makeExtraction({ id: 'cor-4', events: [{ s: 'MSS', r: 'ACCUSES', t: 'USA' }], mentions: ['CHN'] }),
    ]);
    // An agency into its country: another kind, so refused unless forced; forced, it moves everything of
    // MSS onto CHN, tombstones MSS and refreshes the network in one transaction.
    const runner = createRunner(graph());
    const merge = { keepId: 'country:CHN', mergeIds: ['agency:chn:ministry-of-state-security'], by: 'analyst-1' };
    const refused = await mergeActors(runner, merge).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({
      code: 'KIND_MISMATCH',
      field: 'mergeIds',
      message: expect.stringContaining('is AGENCY and keepId "country:CHN" is COUNTRY'),
    });
    expect((await actor(graph(), 'agency:chn:ministry-of-state-security'))!.mergedInto).toBeNull();
    const { correction } = await mergeActors(runner, { ...merge, force: true });
    expect(correction).toMatchObject({ action: 'MERGE_ACTORS', by: 'analyst-1' });
    expect(JSON.parse(String(correction.payload))).toMatchObject({
      forced: true,
      kinds: { 'country:CHN': 'COUNTRY', 'agency:chn:ministry-of-state-security': 'AGENCY' },
    });
    expect(await networkRel(graph(), 'agency:chn:ministry-of-state-security', 'ACCUSES', 'country:USA')).toBeNull();
    expect((await networkRel(graph(), 'country:CHN', 'ACCUSES', 'country:USA'))?.articleIds).toEqual(['cor-4']);

    const later = await ingestExtractions(graph(), [
      makeExtraction({
        id: 'cor-5',
        events: [
          { s: 'MSS', r: 'ACCUSES', t: 'USA' },
          { s: 'BLINKEN', r: 'CONDEMNS', t: 'MSS' },
        ],
        actorOverrides: { MSS: { aliases: ['Guoanbu'] } },
      }),
    ]);
    expect(later.results[0]!.actorIds).not.toContain('agency:chn:ministry-of-state-security');
    expect(
      await count(
        graph(),
        'MATCH (:Actor {id: "agency:chn:ministry-of-state-security"})<-[:SOURCE|TARGET]-(e:Event) RETURN count(e)',
      ),
    ).toBe(0);
    expect((await networkRel(graph(), 'country:CHN', 'ACCUSES', 'country:USA'))?.articleIds).toEqual([
      'cor-4',
      'cor-5',
    ]);
    expect((await networkRel(graph(), 'official:usa:antony-blinken', 'CONDEMNS', 'country:CHN'))?.count).toBe(1);
    expect((await actor(graph(), 'country:CHN'))!.aliases).toEqual(
      expect.arrayContaining(['Ministry of State Security', 'Guoanbu']),
    );
    expect((await actor(graph(), 'agency:chn:ministry-of-state-security'))!.mergedInto).toBe('country:CHN');
    expect(await checkConsistency(graph())).toEqual([]);
  });

  it('a batch with one article the database refuses writes the others and reports that one', async () => {
    const good1 = prepareArticle(makeExtraction({ id: 'iso-1', events: [{ s: 'GBR', r: 'SUPPORTS', t: 'AUS' }] }));
    const good2 = prepareArticle(makeExtraction({ id: 'iso-3', events: [{ s: 'AUS', r: 'SUPPORTS', t: 'GBR' }] }));
    const bad = prepareArticle(makeExtraction({ id: 'iso-2', events: [{ s: 'RUS', r: 'THREATENS', t: 'GBR' }] }));
    bad.events[0]!.date = '2021-02-30'; // past validation, refused by Cypher's date()
    const out = await writeBatchIsolated(graph(), [good1, bad, good2]);
    expect(out.map((o) => o.status)).toEqual(['new', 'failed', 'new']);
    expect(out[1]!.error!.code).toMatch(/^Neo\.ClientError\./);
    expect(await count(graph(), 'MATCH (a:Article {id: "iso-2"}) RETURN count(a)')).toBe(0);
    expect(await count(graph(), 'MATCH (:Actor {id: "country:RUS"})<-[:SOURCE]-(e) RETURN count(e)')).toBe(0);
    expect((await networkRel(graph(), 'country:GBR', 'SUPPORTS', 'country:AUS'))?.count).toBe(1);
    expect(await checkConsistency(graph())).toEqual([]);
  });
});

describe('store: corrections record who asked', () => {
  const graph = useTestGraph();

  it('every correction (alias, rename, merge) records the name it was given, and refuses unknown or merged actors', async () => {
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'by-1',
        events: [
          { s: 'GBR', r: 'SUPPORTS', t: 'AUS' },
          { s: 'USA', r: 'SUPPORTS', t: 'AUS' },
        ],
      }),
    ]);
    const runner = createRunner(graph());
    expect((await addAlias(runner, { actorId: 'country:GBR', alias: 'UK', by: 'alice' })).correction).toMatchObject({
      action: 'ADD_ALIAS',
      by: 'alice',
    });
    expect(
      (await renameActor(runner, { id: 'country:AUS', name: 'Commonwealth of Australia', by: 'bob' })).correction,
    ).toMatchObject({ action: 'RENAME_ACTOR', by: 'bob' });
    expect(
      (await mergeActors(runner, { keepId: 'country:USA', mergeIds: ['country:GBR'], by: 'carol' })).correction,
    ).toMatchObject({ action: 'MERGE_ACTORS', by: 'carol' });
    const { records } = await graph().executeQuery(
      'MATCH (c:Correction) RETURN c.action AS action, c.by AS by ORDER BY by',
    );
    expect(records.map((r) => [r.get('action'), r.get('by')])).toEqual([
      ['ADD_ALIAS', 'alice'],
      ['RENAME_ACTOR', 'bob'],
      ['MERGE_ACTORS', 'carol'],
    ]);
    await expect(addAlias(runner, { actorId: 'country:XXX', alias: 'x', by: 'alice' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'actorId',
    });
    await expect(renameActor(runner, { id: 'country:GBR', name: 'Britain', by: 'alice' })).rejects.toMatchObject({
      code: 'INVALID_CORRECTION',
      field: 'id',
    });
    await expect(mergeActors(runner, { keepId: 'country:USA', mergeIds: [], by: 'alice' })).rejects.toMatchObject({
      code: 'INVALID_CORRECTION',
      field: 'mergeIds',
    });
    expect(await checkConsistency(graph())).toEqual([]);
  });
});

describe('store: deleting an article', () => {
  const graph = useTestGraph();
  const ids = async () => {
    const { records } = await graph().executeQuery('MATCH (a:Actor) RETURN a.id AS id ORDER BY id');
    return records.map((r) => r.get('id') as string);
  };

  it('removes, in its transaction, the actors nothing refers to any more; keeps those an event, mention, affiliation or correction refers to', async () => {
    // del-1 alone names Russia, Zhao and the four nationals; the Department of Justice is PART_OF the
    // United States (in the graph when del-1 arrives); del-2 names Britain, Australia and, without an
    // event, the United States.
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'del-1',
        events: [
          { s: 'RUS', r: 'THREATENS', t: 'GBR' },
          { s: 'ZHAO', r: 'DENIES', t: 'USA' },
        ],
        mentions: ['HACKERS', 'DOJ'],
      }),
    ]);
    await ingestExtractions(graph(), [
      makeExtraction({ id: 'del-2', events: [{ s: 'GBR', r: 'SUPPORTS', t: 'AUS' }], mentions: ['USA'] }),
    ]);
    await renameActor(createRunner(graph()), { id: 'official:chn:zhao-lijian', name: 'Zhao', by: 'analyst' });
    expect(await ids()).toEqual([
      'agency:usa:department-of-justice',
      'country:AUS',
      'country:GBR',
      'country:RUS',
      'country:USA',
      'official:chn:zhao-lijian',
      'person:chn:four-chinese-nationals',
    ]);

    expect(await deleteArticle(graph(), 'del-1')).toBe(true);
    // Russia (its only event gone) and the four nationals (only mentioned) go; Zhao stays (renamed),
    // the Department of Justice (PART_OF) and the United States (mentioned by del-2) stay.
    expect(await ids()).toEqual([
      'agency:usa:department-of-justice',
      'country:AUS',
      'country:GBR',
      'country:USA',
      'official:chn:zhao-lijian',
    ]);
    expect(await checkConsistency(graph())).toEqual([]);

    // The same article again brings them back as new.
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'del-1',
        events: [
          { s: 'RUS', r: 'THREATENS', t: 'GBR' },
          { s: 'ZHAO', r: 'DENIES', t: 'USA' },
        ],
        mentions: ['HACKERS', 'DOJ'],
      }),
    ]);
    expect(await ids()).toContain('country:RUS');
    expect((await networkRel(graph(), 'country:RUS', 'THREATENS', 'country:GBR'))?.count).toBe(1);
    expect(await checkConsistency(graph())).toEqual([]);
  });
});
