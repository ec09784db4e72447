/** The API's pure parts: Cypher builders, argument checks, cursors, Lucene escaping, value conversion, auth. */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  buildFulltextQuery,
  decodeAfter,
  encodeCursor,
  escapeLucene,
  pageSize,
  toConnection,
} from '../../src/api/args.ts';
import { authorize, identifyCaller } from '../../src/api/auth.ts';
import { buildActorsQuery } from '../../src/api/cypher/actors.ts';
import { relationTypes } from '../../src/api/cypher/common.ts';
import { buildAddAliasQuery, buildMergeMoveQuery, buildRenameActorQuery } from '../../src/store/cypher/corrections.ts';
import { buildEventsQuery, type EventsArgs } from '../../src/api/cypher/events.ts';
import { buildNetworkQuery } from '../../src/api/cypher/network.ts';
import { edgeRows } from '../../src/api/resolvers/analysis.ts';
import { buildPathsQuery } from '../../src/api/cypher/paths.ts';
import { buildRelationsQuery } from '../../src/api/cypher/relations.ts';
import { buildTimelineQuery } from '../../src/api/cypher/timeline.ts';
import { toParams, toPlain } from '../../src/store/runner.ts';
import { buildSchema } from '../../src/api/schema.ts';
import { RELATION_NAMES } from '../../src/ontology.ts';

const EVIL = "x'}) DETACH DELETE n //";

const noFilter: EventsArgs = {
  source: null,
  target: null,
  either: null,
  relations: null,
  plover: null,
  from: null,
  to: null,
  article: null,
  negated: null,
  order: 'DESC',
  offset: 0,
  limit: 21,
  withTotal: false,
};

