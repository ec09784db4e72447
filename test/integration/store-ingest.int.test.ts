import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../src/store/consistency.ts';
import { deleteArticle, ingestExtractions } from '../../src/store/ingest.ts';
import { useTestGraph } from '../support/neo4j.ts';
import { makeExtraction } from '../fixtures/store/extractions.ts';
import { count, dumpGraph, networkRel } from '../fixtures/store/graph.ts';

describe('store: ingest, re-ingest, update, delete', () => {
  const graph = useTestGraph();

  const a1 = makeExtraction({
    id: 'ing-a1',
    publishedAt: '2021-07-20',
    events: [
      { s: 'USA', r: 'ACCUSES', t: 'CHN', date: '2021-07-19', score: -2 },
      { s: 'DOJ', r: 'CHARGES', t: 'HACKERS' },
      { s: 'BLINKEN', r: 'ACCUSES', t: 'MSS' },
      { s: 'CHN', r: 'DENIES', t: 'USA', negated: true },
      { s: 'NATO', r: 'CONDEMNS', t: 'CHN', hypothetical: true },
    ],
  });
  const a2 = makeExtraction({
    id: 'ing-a2',
    publishedAt: '2021-07-21',
    events: [
      { s: 'USA', r: 'ACCUSES', t: 'CHN', date: '2021-07-21', score: -4 },
      { s: 'ZHAO', r: 'DENIES', t: 'USA' },
    ],
  });

  it('writes the model: actors with kind labels, article, events, network, affiliations, memberships', async () => {
    const summary = await ingestExtractions(graph(), [a1, a2]);
    expect(summary.results.map((r) => r.status)).toEqual(['new', 'new']);
    expect(await checkConsistency(graph())).toEqual([]);
    expect(await count(graph(), 'MATCH (a:Actor:Country {id: "country:USA"}) RETURN count(a)')).toBe(1);
    expect(
      await count(
        graph(),
        'MATCH (a:Actor:Official {id: "official:usa:antony-blinken"})-[:REPRESENTS]->(:Country {id: "country:USA"}) RETURN count(a)',
      ),
    ).toBe(1);
    expect(
      await count(
        graph(),
        'MATCH (:Agency {id: "agency:chn:ministry-of-state-security"})-[r:PART_OF]->(:Country {id: "country:CHN"}) RETURN count(r)',
      ),
    ).toBe(1);
    expect(
      await count(
        graph(),
        'MATCH (:Country {id: "country:USA"})-[r:MEMBER_OF]->(:Alliance {id: "alliance:nato"}) RETURN count(r)',
      ),
    ).toBe(1);
    expect(
      await count(graph(), 'MATCH (:Country {id: "country:CHN"})-[r:MEMBER_OF]->(:Alliance) RETURN count(r)'),
    ).toBe(0);
    expect(await count(graph(), 'MATCH (e:Event)-[:REPORTED_IN]->(:Article {id: "ing-a1"}) RETURN count(e)')).toBe(5);
    const usaChn = await networkRel(graph(), 'country:USA', 'ACCUSES', 'country:CHN');
    expect(usaChn).toEqual({
      count: 2,
      firstDate: '2021-07-19',
      lastDate: '2021-07-21',
      articleIds: ['ing-a1', 'ing-a2'],
      meanScore: -3,
      scoreSum: -6000000,
      incidents: 1,
    });
    // negated and hypothetical events are stored but not in the network
    expect(await networkRel(graph(), 'country:CHN', 'DENIES', 'country:USA')).toBeNull();
    expect(await networkRel(graph(), 'alliance:nato', 'CONDEMNS', 'country:CHN')).toBeNull();
    expect(await count(graph(), 'MATCH (e:Event {negated: true}) RETURN count(e)')).toBe(1);
  });

  it('re-ingesting the same content is a no-op reported as duplicate', async () => {
    const before = await dumpGraph(graph());
    const summary = await ingestExtractions(graph(), [a1, a2]);
    expect(summary.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await dumpGraph(graph())).toEqual(before);
    // same content under another id is a duplicate of the stored article
    const copy = { ...a1, id: 'ing-a1-copy', article: { ...a1.article, url: 'https://mirror.example/a1' } };
    const again = await ingestExtractions(graph(), [copy]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', articleId: 'ing-a1' });
    expect(await dumpGraph(graph())).toEqual(before);
  });

  it('changed content under the same id replaces the events and updates the network', async () => {
    const a2v2 = makeExtraction({
      id: 'ing-a2',
      edition: 2,
      publishedAt: '2021-07-21',
      events: [{ s: 'GBR', r: 'CONDEMNS', t: 'CHN', date: '2021-07-22' }],
    });
    const summary = await ingestExtractions(graph(), [a2v2]);
    expect(summary.results[0]!.status).toBe('updated');
    expect(await count(graph(), 'MATCH (e:Event {articleId: "ing-a2"}) RETURN count(e)')).toBe(1);
    expect(await networkRel(graph(), 'country:USA', 'ACCUSES', 'country:CHN')).toEqual({
      count: 1,
      firstDate: '2021-07-19',
      lastDate: '2021-07-19',
      articleIds: ['ing-a1'],
      meanScore: -2,
      scoreSum: -2000000,
      incidents: 1,
    });
    expect(await networkRel(graph(), 'official:chn:zhao-lijian', 'DENIES', 'country:USA')).toBeNull();
    expect((await networkRel(graph(), 'country:GBR', 'CONDEMNS', 'country:CHN'))?.count).toBe(1);
    expect(await checkConsistency(graph())).toEqual([]);
  });

  it('changed content under the same URL (another id) updates the stored article', async () => {
    const moved = makeExtraction({
      id: 'ing-a2-new-id',
      url: 'https://example.org/ing-a2',
      edition: 3,
      events: [{ s: 'AUS', r: 'SUPPORTS', t: 'USA' }],
    });
    const summary = await ingestExtractions(graph(), [moved]);
    expect(summary.results[0]).toMatchObject({ status: 'updated', articleId: 'ing-a2' });
    expect(await count(graph(), 'MATCH (a:Article) RETURN count(a)')).toBe(2);
    expect(await networkRel(graph(), 'country:GBR', 'CONDEMNS', 'country:CHN')).toBeNull();
    expect((await networkRel(graph(), 'country:AUS', 'SUPPORTS', 'country:USA'))?.articleIds).toEqual(['ing-a2']);
    expect(await checkConsistency(graph())).toEqual([]);
  });

  it('one batch adding to a key and replacing events under it; a relationship stored without scoreSum is recomputed', async () => {
    await ingestExtractions(graph(), [
      makeExtraction({ id: 'ing-m1', events: [{ s: 'RUS', r: 'THREATENS', t: 'GBR', date: '2021-03-01', score: -7 }] }),
    ]);
    // as written before scoreSum existed: adding to it would lose the stored mean
    await graph().executeQuery(
      'MATCH (:Actor {id: "country:RUS"})-[r:THREATENS]->(:Actor {id: "country:GBR"}) REMOVE r.scoreSum SET r.meanScore = 0.0',
    );
    await ingestExtractions(graph(), [
      makeExtraction({
        id: 'ing-m2',
        events: [{ s: 'RUS', r: 'THREATENS', t: 'GBR', date: '2021-02-01', score: -4.4 }],
      }),
    ]);
    expect(await networkRel(graph(), 'country:RUS', 'THREATENS', 'country:GBR')).toEqual({
      count: 2,
      firstDate: '2021-02-01',
      lastDate: '2021-03-01',
      articleIds: ['ing-m1', 'ing-m2'],
      meanScore: -5.7,
      scoreSum: -11400000,
      incidents: 2,
    });
    const summary = await ingestExtractions(graph(), [
      makeExtraction({
        id: 'ing-m0',
        events: [
          { s: 'RUS', r: 'THREATENS', t: 'GBR', date: '2021-04-01', score: -10 },
          { s: 'RUS', r: 'THREATENS', t: 'AUS' },
        ],
      }),
      makeExtraction({
        id: 'ing-m1',
        edition: 2,
        events: [{ s: 'RUS', r: 'THREATENS', t: 'GBR', date: '2021-01-01', score: 1 }],
      }),
      makeExtraction({
        id: 'ing-m3',
        events: [{ s: 'RUS', r: 'THREATENS', t: 'GBR', date: '2021-05-01', score: 3.4, negated: true }],
      }),
    ]);
    expect(summary.results.map((r) => r.status)).toEqual(['new', 'updated', 'new']);
    expect(await networkRel(graph(), 'country:RUS', 'THREATENS', 'country:GBR')).toEqual({
      count: 3,
      firstDate: '2021-01-01',
      lastDate: '2021-04-01',
      articleIds: ['ing-m0', 'ing-m1', 'ing-m2'],
      meanScore: -4.466667,
      scoreSum: -13400000,
      incidents: 3,
    });
    expect((await networkRel(graph(), 'country:RUS', 'THREATENS', 'country:AUS'))?.articleIds).toEqual(['ing-m0']);
    expect(await checkConsistency(graph())).toEqual([]);
    for (const id of ['ing-m0', 'ing-m1', 'ing-m2', 'ing-m3']) await deleteArticle(graph(), id);
    expect(await networkRel(graph(), 'country:RUS', 'THREATENS', 'country:GBR')).toBeNull();
  });

  it('delete removes the events and fixes every network relationship they touched', async () => {
    expect(await deleteArticle(graph(), 'ing-a1')).toBe(true);
    expect(await deleteArticle(graph(), 'ing-a1')).toBe(false);
    expect(await count(graph(), 'MATCH (e:Event {articleId: "ing-a1"}) RETURN count(e)')).toBe(0);
    expect(await networkRel(graph(), 'country:USA', 'ACCUSES', 'country:CHN')).toBeNull();
    expect(
      await networkRel(graph(), 'official:usa:antony-blinken', 'ACCUSES', 'agency:chn:ministry-of-state-security'),
    ).toBeNull();
    expect((await networkRel(graph(), 'country:AUS', 'SUPPORTS', 'country:USA'))?.count).toBe(1);
    // actors stay (orphans are allowed), affiliations are facts about actors and stay too
    expect(
      await count(graph(), 'MATCH (a:Actor {id: "official:usa:antony-blinken"})-[:REPRESENTS]->() RETURN count(a)'),
    ).toBe(1);
    expect(await checkConsistency(graph())).toEqual([]);
  });
});
