/** The graph work of network and paths (src/api/cost.ts) and the dictionaries' actor names (src/api/actor-aliases.ts). */
import { describe, expect, it } from 'vitest';
import { dictionaryActorIds } from '../../src/api/actor-aliases.ts';
import { fieldWork, GRAPH_WORK_LIMIT, operationWork } from '../../src/api/cost.ts';
import { parse } from '../../src/api/graphql.ts';
import { buildSchema } from '../../src/api/schema.ts';

const schema = buildSchema();
const work = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  operationWork(schema, parse(query), operationName, variables);

describe('graph work', () => {
  it("network: depth times limit, twice with a date range; paths: 10 × 2^maxHops; defaults as the resolvers'", () => {
    expect(fieldWork('network', {})).toBe(100);
    expect(fieldWork('network', { depth: 3, limit: 1000 })).toBe(3000);
    expect(fieldWork('network', { depth: 3, limit: 1000, from: '2021-01-01' })).toBe(6000);
    expect(fieldWork('paths', {})).toBe(160);
    expect(fieldWork('paths', { maxHops: 6 })).toBe(640);
    expect(fieldWork('timeline', {})).toBe(0);
  });

  it('adds up aliases, fragments and variables; the largest single network fits, two do not', () => {
    expect(work('{ network(actorIds: ["a"], depth: 3, limit: 1000, to: "2021-01-01") { truncated } }')).toBe(
      GRAPH_WORK_LIMIT,
    );
    const fifteen = `{ ${Array.from({ length: 15 }, (_, i) => `n${i}: network(actorIds: ["a"], depth: 3, limit: 1000) { truncated }`).join(' ')} }`;
    expect(work(fifteen)).toBe(45000);
    const withFragments =
      'query Q($l: Int) { ...F ... on Query { p: paths(from: "a", to: "b", maxHops: 5) { length } } } fragment F on Query { network(actorIds: ["a"], depth: 2, limit: $l) { truncated } }';
    expect(work(withFragments, { l: 500 }, 'Q')).toBe(1000 + 320);
    expect(work(withFragments, {}, 'Q')).toBe(200 + 320);
    expect(work('mutation { deleteArticle(id: "x") { deleted } }')).toBe(0);
  });
});

describe('dictionary names of actors', () => {
  it('abbreviations and other names, case and dots aside', () => {
    expect(dictionaryActorIds('UK')).toContain('country:GBR');
    expect(dictionaryActorIds('u.k.')).toContain('country:GBR');
    expect(dictionaryActorIds('America')).toEqual(['country:USA']);
    expect(dictionaryActorIds('State Department')).toEqual(['agency:usa:state-department']);
    expect(dictionaryActorIds('Ukr')).toEqual([]);
  });
});
