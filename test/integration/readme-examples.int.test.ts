/**
 * Every GraphQL example of README.md, run against the demo as `npm start` seeds it (seed/, through the
 * service's own ingestSeed; CoreNLP's recorded parses of the seed text stand in for the server): each
 * must answer without errors, and every field it asks at the root must hold something.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { ingestSeed } from '../../src/pipeline/seed.ts';
import { createTestApi, type TestApi } from '../fixtures/api/harness.ts';
import { recordedParser } from '../support/corenlp.ts';
import { testDriver, testTarget, wipeGraph } from '../support/neo4j.ts';

/** The operations of the README's ```graphql blocks: each top-level { … } (comment lines left out). */
export function readmeOperations(readme: string): string[] {
  const ops: string[] = [];
  for (const [, block] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const text = block!
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    let depth = 0;
    let start = -1;
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '{' && depth++ === 0) start = i;
      else if (text[i] === '}' && --depth === 0) ops.push(text.slice(start, i + 1));
    }
  }
  return ops;
}

/** True when an answer holds something: a non-empty list, or an object none of whose lists is empty. */
function holdsSomething(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).every((v) => !Array.isArray(v) || v.length > 0);
  return true;
}

let driver: Driver;
let api: TestApi;

beforeAll(async () => {
  driver = testDriver();
  await wipeGraph(driver);
  await ingestSeed(driver, 'seed', recordedParser(), testTarget().database);
  api = createTestApi(driver, testTarget().database);
});

afterAll(async () => {
  await driver?.close();
});

describe('README.md examples on the seeded demo', () => {
  const operations = readmeOperations(readFileSync('README.md', 'utf8'));

  it('finds the examples', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
  });

  it.each(operations.map((op) => [op.replace(/\s+/g, ' ').slice(0, 90), op]))('%s', async (_, op) => {
    const data = await api.ok(op);
    for (const [field, value] of Object.entries(data as Record<string, unknown>))
      expect(holdsSomething(value), `${field}: ${JSON.stringify(value)}`).toBe(true);
  });
});