describe('Cypher builders', () => {
  it('take relationship types only from the ontology', () => {
    expect(relationTypes(['ACCUSES', 'CONDEMNS'])).toBe('ACCUSES|CONDEMNS');
    expect(relationTypes(null).split('|')).toEqual([...RELATION_NAMES]);
    expect(() => relationTypes(['ACCUSES]-() DETACH DELETE n //'])).toThrow(/unknown relation/);
  });

  it('put every input value in parameters, never in the Cypher text', () => {
    const queries = [
      buildEventsQuery({
        ...noFilter,
        source: EVIL,
        target: EVIL,
        either: EVIL,
        article: EVIL,
        plover: [EVIL],
        from: '2021-01-01',
        to: '2021-12-31',
        withTotal: true,
      }),
      buildActorsQuery({ fulltext: EVIL, kinds: [EVIL], country: EVIL, offset: 0, limit: 21, withTotal: true }),
      buildActorsQuery({
        fulltext: EVIL,
        kinds: null,
        country: null,
        offset: 0,
        limit: 21,
        withTotal: true,
        exact: { key: EVIL, ids: [EVIL] },
      }),
      buildRelationsQuery({
        ids: [EVIL],
        direction: 'BOTH',
        relations: ['ACCUSES'],
        counterpart: EVIL,
        from: '2021-01-01',
        to: null,
        offset: 0,
        limit: 21,
      }),
      buildNetworkQuery({
        actorIds: [EVIL],
        depth: 3,
        relations: ['ACCUSES'],
        from: '2021-01-01',
        to: '2021-12-31',
        minCount: 1,
        limit: 100,
        maxEdges: 1000,
        edgeDetails: true,
      }),
      buildPathsQuery({ from: EVIL, to: EVIL, maxHops: 4, relations: null, limit: 10, evidence: 3 }),
      buildTimelineQuery({
        actor: null,
        dyad: { source: EVIL, target: EVIL },
        relations: ['MEETS'],
        granularity: 'WEEK',
        from: null,
        to: null,
      }),
      buildAddAliasQuery(EVIL, EVIL, {
        id: EVIL,
        action: 'ADD_ALIAS',
        actorId: EVIL,
        actorIds: [EVIL],
        payload: EVIL,
        by: EVIL,
      }),
      buildRenameActorQuery(EVIL, EVIL, {
        id: EVIL,
        action: 'RENAME_ACTOR',
        actorId: EVIL,
        actorIds: [EVIL],
        payload: EVIL,
        by: EVIL,
      }),
      buildMergeMoveQuery(EVIL, [EVIL]),
    ];
    for (const q of queries) {
      expect(q.cypher).not.toContain(EVIL);
      expect(JSON.stringify(q.params)).toContain('DETACH DELETE');
    }
  });

  it('expand from the actor, seek the actor lookup index when dates narrow, or find events by their own indexed properties', () => {
    const bySource = buildEventsQuery({ ...noFilter, source: 'country:USA', target: 'country:CHN' });
    expect(bySource.cypher).toContain('MATCH (:Actor {id: $source})<-[:SOURCE]-(e:Event)');
    expect(bySource.cypher).toContain('e.targetId = $target');
    expect(bySource.cypher).not.toContain('totalCount\n}');
    const byEither = buildEventsQuery({ ...noFilter, either: 'country:CHN', withTotal: true, order: 'ASC' });
    expect(byEither.cypher).toContain('MATCH (:Actor {id: $either})<-[:SOURCE|TARGET]-(e:Event)');
    expect(byEither.cypher).toContain('WITH DISTINCT e');
    expect(byEither.cypher).toContain('RETURN count(e) AS totalCount');
    expect(byEither.cypher).toContain('ORDER BY e.date ASC, e.id ASC');
    const narrowed = buildEventsQuery({
      ...noFilter,
      target: 'country:CHN',
      relations: ['ACCUSES'],
      from: '2019-01-01',
      to: '2021-12-31',
    });
    expect(narrowed.cypher).toContain(
      'MATCH (e:Event) USING INDEX e:Event(targetId, relation, date, negated, hypothetical, score)\nWHERE e.targetId = $target AND e.relation = $relation',
    );
    expect(narrowed.cypher).not.toContain('{id: $target}');
    // One relation: the index order is the date order, so the page is the first rows of the seek.
    expect(narrowed.cypher).toContain(
      'ORDER BY e.targetId DESC, e.relation DESC, e.date DESC, e.id DESC SKIP $offset LIMIT $limit',
    );
    expect(narrowed.params).toMatchObject({ relation: 'ACCUSES' });
    const twoRelations = buildEventsQuery({
      ...noFilter,
      source: 'country:USA',
      relations: ['ACCUSES', 'CONDEMNS'],
      from: '2019-01-01',
      order: 'ASC',
    });
    expect(twoRelations.cypher).toContain(
      'USING INDEX e:Event(sourceId, relation, date, negated, hypothetical, score)',
    );
    expect(twoRelations.cypher).toContain('e.relation IN $relations');
    expect(twoRelations.cypher).toContain('ORDER BY e.date ASC, e.id ASC SKIP');
    const byPlover = buildEventsQuery({ ...noFilter, target: 'country:CHN', plover: ['ACCUSE'], from: '2019-01-01' });
    expect(byPlover.cypher).toContain('e.relation IS NOT NULL');
  });

  it('unroll the network search to the depth asked, one level per subquery', () => {
    for (const depth of [1, 2, 3]) {
      const q = buildNetworkQuery({
        actorIds: ['country:CHN'],
        depth,
        relations: null,
        from: null,
        to: null,
        minCount: 1,
        limit: 100,
        maxEdges: 1000,
        edgeDetails: true,
      });
      expect(q.cypher.match(/THEN frontier ELSE \[\] END AS f/g)).toHaveLength(depth);
    }
    const dated = buildNetworkQuery({
      actorIds: ['country:CHN'],
      depth: 1,
      relations: ['ACCUSES'],
      from: '2021-07-01',
      to: null,
      minCount: 2,
      limit: 10,
      maxEdges: 100,
      edgeDetails: true,
    });
    expect(dated.cypher).toContain('e.date >= date($from)');
    expect(dated.params).toMatchObject({ from: '2021-07-01', relations: ['ACCUSES'], minCount: 2 });
    // The stored relationships' dates and mean score are read only when the selection asks for them.
    const bare = buildNetworkQuery({
      actorIds: ['country:CHN'],
      depth: 2,
      relations: null,
      from: null,
      to: null,
      minCount: 1,
      limit: 100,
      maxEdges: 500,
      edgeDetails: false,
    });
    expect(bare.cypher).not.toMatch(/firstDate|lastDate|meanScore/);
    const detailedArgs = () => ({
      actorIds: ['country:CHN'],
      depth: 2,
      relations: null,
      from: null,
      to: null,
      minCount: 1,
      limit: 100,
      maxEdges: 500,
      edgeDetails: true,
    });
    const detailed = buildNetworkQuery(detailedArgs());
    // Dates leave the database as strings (the driver's Date objects are slow to decode).
    expect(detailed.cypher).toContain('toString(r.firstDate), toString(r.lastDate), r.meanScore');
    // Stored relationships all have count >= 1: minCount 1 reads no count to filter on, minCount 2 does.
    expect(detailed.cypher).not.toContain('>= $minCount');
    // The weight is the incident count by default, the report count on request.
    expect(buildNetworkQuery({ ...detailedArgs(), minCount: 2 }).cypher).toContain(
      'coalesce(r.incidents, r.count) >= $minCount',
    );
    expect(buildNetworkQuery({ ...detailedArgs(), minCount: 2, measure: 'REPORTS' }).cypher).toContain(
      'r.count >= $minCount',
    );
    expect(buildNetworkQuery({ ...detailedArgs(), minCount: 2, measure: 'REPORTS' }).cypher).not.toContain(
      'coalesce(r.incidents, r.count) >=',
    );
    // Edges come back as plain lists; the resolver names their fields.
    expect(edgeRows([['a', 'MEETS', 'b', 3]])).toEqual([{ source: 'a', relation: 'MEETS', target: 'b', count: 3 }]);
    expect(edgeRows([['a', 'MEETS', 'b', 3, '2021-01-01', null, 1.5]])).toEqual([
      {
        source: 'a',
        relation: 'MEETS',
        target: 'b',
        count: 3,
        firstDate: '2021-01-01',
        lastDate: null,
        meanScore: 1.5,
        reports: 3,
        incidents: 3,
      },
    ]);
    expect(edgeRows([['a', 'MEETS', 'b', 1, null, null, 1.5, 3, 1]])[0]).toMatchObject({
      count: 1,
      reports: 3,
      incidents: 1,
    });
  });

  it('refuse a path length outside 1…6 (it is written into the pattern)', () => {
    expect(() => buildPathsQuery({ from: 'a', to: 'b', maxHops: 7, relations: null, limit: 10, evidence: 3 })).toThrow(
      RangeError,
    );
    expect(
      buildPathsQuery({ from: 'a', to: 'b', maxHops: 6, relations: ['MEETS'], limit: 10, evidence: 3 }).cypher,
    ).toContain('allShortestPaths((a)-[:MEETS*..6]-(b))');
    // Evidence is read only when the selection asks for it.
    expect(
      buildPathsQuery({ from: 'a', to: 'b', maxHops: 4, relations: null, limit: 10, evidence: 0 }).cypher,
    ).not.toContain(':Event');
  });

  it('bucket timelines from the actor lookup indexes (no event read), one date per bucket', () => {
    expect(
      buildTimelineQuery({
        actor: 'country:USA',
        dyad: null,
        relations: null,
        granularity: 'MONTH',
        from: '2021-01-01',
        to: null,
      }),
    ).toMatchInlineSnapshot(`
      {
        "cypher": "CALL () {
        MATCH (e:Event) USING INDEX e:Event(sourceId, relation, date, negated, hypothetical, score)
        WHERE e.sourceId = $actor AND e.relation IS NOT NULL AND e.date IS NOT NULL AND e.date >= date($from) AND e.negated = false AND e.hypothetical = false AND e.score IS NOT NULL
        RETURN e, e.date AS d, e.score AS score
        UNION
        MATCH (e:Event) USING INDEX e:Event(targetId, relation, date, negated, hypothetical, score)
        WHERE e.targetId = $actor AND e.relation IS NOT NULL AND e.date IS NOT NULL AND e.date >= date($from) AND e.negated = false AND e.hypothetical = false AND e.score IS NOT NULL
        RETURN e, e.date AS d, e.score AS score
      }
      WITH d.year AS y, d.month AS m, count(e) AS count, avg(score) AS meanScore
      RETURN toString(date({year: y, month: m})) AS start, count, meanScore ORDER BY start",
        "params": {
          "actor": "country:USA",
          "from": "2021-01-01",
        },
      }
    `);
  });
});

