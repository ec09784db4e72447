/**
 * The contract between ingest and analyst corrections (schema/MODEL.md): merged actors stay merged,
 * locked names stay, aliases only grow; and a bad article in a batch fails alone.
 */
import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { buildMergeMoveQuery, buildRenameActorQuery } from '../../src/api/cypher/corrections.ts';
import { checkConsistency } from '../../src/store/consistency.ts';
import type { NetworkKey } from '../../src/store/cypher/network.ts';
import { ingestExtractions } from '../../src/store/ingest.ts';
import { prepareArticle } from '../../src/store/prepare.ts';
import { refreshNetwork, writeBatchIsolated } from '../../src/store/writer.ts';
import { useTestGraph } from '../support/neo4j.ts';
import { makeExtraction } from '../fixtures/store/extractions.ts';
import { count, networkRel } from '../fixtures/store/graph.ts';

async function actor(driver: Driver, id: string) {
  const { records } = await driver.executeQuery('MATCH (a:Actor {id: $id}) RETURN a { .name, .aliases, .aliasText, .country, .title, .nameLocked, .mergedInto } AS a', { id });
  return records[0]?.get('a') as { name: string; aliases: string[]; aliasText: string; country: string | null; title: string | null; nameLocked: boolean | null; mergedInto: string | null } | undefined;
}

const correction = (id: string, action: 'MERGE_ACTORS' | 'RENAME_ACTOR', actorId: string) => ({ id, action, actorId, actorIds: [actorId], payload: '{}', by: 'test' });

describe('store: ingest respects analyst corrections', () => {
  const graph = useTestGraph();

  it('keeps the richest name, unions aliases, never blanks country or title', async () => {
    await ingestExtractions(graph(), [makeExtraction({ id: 'cor-1', events: [{ s: 'BLINKEN', r: 'MEETS', t: 'ZHAO' }] })]);
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
    const session = graph().session();
    await session.executeWrite((tx) => {
      const q = buildRenameActorQuery('official:chn:zhao-lijian', 'Zhao', correction('c-rename', 'RENAME_ACTOR', 'official:chn:zhao-lijian'));
      return tx.run(q.cypher, q.params);
    });
    await session.close();
    await ingestExtractions(graph(), [
      makeExtraction({ id: 'cor-3', events: [{ s: 'ZHAO', r: 'DENIES', t: 'USA' }], actorOverrides: { ZHAO: { name: 'Zhao Lijian the spokesman' } } }),
    ]);
    const zhao = await actor(graph(), 'official:chn:zhao-lijian');
    expect(zhao).toMatchObject({ name: 'Zhao', nameLocked: true });
    expect(zhao!.aliases).toEqual(expect.arrayContaining(['Zhao Lijian', 'Zhao Lijian the spokesman']));
  });

  it('events about an actor merged away go to the survivor, on every later ingest', async () => {
    await ingestExtractions(graph(), [makeExtraction({ id: 'cor-4', events: [{ s: 'MSS', r: 'ACCUSES', t: 'USA' }], mentions: ['CHN'] })]);
    // The API's merge: move everything of MSS onto CHN, tombstone MSS, refresh the network, in one transaction.
    const session = graph().session();
    await session.executeWrite(async (tx) => {
      const move = buildMergeMoveQuery('country:CHN', ['agency:chn:ministry-of-state-security']);
      const res = await tx.run(move.cypher, move.params);
      expect(res.records).toHaveLength(1);
      const before = (res.records[0]?.get('keys') as NetworkKey[]) ?? [];
      const after = before.map((k) => ({ ...k, source: k.source === 'agency:chn:ministry-of-state-security' ? 'country:CHN' : k.source, target: k.target === 'agency:chn:ministry-of-state-security' ? 'country:CHN' : k.target }));
      await refreshNetwork(tx, [...before, ...after]);
    });
    await session.close();
    expect(await networkRel(graph(), 'agency:chn:ministry-of-state-security', 'ACCUSES', 'country:USA')).toBeNull();
    expect((await networkRel(graph(), 'country:CHN', 'ACCUSES', 'country:USA'))?.articleIds).toEqual(['cor-4']);

    const later = await ingestExtractions(graph(), [
      makeExtraction({ id: 'cor-5', events: [{ s: 'MSS', r: 'ACCUSES', t: 'USA' }, { s: 'BLINKEN', r: 'CONDEMNS', t: 'MSS' }], actorOverrides: { MSS: { aliases: ['Guoanbu'] } } }),
    ]);
    expect(later.results[0]!.actorIds).not.toContain('agency:chn:ministry-of-state-security');
    expect(await count(graph(), 'MATCH (:Actor {id: "agency:chn:ministry-of-state-security"})<-[:SOURCE|TARGET]-(e:Event) RETURN count(e)')).toBe(0);
    expect((await networkRel(graph(), 'country:CHN', 'ACCUSES', 'country:USA'))?.articleIds).toEqual(['cor-4', 'cor-5']);
    expect((await networkRel(graph(), 'official:usa:antony-blinken', 'CONDEMNS', 'country:CHN'))?.count).toBe(1);
    expect((await actor(graph(), 'country:CHN'))!.aliases).toEqual(expect.arrayContaining(['Ministry of State Security', 'Guoanbu']));
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
