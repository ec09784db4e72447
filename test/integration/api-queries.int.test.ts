/** The read API against the gold articles, ingested through the extractor and the store's ingest API. */
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../fixtures/api/harness.ts';
import { testTarget } from '../support/neo4j.ts';

const { driver, api } = useSeededApi();

describe('actors', () => {
  it('USA accuses China, with the seed sentence as evidence', async () => {
    const data = await api().ok(`{
      actor(id: "country:USA") { id name kind country
        relations(direction: OUT, relations: [ACCUSES], counterpart: "country:CHN") {
          totalCount
          nodes { relation direction count firstDate lastDate meanScore counterpart { id name }
            events(first: 10) { id relation source { id } target { id } evidence { sentence article { id outlet publishedAt } } } }
        }
      } }`);
    const usa = data.actor;
    expect(usa).toMatchObject({ id: 'country:USA', kind: 'COUNTRY', country: 'USA' });
    const rel = usa.relations.nodes[0];
    expect(usa.relations.totalCount).toBe(1);
    expect(rel).toMatchObject({
      relation: 'ACCUSES',
      direction: 'OUT',
      counterpart: { id: 'country:CHN' },
      meanScore: -2,
    });
    expect(rel.count).toBe(rel.events.length);
    expect(rel.firstDate <= rel.lastDate).toBe(true);
    const seed = rel.events.find((e: any) => e.evidence.article.id === 'dawn-2021-07-21-china-hack-claims');
    expect(seed.evidence.sentence).toContain('accused Beijing');
    expect(seed.evidence.article).toMatchObject({ outlet: 'Dawn', publishedAt: '2021-07-21' });
    expect(seed).toMatchObject({ relation: 'ACCUSES', source: { id: 'country:USA' }, target: { id: 'country:CHN' } });
  });

  it('lists relations in both directions, most frequent first, and pages them with cursors', async () => {
    const q = `query($after: String) { actor(id: "country:CHN") { relations(first: 3, after: $after) {
      totalCount edges { cursor node { relation direction count counterpart { id } } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const first = (await api().ok(q)).actor.relations;
    expect(first.totalCount).toBeGreaterThan(3);
    expect(first.edges).toHaveLength(3);
    const counts = first.edges.map((e: any) => e.node.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await api().ok(q, { after: first.pageInfo.endCursor })).actor.relations;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const key = (e: any) => `${e.node.relation}|${e.node.direction}|${e.node.counterpart.id}`;
    const firstKeys = new Set(first.edges.map(key));
    expect(second.edges.length).toBeGreaterThan(0);
    for (const e of second.edges) expect(firstKeys.has(key(e))).toBe(false);
  });

  it('counts relations from events when given a date range', async () => {
    const data = await api().ok(`{ actor(id: "country:CHN") {
      all: relations(direction: IN, first: 100) { totalCount nodes { firstDate lastDate } }
      july: relations(direction: IN, from: "2021-07-01", to: "2021-07-31", first: 100) { totalCount nodes { count firstDate lastDate events(first: 3) { date } } } } }`);
    const { all, july } = data.actor;
    const both = (await api().ok(`{ actor(id: "country:CHN") { relations(first: 100) { nodes { direction } } } }`))
      .actor.relations.nodes;
    expect(new Set(both.map((r: any) => r.direction))).toEqual(new Set(['IN', 'OUT']));
    expect(july.totalCount).toBeGreaterThan(0);
    expect(july.totalCount).toBeLessThan(all.totalCount);
    for (const r of july.nodes) {
      expect(r.firstDate >= '2021-07-01' && r.lastDate <= '2021-07-31').toBe(true);
      for (const e of r.events) expect(e.date >= '2021-07-01' && e.date <= '2021-07-31').toBe(true);
    }
  });

  it('has affiliations: officials represent their country, countries are members of alliances', async () => {
    const data = await api().ok(`{
      blinken: actor(id: "official:usa:antony-blinken") { kind title represents { id } }
      usa: actor(id: "country:USA") { memberOf { id kind } members { id } }
      nato: actor(id: "alliance:nato") { members { id } } }`);
    expect(data.blinken.kind).toBe('OFFICIAL');
    expect(data.blinken.represents.map((a: any) => a.id)).toContain('country:USA');
    expect(data.usa.memberOf.map((a: any) => a.id)).toContain('alliance:nato');
    expect(data.usa.members.map((a: any) => a.id)).toContain('official:usa:antony-blinken');
    expect(data.nato.members.map((a: any) => a.id)).toContain('country:USA');
  });

  it('finds actors by name and by alias, with a prefix, and pages the results', async () => {
    const data = await api().ok(`{
      mss: actors(search: "MSS") { totalCount nodes { id } }
      prefix: actors(search: "Minist") { nodes { id name } }
      china: actors(search: "china", kinds: [COUNTRY]) { nodes { id kind } }
      agencies: actors(kinds: [AGENCY], country: "CHN", first: 1) { totalCount edges { cursor node { id kind country } } pageInfo { hasNextPage } } }`);
    expect(data.mss.nodes[0].id).toBe('agency:chn:ministry-of-state-security');
    expect(data.prefix.nodes.map((a: any) => a.id)).toContain('agency:chn:ministry-of-state-security');
    expect(data.china.nodes[0]).toEqual({ id: 'country:CHN', kind: 'COUNTRY' });
    expect(data.agencies.edges[0].node).toMatchObject({ kind: 'AGENCY', country: 'CHN' });
    expect(data.agencies.pageInfo.hasNextPage).toBe(data.agencies.totalCount > 1);
  });

  it("finds actors by the dictionaries' names and abbreviations, an exact name first (issue 14)", async () => {
    // No gold article calls the United Kingdom "UK" or the United States "America": the names come from
    // world-countries and PETRARCH2. "UK" is also the prefix of Ukraine, which comes after.
    const data = await api().ok(`{
      uk: actors(search: "UK") { totalCount nodes { id } }
      dotted: actors(search: "u.k.") { nodes { id } }
      america: actors(search: "America") { nodes { id } }
      us: actors(search: "US") { nodes { id } } }`);
    expect(data.uk.nodes[0].id).toBe('country:GBR');
    expect(data.uk.nodes.map((a: any) => a.id)).toContain('country:UKR');
    expect(data.uk.totalCount).toBe(data.uk.nodes.length);
    expect(data.dotted.nodes[0].id).toBe('country:GBR');
    expect(data.america.nodes[0].id).toBe('country:USA');
    expect(data.us.nodes[0].id).toBe('country:USA');
  });

  it('searches user text literally: Lucene syntax is escaped, never an error', async () => {
    for (const search of [
      '"MSS',
      'MSS)',
      'name:MSS',
      'MSS AND',
      'OR',
      '*',
      'a/b\\c',
      '[x TO y]',
      '~',
      '!!',
      'MSS^10',
    ]) {
      const r = await api().gql(`query($s: String) { actors(search: $s) { nodes { id } } }`, { s: search });
      expect(r.errors, search).toBeUndefined();
    }
    const r = await api().ok(`{ actors(search: "name:MSS") { nodes { id } } }`);
    expect(Array.isArray(r.actors.nodes)).toBe(true);
  });

  it('returns null for an unknown actor', async () => {
    expect((await api().ok(`{ actor(id: "country:XXX") { id } }`)).actor).toBeNull();
  });
});

describe('events', () => {
  it('filters by source, target, relation and date, with full evidence', async () => {
    const data = await api()
      .ok(`{ events(filter: { source: "country:USA", target: "country:CHN", relations: [ACCUSES], from: "2021-07-01", to: "2021-07-31" }) {
      totalCount nodes { id date datePrecision relation plover mode cameo score rule negated hypothetical source { id name } target { id }
        evidence { sentence start end sourceMention { text start end } targetMention { text start end } article { id title outlet url publishedAt } } } } }`);
    const { nodes, totalCount } = data.events;
    expect(totalCount).toBe(nodes.length);
    expect(nodes.length).toBeGreaterThan(0);
    for (const e of nodes) {
      expect(e).toMatchObject({
        relation: 'ACCUSES',
        plover: 'ACCUSE',
        cameo: '112',
        score: -2,
        source: { id: 'country:USA' },
        target: { id: 'country:CHN' },
      });
      expect(e.date >= '2021-07-01' && e.date <= '2021-07-31').toBe(true);
      expect(e.evidence.sentence.length).toBeGreaterThan(10);
      expect(e.evidence.sourceMention.end).toBeGreaterThan(e.evidence.sourceMention.start);
      expect(e.rule).not.toBe('');
    }
    const seed = nodes.find((e: any) => e.evidence.article.id === 'dawn-2021-07-21-china-hack-claims');
    expect(seed.evidence.sentence).toContain('accused Beijing');
    expect(seed.evidence.targetMention.text).toBe('Beijing');
  });

  it('orders by date both ways and pages without overlap', async () => {
    const q = `query($order: EventOrder, $after: String) { events(filter: { either: "country:CHN" }, first: 5, orderBy: $order, after: $after) {
      totalCount nodes { id date source { id } target { id } } pageInfo { endCursor hasNextPage } } }`;
    const asc = (await api().ok(q, { order: 'DATE_ASC' })).events;
    const desc = (await api().ok(q, { order: 'DATE_DESC' })).events;
    const dates = (c: any) => c.nodes.map((e: any) => e.date);
    expect(dates(asc)).toEqual([...dates(asc)].sort());
    expect(dates(desc)).toEqual([...dates(desc)].sort().reverse());
    expect(asc.nodes.length).toBeGreaterThan(1);
    for (const e of asc.nodes) expect([e.source.id, e.target.id]).toContain('country:CHN');
    const next = (await api().ok(q, { order: 'DATE_ASC', after: asc.pageInfo.endCursor })).events;
    const seen = new Set(asc.nodes.map((e: any) => e.id));
    for (const e of next.nodes) expect(seen.has(e.id)).toBe(false);
    expect(asc.totalCount).toBe(desc.totalCount);
  });

  it('filters by article and by PLOVER category', async () => {
    const data = await api().ok(`{
      seed: events(filter: { article: "dawn-2021-07-21-china-hack-claims" }, first: 100) { totalCount nodes { evidence { article { id } } } }
      accuse: events(filter: { plover: ["ACCUSE"] }, first: 100) { nodes { plover relation } } }`);
    expect(data.seed.totalCount).toBeGreaterThan(3);
    for (const e of data.seed.nodes) expect(e.evidence.article.id).toBe('dawn-2021-07-21-china-hack-claims');
    expect(data.accuse.nodes.length).toBeGreaterThan(0);
    for (const e of data.accuse.nodes) expect(e.plover).toBe('ACCUSE');
  });
});

describe('articles', () => {
  it('one article with its events and actors; a search; a listing by outlet and date', async () => {
    const data = await api().ok(`{
      article(id: "dawn-2021-07-21-china-hack-claims") { id title outlet publishedAt text events { relation source { id } target { id } } actors { id } }
      hack: articles(search: "hack") { totalCount nodes { id } }
      dawn: articles(outlet: "Dawn", from: "2021-01-01", to: "2021-12-31") { totalCount nodes { id outlet publishedAt } }
      none: article(id: "no-such-article") { id } }`);
    expect(data.article).toMatchObject({
      id: 'dawn-2021-07-21-china-hack-claims',
      outlet: 'Dawn',
      publishedAt: '2021-07-21',
    });
    expect(data.article.text).toContain('accused Beijing');
    expect(
      data.article.events.some(
        (e: any) => e.relation === 'ACCUSES' && e.source.id === 'country:USA' && e.target.id === 'country:CHN',
      ),
    ).toBe(true);
    expect(data.article.actors.map((a: any) => a.id)).toEqual(
      expect.arrayContaining(['country:USA', 'country:CHN', 'alliance:nato']),
    );
    expect(data.hack.nodes.map((a: any) => a.id)).toContain('dawn-2021-07-21-china-hack-claims');
    expect(data.dawn).toEqual({
      totalCount: 1,
      nodes: [{ id: 'dawn-2021-07-21-china-hack-claims', outlet: 'Dawn', publishedAt: '2021-07-21' }],
    });
    expect(data.none).toBeNull();
  });
});

describe('network, paths, timeline, ontology', () => {
  it('the network around China contains NATO, with consistent nodes, edges and degrees', async () => {
    const { network } = await api().ok(`{ network(actorIds: ["country:CHN"], depth: 1) {
      nodes { id name kind country degree } edges { id source target relation count firstDate lastDate meanScore } truncated } }`);
    const ids = new Set(network.nodes.map((n: any) => n.id));
    expect(ids.has('country:CHN')).toBe(true);
    expect(ids.has('alliance:nato')).toBe(true);
    expect(network.truncated).toBe(false);
    for (const e of network.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.id).toBe(`${e.source}|${e.relation}|${e.target}`);
      expect(e.count).toBeGreaterThan(0);
    }
    const degree = (id: string) => network.edges.filter((e: any) => e.source === id || e.target === id).length;
    for (const n of network.nodes) expect(n.degree).toBe(degree(n.id));
    expect(network.edges.some((e: any) => e.source === 'alliance:nato' && e.target === 'country:CHN')).toBe(true);
  });

  it('grows with depth, honours limit (truncated) and minCount, and counts events when dated', async () => {
    const q = `query($depth: Int, $limit: Int, $min: Int, $from: Date, $to: Date) { network(actorIds: ["country:CHN"], depth: $depth, limit: $limit, minCount: $min, from: $from, to: $to) {
      nodes { id } edges { source target count firstDate lastDate } truncated } }`;
    const d1 = (await api().ok(q, { depth: 1 })).network;
    const d2 = (await api().ok(q, { depth: 2 })).network;
    expect(d2.nodes.length).toBeGreaterThan(d1.nodes.length);
    const small = (await api().ok(q, { depth: 2, limit: 3 })).network;
    expect(small.nodes).toHaveLength(3);
    expect(small.nodes[0].id).toBe('country:CHN');
    expect(small.truncated).toBe(true);
    // minCount at the highest count of China's own edges keeps those edges (at least one) and nothing weaker; a
    // fixed minCount of 2 left no edge here, and the check passed on an empty list.
    const key = (e: any) => `${e.source}|${e.target}|${e.count}`;
    const min = Math.max(...d1.edges.map((e: any) => e.count));
    const strong = (await api().ok(q, { depth: 1, min })).network;
    const own = d1.edges
      .filter((e: any) => e.count >= min && (e.source === 'country:CHN' || e.target === 'country:CHN'))
      .map(key);
    expect(own.length).toBeGreaterThan(0);
    expect(strong.edges.map(key)).toEqual(expect.arrayContaining(own));
    for (const e of strong.edges) expect(e.count).toBeGreaterThanOrEqual(min);
    for (const k of strong.edges.map(key)) expect(d1.edges.map(key)).toContain(k);
    const july = (await api().ok(q, { depth: 1, from: '2021-07-01', to: '2021-07-31' })).network;
    expect(july.edges.length).toBeGreaterThan(0);
    for (const e of july.edges) expect(e.firstDate >= '2021-07-01' && e.lastDate <= '2021-07-31').toBe(true);
  });

  it('a path exists between the United Kingdom and the United States, each hop with evidence', async () => {
    const { paths } = await api().ok(
      `{ paths(from: "country:GBR", to: "country:USA") { length hops { source { id name } target { id } relation count evidence { id relation source { id } target { id } evidence { sentence } } } } }`,
    );
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.length).toBe(p.hops.length);
      expect(p.length).toBeLessThanOrEqual(4);
      const ends = new Set([p.hops[0].source.id, p.hops[0].target.id]);
      expect(ends.has('country:GBR')).toBe(true);
      const last = p.hops[p.hops.length - 1];
      expect([last.source.id, last.target.id]).toContain('country:USA');
      for (const h of p.hops) {
        expect(h.evidence.length).toBeGreaterThan(0);
        expect(h.evidence.length).toBeLessThanOrEqual(3);
        for (const e of h.evidence)
          expect(e).toMatchObject({ relation: h.relation, source: { id: h.source.id }, target: { id: h.target.id } });
      }
    }
  });

  it('paths without evidence in the selection have the same hops', async () => {
    const q = (evidence: string) =>
      `{ paths(from: "country:GBR", to: "country:USA") { length hops { source { id } target { id } relation count ${evidence} } } }`;
    const bare = (await api().ok(q(''))).paths;
    const full = (await api().ok(q('evidence { id }'))).paths;
    expect(bare).toEqual(full.map((p: any) => ({ ...p, hops: p.hops.map(({ evidence: _, ...h }: any) => h) })));
  });

  it('timelines by month and week for an actor and a dyad', async () => {
    const data = await api().ok(`{
      month: timeline(actor: "country:USA", granularity: MONTH, measure: REPORTS) { start count meanScore }
      week: timeline(dyad: { source: "country:USA", target: "country:CHN" }, granularity: WEEK, from: "2021-07-01", to: "2021-07-31", measure: REPORTS) { start count }
      day: timeline(dyad: { source: "country:USA", target: "country:CHN" }, relations: [ACCUSES], granularity: DAY, measure: REPORTS) { start count } }`);
    expect(data.month.find((b: any) => b.start === '2021-07-01').count).toBeGreaterThan(0);
    for (const b of data.month) expect(b.start.endsWith('-01')).toBe(true);
    expect(data.week).toHaveLength(1);
    expect(data.week[0].start).toBe('2021-07-19'); // the Monday of the week of 2021-07-19/20
    expect(data.day.reduce((n: number, b: any) => n + b.count, 0)).toBe(
      (
        await api().ok(
          `{ events(filter: { source: "country:USA", target: "country:CHN", relations: [ACCUSES], negated: false }) { totalCount } }`,
        )
      ).events.totalCount,
    );
  });

  it('the ontology lists every relation with PLOVER, CAMEO and score', async () => {
    const { ontology } = await api().ok(`{ ontology { name plover mode cameo score verb description } }`);
    expect(ontology).toHaveLength(20);
    expect(ontology.find((r: any) => r.name === 'ACCUSES')).toMatchObject({
      plover: 'ACCUSE',
      mode: 'allege',
      cameo: '112',
      score: -2,
    });
  });
});

describe('index lookups (migration 003) agree with the SOURCE/TARGET edges', () => {
  it('an actor timeline counts exactly the countable dated events on its edges', async () => {
    const { records } = await driver().executeQuery(
      `MATCH (:Actor {id: 'country:USA'})<-[:SOURCE|TARGET]-(e:Event)
       WHERE e.date IS NOT NULL AND e.negated = false AND e.hypothetical = false
       WITH DISTINCT e WITH date.truncate('month', e.date) AS start, count(e) AS count, avg(e.score) AS meanScore
       RETURN toString(start) AS start, count, meanScore ORDER BY start`,
      {},
      { database: testTarget().database },
    );
    const expected = records.map((r) => ({
      start: r.get('start'),
      count: Number(r.get('count')),
      meanScore: r.get('meanScore'),
    }));
    const { timeline } = await api().ok(
      '{ timeline(actor: "country:USA", granularity: MONTH, measure: REPORTS) { start count meanScore } }',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(timeline.map((b: any) => ({ start: b.start, count: b.count }))).toEqual(
      expected.map(({ start, count }) => ({ start, count })),
    );
    timeline.forEach((b: any, i: number) => expect(b.meanScore).toBeCloseTo(expected[i]!.meanScore, 9));
  });

  it('a dated page of events by target and relation is the page the expansion finds, in the same order', async () => {
    const q = `query($from: Date, $to: Date, $order: EventOrder, $relations: [Relation!]) {
      events(filter: { target: "country:CHN", relations: $relations, from: $from, to: $to }, first: 100, orderBy: $order) { totalCount nodes { id date } } }`;
    for (const relations of [['ACCUSES'], ['ACCUSES', 'CONDEMNS', 'CHARGES']]) {
      for (const order of ['DATE_DESC', 'DATE_ASC']) {
        // Without dates the events are found by expanding from the actor; with them, by the lookup index.
        const all = (await api().ok(q, { order, relations })).events;
        const dated = (await api().ok(q, { order, relations, from: '2000-01-01', to: '2100-12-31' })).events;
        const expected = all.nodes.filter((e: any) => e.date !== null);
        expect(expected.length).toBeGreaterThan(0);
        expect(dated.nodes).toEqual(expected);
        expect(dated.totalCount).toBe(expected.length);
      }
    }
  });

  it('a network without edge dates in the selection has the same edges', async () => {
    const q = (fields: string) =>
      `{ network(actorIds: ["country:CHN"], depth: 2) { nodes { id } edges { id count ${fields} } truncated } }`;
    const bare = (await api().ok(q(''))).network;
    const full = (await api().ok(q('firstDate lastDate meanScore'))).network;
    expect(full.edges.length).toBeGreaterThan(0);
    expect(full.edges.every((e: any) => e.firstDate !== undefined && e.meanScore !== null)).toBe(true);
    expect(bare).toEqual({ ...full, edges: full.edges.map(({ id, count }: any) => ({ id, count })) });
  });
});