describe('arguments', () => {
  it('page sizes are 1…100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow('first must be between 1 and 100');
    expect(() => pageSize(0)).toThrow('first must be between 1 and 100');
  });

  it('cursors are opaque offsets; foreign ones are refused', () => {
    expect(decodeAfter(encodeCursor(41))).toBe(42);
    expect(decodeAfter(null)).toBe(0);
    expect(() => decodeAfter('bogus')).toThrow('after is not a cursor returned by this API');
    const page = toConnection([1, 2, 3], 10, 2, null);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(10),
      endCursor: encodeCursor(11),
    });
    expect(page.nodes).toEqual([1, 2]);
  });

  it('escapes Lucene syntax and lower-cases operators into words', () => {
    expect(escapeLucene('a+b (c) "d" e:f g* h? i~ j^2 k/l m\\n [o] {p} !q &&')).toBe(
      'a\\+b \\(c\\) \\"d\\" e\\:f g\\* h\\? i\\~ j\\^2 k\\/l m\\\\n \\[o\\] \\{p\\} \\!q \\&\\&',
    );
    expect(buildFulltextQuery('Minist')).toBe('(minist) OR (minist*)');
    expect(buildFulltextQuery('state AND security')).toBe(
      '(state AND and AND security) OR (state AND and AND security*)',
    );
    expect(buildFulltextQuery('name:MSS')).toBe('(name\\:mss)');
    expect(buildFulltextQuery('   ')).toBeNull();
  });
});

