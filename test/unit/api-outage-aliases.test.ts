/** The API when Neo4j is down (mutations get the reads' 503, quickly), and the alias limit counting __typename. */
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config.ts';
import { ArticleParser } from '../../src/ingest/article-parser.ts';
import { createYoga } from '../../src/api/yoga.ts';

const KEY = 'test-key-0123456789abcdef';
// Nothing listens on port 1: every connection is refused, as during a Neo4j outage.
const down = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'), { connectionTimeout: 5_000 });
afterAll(() => down.close());

const config: AppConfig = { ...loadConfig({}), apiKey: KEY };
const yoga = createYoga({ driver: down, config, parser: new ArticleParser(null) });

async function post(query: string, variables: Record<string, unknown> = {}) {
  const started = Date.now();
  const res = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, body, ms: Date.now() - started };
}

describe('during a Neo4j outage', () => {
  it('a query gets 503 SERVICE_UNAVAILABLE', async () => {
    const r = await post('{ actors { totalCount } }');
    expect(r.status).toBe(503);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  // The driver retries a write for 30 s before it gives up; a mutation must not wait for that.
  it.each([
    [
      'ingestArticle',
      'mutation { ingestArticle(input: { id: "outage", text: "Britain condemned China on Tuesday." }) { status } }',
    ],
    ['deleteArticle', 'mutation { deleteArticle(id: "outage") { deleted } }'],
    ['addAlias', 'mutation { addAlias(actorId: "country:GBR", alias: "Blighty") { actor { id } } }'],
  ])(
    '%s gets the same 503 SERVICE_UNAVAILABLE, in seconds',
    async (_name, query) => {
      const r = await post(query);
      expect(r.body.errors?.[0]).toMatchObject({
        message: 'the graph database is unavailable; retry shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(r.status).toBe(503);
      expect(r.ms).toBeLessThan(10_000);
    },
    60_000,
  );
});

describe('aliases', () => {
  it('refuses 500 aliases of __typename: the limit of 15 counts every alias', async () => {
    const many = await post(`{ ${Array.from({ length: 500 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(many.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(many.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
    const sixteen = await post(`{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(sixteen.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const fifteen = await post(`{ ${Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(fifteen.body.errors).toBeUndefined();
  });
});
