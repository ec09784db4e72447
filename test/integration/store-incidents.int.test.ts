/**
 * Incidents and exchanges on a real affair: the 2021 Microsoft Exchange hack attribution and China's
 * rebuttals, as reported by Reuters (test/gold/dev) and Dawn (seed/), plus a third report built from a
 * real Reuters sentence under another outlet. What a careful reader groups is written down first; the
 * store must give it, and keep it through update, delete, merge.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { ArticleInput } from '../../src/ingest/types.ts';
import { checkConsistency } from '../../src/store/consistency.ts';
import { mergeActors } from '../../src/store/corrections.ts';
import { ingestArticles } from '../../src/pipeline/ingest.ts';
import { deleteArticle } from '../../src/store/ingest.ts';
import { backfillDerived } from '../../src/store/backfill.ts';
import { createRunner } from '../../src/store/runner.ts';
import { testParser } from '../support/corenlp.ts';
import { useTestGraph } from '../support/neo4j.ts';
import { networkRel } from '../fixtures/store/graph.ts';

const REUTERS = 'reuters-2021-07-20-china-dismisses-hacking-accusation';
const DAWN = 'dawn-2021-07-21-china-hack-claims';
const WIRE = 'wire-2021-07-19-allies-accuse-china';

const reuters: ArticleInput = { id: REUTERS, text: readFileSync(`test/gold/dev/articles/${REUTERS}.txt`, 'utf8') };
const dawn: ArticleInput = {
  id: DAWN,
  text: readFileSync(`seed/${DAWN}.txt`, 'utf8'),
  outlet: 'Dawn',
  publishedAt: '2021-07-21',
  title: 'China says Washington hack claims ‘fabricated’, condemns US allies',
};
// One real sentence of the Reuters report (test/gold/dev), as a third outlet carried it the day before.
const wire: ArticleInput = {
  id: WIRE,
  outlet: 'Wire copy',
  publishedAt: '2021-07-19',
  title: 'US and allies accuse China of hacking campaign',
  text: 'The United States and its allies accused China on Monday of a global cyberespionage campaign, mustering an unusually broad coalition of countries to publicly call out Beijing for hacking.',
};

/**
 * A careful reader's incidents (same act, whoever reports it):
 * - the US accusation of Monday 19 July: reported by Reuters, Dawn and the wire copy, one incident;
 * - China's denial of Tuesday 20 July: Reuters' headline ("China dismisses U.S. accusation", published the
 *   20th, date unknown), Dawn's lead (dated the 20th) and Dawn's "China hit back" (published the 21st),
 *   one incident of three reports from two outlets.
 * And the exchange, in time order: accusation (US, 19th) -> denial (China, 20th) -> counter-accusation
 * (China calls the US "the world champion" of cyber attacks, 20th), the denials stating it themselves.
 */
const EXPECTED_INCIDENTS = [
  {
    source: 'country:USA',
    plover: 'ACCUSE',
    target: 'country:CHN',
    date: '2021-07-19',
    reports: 3,
    outlets: ['Dawn', 'Reuters (via SowetanLIVE)', 'Wire copy'],
    articles: [DAWN, REUTERS, WIRE],
  },
  {
    source: 'country:CHN',
    plover: 'REJECT',
    target: 'country:USA',
    date: '2021-07-20',
    reports: 3,
    outlets: ['Dawn', 'Reuters (via SowetanLIVE)'],
    articles: [DAWN, REUTERS],
  },
];

interface IncidentRow {
  id: string;
  source: string;
  plover: string;
  target: string;
  date: string;
  reports: number;
  outlets: string[];
  articles: string[];
}

async function incidentsOf(driver: Driver, source: string, plover: string, target: string): Promise<IncidentRow[]> {
  const { records } = await driver.executeQuery(
    `MATCH (i:Incident {sourceId: $source, plover: $plover, targetId: $target})
     RETURN i.id AS id, i.sourceId AS source, i.plover AS plover, i.targetId AS target, toString(i.date) AS date, i.reports AS reports, i.outlets AS outlets,
            COLLECT { MATCH (i)<-[:REPORTS]-(e:Event) RETURN DISTINCT e.articleId ORDER BY e.articleId } AS articles
     ORDER BY date`,
    { source, plover, target },
  );
  return records.map((r) => ({ ...(r.toObject() as IncidentRow), reports: Number(r.get('reports')) }));
}