describe('the executor boundary', () => {
  it('converts Neo4j values to JSON and whole numbers to Integers', () => {
    const row = toPlain({
      n: neo4j.int(42),
      d: new neo4j.types.Date(2021, 7, 21),
      list: [neo4j.int(1)],
      nested: { x: 1.5 },
    });
    expect(row).toEqual({ n: 42, d: '2021-07-21', list: [1], nested: { x: 1.5 } });
    const params = toParams({ limit: 21, score: -2.5, ids: ['a'], keys: [{ i: 0 }] }) as Record<string, any>;
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect(params.score).toBe(-2.5);
    expect(neo4j.isInt(params.keys[0].i)).toBe(true);
  });
});

describe('authorization', () => {
  const request = (auth?: string) =>
    new Request('http://yoga/graphql', { headers: auth ? { authorization: auth } : {} });
  const key = 'k'.repeat(20);

  it('checks the bearer key in constant time and names the caller', () => {
    expect(identifyCaller(request(`Bearer ${key}`), { apiKey: key })).toMatchObject({
      keyPresented: true,
      name: 'api-key',
    });
    expect(identifyCaller(request(`Bearer ${key}x`), { apiKey: key }).keyPresented).toBe(false);
    expect(identifyCaller(request(key), { apiKey: key }).keyPresented).toBe(false);
    expect(identifyCaller(request(`Bearer ${key}`), { apiKey: null }).keyPresented).toBe(false);
  });

  it('mutations: key needed when set, refused when unset, open when null; reads by readAccess', () => {
    const yes = { keyPresented: true, headerSent: true, name: 'api-key' };
    const no = { keyPresented: false, headerSent: false, name: 'anonymous' };
    expect(() => authorize('mutation', yes, { apiKey: key, readAccess: 'open' })).not.toThrow();
    expect(() => authorize('mutation', no, { apiKey: key, readAccess: 'open' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
    expect(() => authorize('mutation', no, { apiKey: undefined, readAccess: 'open' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(() => authorize('mutation', no, { apiKey: null, readAccess: 'open' })).not.toThrow();
    expect(() => authorize('query', no, { apiKey: key, readAccess: 'open' })).not.toThrow();
    expect(() => authorize('query', no, { apiKey: key, readAccess: 'key' })).toThrow();
    expect(() => authorize('query', yes, { apiKey: key, readAccess: 'key' })).not.toThrow();
  });
});

describe('the schema', () => {
  it('builds from schema/*.graphql with resolvers matching it, and its enums match the ontology', () => {
    const schema = buildSchema();
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(
      [
        'actor',
        'actors',
        'article',
        'articles',
        'corrections',
        'events',
        'exchanges',
        'incidents',
        'network',
        'ontology',
        'paths',
        'timeline',
      ].sort(),
    );
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual([
      'addAlias',
      'deleteArticle',
      'ingestArticle',
      'mergeActors',
      'renameActor',
    ]);
  });
});
