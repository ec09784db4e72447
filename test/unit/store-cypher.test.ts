import { describe, expect, it } from 'vitest';
import { buildUpsertActors } from '../../src/store/cypher/actors.ts';
import { buildClaimArticles } from '../../src/store/cypher/articles.ts';
import { buildWriteAffiliations } from '../../src/store/cypher/affiliations.ts';
import { buildWriteEvents } from '../../src/store/cypher/events.ts';
import {
  buildRefreshNetwork,
  buildUpdateNetwork,
  networkAdditions,
  uniqueNetworkKeys,
} from '../../src/store/cypher/network.ts';
import { buildConsistencyCheck } from '../../src/store/consistency.ts';
import { prepareArticle } from '../../src/store/prepare.ts';
import { makeExtraction } from '../fixtures/store/extractions.ts';

const prepared = prepareArticle(
  makeExtraction({
    id: 'unit-1',
    events: [
      { s: 'USA', r: 'ACCUSES', t: 'CHN' },
      { s: 'BLINKEN', r: 'CONDEMNS', t: 'MSS' },
    ],
  }),
);

describe('store Cypher builders', () => {
  it('upserts actors in one statement, labels only from the ontology, rows in id order', () => {
    const q = buildUpsertActors(prepared.actors);
    expect(q.cypher).toMatchSnapshot();
    const ids = (q.params.rows as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    for (const label of ['Country', 'Official', 'Agency', 'Alliance', 'Organization', 'Group', 'Person'])
      expect(q.cypher).toContain(`SET a:${label})`);
    expect(() => buildUpsertActors([{ ...prepared.actors[0]!, kind: 'COUNTRY) SET a:Admin //' as never }])).toThrow(
      /unknown actor kind/,
    );
  });

  it('claims articles: lookup by id, URL, content hash, then MERGE-lock in id order', () => {
    const q = buildClaimArticles([{ key: 0, id: 'b', url: null, contentHash: 'h' }]);
    expect(q.cypher).toMatchSnapshot();
    expect(q.cypher).toContain('ORDER BY coalesce(target, row.id)');
  });

  it('writes events with their endpoints denormalised, values only as parameters', () => {
    const q = buildWriteEvents(prepared.events);
    expect(q.cypher).toMatchSnapshot();
    expect(q.cypher).not.toContain('unit-1');
    expect((q.params.rows as { properties: { sourceId: string } }[])[0]!.properties.sourceId).toBe('country:USA');
    expect(q.params.actors).toContain('country:USA');
  });

  it('adds new events to the network or recomputes it from events, one statement for every relation type', () => {
    const [q] = buildRefreshNetwork([{ source: 'country:USA', relation: 'ACCUSES', target: 'country:CHN' }]);
    expect(q!.cypher).toMatchSnapshot();
    expect(q!.cypher).toContain('WHERE e.negated = false AND e.hypothetical = false');
    expect(q!.cypher).toContain('SET s._lock = true');
  });

  it('adds up the countable new events per key; a key also to recompute is only recomputed', () => {
    const additions = networkAdditions(prepared.events);
    expect(additions).toMatchObject([
      {
        source: 'country:USA',
        relation: 'ACCUSES',
        target: 'country:CHN',
        firstDate: '2021-07-20',
        lastDate: '2021-07-20',
        articleIds: ['unit-1'],
      },
      {
        source: 'official:usa:antony-blinken',
        relation: 'CONDEMNS',
        target: 'agency:chn:ministry-of-state-security',
        articleIds: ['unit-1'],
      },
    ]);
    const [q] = buildUpdateNetwork(
      [{ source: 'country:USA', relation: 'ACCUSES', target: 'country:CHN' }],
      additions,
      new Set(['country:USA']),
    );
    const keys = q!.params.keys as { source: string; added: unknown; lock: boolean }[];
    expect(keys.map((k) => [k.source, k.added === null, k.lock])).toEqual([
      ['country:USA', true, false],
      ['official:usa:antony-blinken', false, true],
    ]);
    const counted = networkAdditions([
      ...prepared.events,
      { ...prepared.events[0]!, articleId: 'unit-0', date: '2020-01-02', score: 3.4 },
      { ...prepared.events[0]!, articleId: 'unit-2', date: '2019-05-06', score: 1 },
      { ...prepared.events[0]!, articleId: 'unit-3', negated: true },
    ]);
    expect(counted[0]).toMatchObject({
      firstDate: '2019-05-06',
      lastDate: '2021-07-20',
      articleIds: ['unit-0', 'unit-1', 'unit-2'],
    });
    expect(counted[0]!.scores).toHaveLength(3);
  });

  it('refuses a relation outside the closed list (no injection through the type)', () => {
    expect(() =>
      buildRefreshNetwork([{ source: 'a', relation: 'ACCUSES]->() DETACH DELETE s //', target: 'b' }]),
    ).toThrow(/unknown relation/);
    expect(() =>
      buildUpdateNetwork(
        [],
        [
          {
            source: 'a',
            relation: 'X]->() DELETE s //',
            target: 'b',
            firstDate: null,
            lastDate: null,
            scores: [1],
            articleIds: ['a'],
          },
        ],
      ),
    ).toThrow(/unknown relation/);
  });

  it('dedupes and sorts network keys, drops incomplete ones', () => {
    const keys = uniqueNetworkKeys([
      { source: 'b', relation: 'MEETS', target: 'a' },
      { source: 'a', relation: 'ACCUSES', target: 'b' },
      { source: 'b', relation: 'MEETS', target: 'a' },
      { source: null as unknown as string, relation: 'MEETS', target: 'a' },
      null,
    ]);
    expect(keys).toEqual([
      { source: 'a', relation: 'ACCUSES', target: 'b' },
      { source: 'b', relation: 'MEETS', target: 'a' },
    ]);
    expect(buildRefreshNetwork([])).toEqual([]);
  });

  it('writes REPRESENTS and PART_OF only between actors with the right labels', () => {
    const qs = buildWriteAffiliations(prepared.affiliations);
    expect(qs.map((q) => q.cypher)).toMatchSnapshot();
  });

  it('the consistency check covers network, events and articles', () => {
    const q = buildConsistencyCheck();
    for (const problem of ['network-mismatch', 'network-missing', 'event-broken', 'article-partial'])
      expect(q.cypher).toContain(`'${problem}'`);
    expect(q.params.relations).toContain('ACCUSES');
  });
});