interface LinkRow {
  from: string;
  fromRelation: string;
  fromSource: string;
  to: string;
  toRelation: string;
  toSource: string;
  kind: string;
  fromArticle: string;
  cue: string | null;
}

async function links(driver: Driver): Promise<LinkRow[]> {
  const { records } = await driver.executeQuery(
    `MATCH (r:Event)-[l:RESPONDS_TO]->(t:Event)
     RETURN r.id AS from, r.relation AS fromRelation, r.sourceId AS fromSource, r.articleId AS fromArticle, t.id AS to, t.relation AS toRelation,
            t.sourceId AS toSource, l.kind AS kind, l.cue AS cue ORDER BY from`,
  );
  return records.map((r) => r.toObject() as LinkRow);
}

describe('store: incidents and exchanges of the 2021 Exchange-hack attribution', () => {
  const graph = useTestGraph();
  // Articles are parsed by the run's CoreNLP, as the service stores them.
  const parser = testParser();

  it('groups the reports of one act into one incident and links the answers to what they answer', async () => {
    const summary = await ingestArticles(graph(), [reuters, dawn, wire], { parser });
    expect(summary.results.map((r) => r.status)).toEqual(['new', 'new', 'new']);
    expect(await checkConsistency(graph())).toEqual([]);

    for (const want of EXPECTED_INCIDENTS) {
      const got = await incidentsOf(graph(), want.source, want.plover, want.target);
      expect(got.map(({ id: _id, ...rest }) => rest)).toEqual([want]);
    }
    // the network counts both: three reports of one accusation
    expect(await networkRel(graph(), 'country:USA', 'ACCUSES', 'country:CHN')).toMatchObject({
      count: 3,
      incidents: 1,
    });
    expect(await networkRel(graph(), 'country:CHN', 'DENIES', 'country:USA')).toMatchObject({ count: 3, incidents: 1 });
    // fewer incidents than reports overall, and every countable event in exactly one (the check above)
    const { records } = await graph().executeQuery(
      'MATCH (i:Incident) WITH count(i) AS n MATCH (e:Event {negated: false}) RETURN n, count(e) AS events',
    );
    expect(Number(records[0]!.get('n'))).toBeLessThan(Number(records[0]!.get('events')));

    const all = await links(graph());
    // China's denials answer the US accusation (the United States' or its Secretary of State's); those that say
    // so are stated, and answer the report in their own article
    const usSide = ['country:USA', 'official:usa:antony-blinken'];
    const denials = all.filter((l) => l.fromRelation === 'DENIES' && usSide.includes(l.toSource));
    expect(denials.map((l) => [l.fromArticle, l.fromSource, l.kind]).sort()).toEqual([
      [DAWN, 'country:CHN', 'stated'], // lead: "said the US had “fabricated” allegations"
      [DAWN, 'country:CHN', 'stated'], // "China hit back, calling the allegations … “fabricated”"
      [DAWN, 'official:chn:zhao-lijian', 'stated'], // "This move is fabricated out of nothing."
      [REUTERS, 'country:CHN', 'stated'], // "China dismisses U.S. accusation …"
      [REUTERS, 'official:chn:zhao-lijian', 'stated'], // "… politically motivated smears"
    ]);
    for (const l of denials) expect(await eventArticle(graph(), l.to)).toBe(l.fromArticle);
    // the counter-accusation (China calls the US the "world champion" of cyber attacks) answers the accusation
    const counter = all.filter((l) => l.fromRelation === 'ACCUSES' && l.fromSource === 'country:CHN');
    expect(counter).toHaveLength(1);
    expect(counter[0]).toMatchObject({
      toRelation: 'ACCUSES',
      toSource: 'country:USA',
      kind: 'stated',
      fromArticle: DAWN,
    });
    // the Chinese embassy in New Zealand calling the allegations "totally groundless" answers New Zealand
    expect(all.filter((l) => l.fromSource === 'agency:chn:embassy-in-nzl')).toMatchObject([
      { fromRelation: 'DENIES', toSource: 'country:NZL', kind: 'stated' },
    ]);
    // nothing answers from the accusing side: the US accused first
    expect(all.filter((l) => l.fromSource === 'country:USA')).toEqual([]);
  });

  it('an update, a delete and a merge keep incidents and exchanges exact', async () => {
    // update: the wire copy changes and no longer carries the accusation
    const updated = await ingestArticles(
      graph(),
      [{ ...wire, text: wire.text!.replace('accused China', 'spoke about China') }],
      { parser },
    );
    expect(updated.results[0]!.status).toBe('updated');
    expect(
      (await incidentsOf(graph(), 'country:USA', 'ACCUSE', 'country:CHN')).map((i) => [i.reports, i.articles]),
    ).toEqual([[2, [DAWN, REUTERS]]]);
    expect(await checkConsistency(graph())).toEqual([]);

    // delete: without Reuters, its headline denial and Zhao's "smears" go, and their links with them
    expect(await deleteArticle(graph(), REUTERS)).toBe(true);
    expect(
      (await incidentsOf(graph(), 'country:USA', 'ACCUSE', 'country:CHN')).map((i) => [i.reports, i.outlets]),
    ).toEqual([[1, ['Dawn']]]);
    expect((await incidentsOf(graph(), 'country:CHN', 'REJECT', 'country:USA')).map((i) => i.reports)).toEqual([2]);
    expect((await links(graph())).filter((l) => l.fromArticle === REUTERS)).toEqual([]);
    expect(await checkConsistency(graph())).toEqual([]);

    // merge (an official into his country: forced): Zhao's denials become China's, in China's incidents;
    // the exchange is relinked in the same transaction
    await mergeActors(createRunner(graph()), {
      keepId: 'country:CHN',
      mergeIds: ['official:chn:zhao-lijian'],
      force: true,
      by: 'test',
    });
    expect(await incidentsOf(graph(), 'official:chn:zhao-lijian', 'REJECT', 'country:USA')).toEqual([]);
    const chinaDenials = await incidentsOf(graph(), 'country:CHN', 'REJECT', 'country:USA');
    expect(chinaDenials.reduce((n, i) => n + i.reports, 0)).toBe(3);
    expect(await checkConsistency(graph())).toEqual([]);

    // and the same articles again, concurrently with their duplicates: nothing moves
    await Promise.all([
      ingestArticles(graph(), [reuters], { parser }),
      ingestArticles(graph(), [reuters, dawn], { parser }),
    ]);
    expect(await checkConsistency(graph())).toEqual([]);
  });

  it('a graph stored before incidents existed gets them from the backfill (run by migration 004)', async () => {
    const before = await links(graph());
    const incidents = await incidentsOf(graph(), 'country:CHN', 'REJECT', 'country:USA');
    await graph().executeQuery('MATCH (i:Incident) DETACH DELETE i');
    await graph().executeQuery('MATCH ()-[l:RESPONDS_TO]->() DELETE l');
    await graph().executeQuery('MATCH (:Actor)-[r]->(:Actor) WHERE r.incidents IS NOT NULL REMOVE r.incidents');
    const problems = new Set((await checkConsistency(graph())).map((p) => p.problem));
    expect([...problems].sort()).toEqual([
      'incident-grouping',
      'incident-membership',
      'network-incidents',
      'response-missing',
    ]);
    expect(await backfillDerived(graph(), undefined, 5)).toBeGreaterThan(5);
    expect(await checkConsistency(graph())).toEqual([]);
    expect(await links(graph())).toEqual(before);
    expect(await incidentsOf(graph(), 'country:CHN', 'REJECT', 'country:USA')).toEqual(incidents);
  });
});

async function eventArticle(driver: Driver, id: string): Promise<string> {
  const { records } = await driver.executeQuery('MATCH (e:Event {id: $id}) RETURN e.articleId AS a', { id });
  return String(records[0]!.get('a'));
}
