/** Errors, masking, authentication, limits, and the bounded number of Cypher queries per operation. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { createExecutor } from '../../src/api/executor.ts';
import { createYoga } from '../../src/api/yoga.ts';
import { createTestApi, TEST_KEY, useSeededApi } from '../fixtures/api/harness.ts';
import { testTarget } from '../support/neo4j.ts';

const { driver, api } = useSeededApi();

describe('bad input names the field', () => {
  it.each([
    ['{ actors(first: 101) { totalCount } }', 'first must be between 1 and 100'],
    ['{ actors(first: 0) { totalCount } }', 'first must be between 1 and 100'],
    ['{ events(filter: { from: "2021-13-01" }) { totalCount } }', 'filter.from must be a date YYYY-MM-DD'],
    [
      '{ events(filter: { from: "2021-07-31", to: "2021-07-01" }) { totalCount } }',
      'filter.from must not be after filter.to',
    ],
    ['{ timeline(actor: "country:USA", from: "July 2021") { count } }', 'from must be a date YYYY-MM-DD'],
    ['{ network(actorIds: ["country:CHN"], depth: 4) { truncated } }', 'depth must be between 1 and 3'],
    ['{ network(actorIds: []) { truncated } }', 'actorIds must name at least one actor'],
    ['{ network(actorIds: ["country:CHN"], limit: 1001) { truncated } }', 'limit must be between 1 and 1000'],
    ['{ paths(from: "country:GBR", to: "country:USA", maxHops: 7) { length } }', 'maxHops must be between 1 and 6'],
    ['{ actors(after: "not-a-cursor") { totalCount } }', 'after is not a cursor returned by this API'],
    ['{ actors(country: "China") { totalCount } }', 'country must be an ISO 3166-1 alpha-3 code like CHN'],
    ['{ actor(id: "country:CHN") { relations(first: 500) { totalCount } } }', 'first must be between 1 and 100'],
  ])('%s', async (query, message) => {
    const r = await api().gql(query);
    expect(r.errors?.[0]?.message).toBe(message);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('NOT_FOUND for unknown actors and articles named by an operation', async () => {
    const paths = await api().gql('{ paths(from: "country:GBR", to: "country:XXX") { length } }');
    expect(paths.errors?.[0]).toMatchObject({
      message: 'to: no actor with id "country:XXX"',
      extensions: { code: 'NOT_FOUND' },
    });
    const network = await api().gql('{ network(actorIds: ["country:XXX"]) { truncated } }');
    expect(network.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const timeline = await api().gql('{ timeline(actor: "country:XXX") { count } }');
    expect(timeline.errors?.[0]).toMatchObject({
      message: 'actor: no actor with id "country:XXX"',
      extensions: { code: 'NOT_FOUND' },
    });
    const dyad = await api().gql('{ timeline(dyad: { source: "country:USA", target: "country:XXX" }) { count } }');
    expect(dyad.errors?.[0]).toMatchObject({
      message: 'dyad.target: no actor with id "country:XXX"',
      extensions: { code: 'NOT_FOUND' },
    });
    // A known actor with nothing in the range is an empty timeline, not an error.
    expect(
      (await api().ok('{ timeline(actor: "country:USA", from: "1900-01-01", to: "1900-12-31") { count } }')).timeline,
    ).toEqual([]);
    const del = await api().gql('mutation { deleteArticle(id: "no-such-article") { deleted } }');
    expect(del.errors?.[0]).toMatchObject({
      message: 'id: no article with id "no-such-article"',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it("maps the extractor's InputError to BAD_USER_INPUT with its code", async () => {
    const r = await api().gql('mutation { ingestArticle(input: { text: "   " }) { status } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.inputCode).toMatch(/^(EMPTY_INPUT|MISSING_CONTENT)$/);
  });
});

describe('masking', () => {
  it('an unexpected error reaches the client as "Unexpected error." and only the log has the details', async () => {
    const logs: string[] = [];
    const real = createExecutor(driver(), testTarget().database);
    const failing = {
      ...real,
      read: async () => {
        throw new Error('secret detail: bolt://internal-host:7687 refused');
      },
    };
    const yoga = createYoga({
      driver: driver(),
      config: { ...loadConfig({}), apiKey: TEST_KEY },
      parser: new ArticleParser(null),
      log: (m) => logs.push(m),
      executor: failing,
    });
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actors { totalCount } }' }),
    });
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.errors[0].message).toBe('Unexpected error.');
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toContain('secret detail');
    expect(logs.join('\n')).toContain('secret detail');
  });
});

describe('the endpoint', () => {
  it('serves GraphiQL to a browser at /graphql', async () => {
    const res = await api().yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect((await res.text()).toLowerCase()).toContain('graphiql');
  });

  it('answers GET queries too', async () => {
    const res = await api().yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent('{ ontology { name } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(((await res.json()) as { data: { ontology: unknown[] } }).data.ontology).toHaveLength(20);
  });
});

describe('authentication', () => {
  const mutation = 'mutation { addAlias(actorId: "country:XXX", alias: "x") { actor { id } } }';

  it('mutations need the API key', async () => {
    for (const key of [false, 'wrong-key-0123456789'] as const) {
      const r = await api().gql(mutation, {}, { key });
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.status).toBe(401);
    }
    const withKey = await api().gql(mutation);
    expect(withKey.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // got past auth
  });

  it('reads are open by default, and need the key when readAccess is "key"', async () => {
    expect((await api().gql('{ ontology { name } }', {}, { key: false })).errors).toBeUndefined();
    const closed = createTestApi(driver(), testTarget().database, { readAccess: 'key' });
    const denied = await closed.gql('{ ontology { name } }', {}, { key: false });
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(denied.data ?? null).toBeNull();
    expect((await closed.gql('{ ontology { name } }')).errors).toBeUndefined();
  });

  it('with no key configured mutations are refused; with apiKey null (DIPLOGRAPH_API_KEY=none) they are open', async () => {
    const none = createTestApi(driver(), testTarget().database, { apiKey: undefined });
    expect((await none.gql(mutation)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const open = createTestApi(driver(), testTarget().database, { apiKey: null });
    expect((await open.gql(mutation, {}, { key: false })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('limits', () => {
  it('refuses queries deeper than maxDepth', async () => {
    const small = createTestApi(driver(), testTarget().database, { maxDepth: 4 });
    const r = await small.gql(
      '{ actor(id: "country:USA") { relations { nodes { counterpart { relations { nodes { relation } } } } } } }',
    );
    expect(r.errors?.[0]?.message).toMatch(/depth/i);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(r.data ?? null).toBeNull();
  });

  it('refuses queries costlier than maxCost', async () => {
    const cheap = createTestApi(driver(), testTarget().database, { maxCost: 100 });
    const one =
      'events { nodes { id source { id name } target { id name } evidence { sentence article { id title } } } }';
    expect((await cheap.gql(`{ ${one} }`)).errors).toBeUndefined();
    const r = await cheap.gql(`{ ${Array.from({ length: 10 }, (_, i) => `e${i}: ${one}`).join(' ')} }`);
    expect(r.errors?.[0]?.message).toMatch(/cost limit of 100 exceeded/i);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(r.data ?? null).toBeNull();
  });

  it('refuses too many aliases and too many tokens', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: ontology { name }`).join(' ');
    const tooManyAliases = (await api().gql(`{ ${aliases} }`)).errors?.[0];
    expect(tooManyAliases?.message).toMatch(/alias/i);
    expect(tooManyAliases?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const fields = Array.from({ length: 2100 }, () => 'name').join(' ');
    const tooManyTokens = (await api().gql(`{ ontology { ${fields} } }`)).errors?.[0];
    expect(tooManyTokens?.message).toMatch(/token/i);
    expect(tooManyTokens?.extensions?.code).toBe('TOO_MANY_TOKENS');
  });
});

describe('no N+1: the number of Cypher queries does not grow with the result', () => {
  async function count(query: string, variables: Record<string, unknown>): Promise<number> {
    api().counter.reset();
    await api().ok(query, variables);
    return api().counter.count;
  }

  it('actors with relations, their events and affiliations: 1 vs 50 actors', async () => {
    const q = `query($n: Int) { actors(first: $n) { totalCount nodes { id memberOf { id } members { id }
      relations(first: 5) { totalCount nodes { relation counterpart { id represents { id } } events(first: 2) { id evidence { article { id } } } } } } } }`;
    const one = await count(q, { n: 1 });
    const fifty = await count(q, { n: 50 });
    expect((await api().ok(q, { n: 50 })).actors.nodes).toHaveLength(50);
    // One query per nesting level that has data: actors; their affiliations and relations; the
    // relations' events and the counterparts' affiliations. The first actor alone may reach fewer levels.
    expect(fifty).toBe(5);
    expect(one).toBeLessThanOrEqual(fifty);
  });

  it("events with their actors' relations and article actors: 1 vs 50 events", async () => {
    const q = `query($n: Int) { events(first: $n) { nodes { id source { id relations(first: 3) { nodes { relation } } } target { memberOf { id } }
      evidence { article { id actors { id } } } } } }`;
    const one = await count(q, { n: 1 });
    const fifty = await count(q, { n: 50 });
    expect((await api().ok(q, { n: 50 })).events.nodes).toHaveLength(50);
    expect(fifty).toBe(one);
    expect(one).toBeLessThanOrEqual(4);
  });

  it('network, paths and timeline run one query each', async () => {
    expect(await count('{ network(actorIds: ["country:CHN"], depth: 2) { nodes { id } edges { id } } }', {})).toBe(1);
    expect(
      await count('{ paths(from: "country:GBR", to: "country:USA") { hops { relation evidence { id } } } }', {}),
    ).toBe(1);
    expect(await count('{ timeline(actor: "country:USA") { start count } }', {})).toBe(1);
    expect(
      await count(
        '{ events(first: 50) { totalCount nodes { id source { id } target { id } evidence { article { id } } } } }',
        {},
      ),
    ).toBe(1);
  });
});
