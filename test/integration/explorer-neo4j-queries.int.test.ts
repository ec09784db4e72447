/**
 * neo4j/queries.cypher, the five ready queries of docs/explorer.md, run as Neo4j Browser would
 * (each block's :param lines, then its query) against the gold articles in the real Neo4j.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, Record as Neo4jRecord } from 'neo4j-driver';
import { RELATION_NAMES, ACTOR_KIND_LABELS } from '../../src/ontology.ts';
import { seedGoldGraph } from '../fixtures/api/gold-inputs.ts';
import { createTestApi } from '../fixtures/api/harness.ts';
import { testDriver, testTarget } from '../support/neo4j.ts';

interface BrowserQuery {
  title: string;
  params: Record<string, string>;
  cypher: string;
}

/** Splits the file into numbered blocks; `:param name => 'value';` lines become parameters. */
function parseQueriesFile(text: string): BrowserQuery[] {
  const blocks = text.split(/^(?=\/\/ \d\. )/m).filter((b) => /^\/\/ \d\. /.test(b));
  return blocks.map((block) => {
    const lines = block.split('\n');
    const params: Record<string, string> = {};
    const body: string[] = [];
    for (const line of lines) {
      const param = /^:param (\w+) => '([^']*)';$/.exec(line.trim());
      if (param) params[param[1]!] = param[2]!;
      else if (!line.trim().startsWith('//')) body.push(line);
    }
    return { title: lines[0]!.replace(/^\/\/ /, ''), params, cypher: body.join('\n').trim().replace(/;$/, '') };
  });
}

const queries = parseQueriesFile(readFileSync('neo4j/queries.cypher', 'utf8'));
let driver: Driver;
const database = () => testTarget().database;

async function runQuery(n: number): Promise<Neo4jRecord[]> {
  const q = queries[n - 1]!;
  const { records } = await driver.executeQuery(q.cypher, q.params, { database: database(), routing: 'READ' });
  return records;
}

beforeAll(async () => {
  driver = testDriver();
  await seedGoldGraph(driver, database());
});
afterAll(async () => {
  await driver.close();
});

describe('neo4j/queries.cypher', () => {
  it('has the five queries, one statement each', () => {
    expect(queries.map((q) => q.title.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    for (const q of queries) expect(q.cypher).not.toContain(';');
  });

  it("1: China's accusers", async () => {
    const rows = await runQuery(1);
    const accusers = rows.map((r) => r.get('accuser').properties.id as string);
    expect(accusers).toContain('country:USA');
    for (const r of rows) expect(['ACCUSES', 'CONDEMNS', 'CHARGES']).toContain(r.get('r').type);
  });

  it('2: the network around NATO', async () => {
    const [row] = await runQuery(2);
    expect(row!.get('alliance').properties.id).toBe('alliance:nato');
    expect(row!.get('memberships').length).toBeGreaterThan(0);
    const relations = row!.get('relations') as { segments: { relationship: { type: string } }[] }[];
    expect(relations.length).toBeGreaterThan(0);
    for (const p of relations) expect(RELATION_NAMES as readonly string[]).toContain(p.segments[0]!.relationship.type);
  });

  it('3: paths between the USA and Russia', async () => {
    const rows = await runQuery(3);
    expect(rows.length).toBeGreaterThan(0);
    const path = rows[0]!.get('p') as {
      start: { properties: { id: string } };
      end: { properties: { id: string } };
      segments: { relationship: { type: string } }[];
    };
    expect([path.start.properties.id, path.end.properties.id].sort()).toEqual(['country:RUS', 'country:USA']);
    for (const s of path.segments) expect(RELATION_NAMES as readonly string[]).toContain(s.relationship.type);
  });

  it('4: the events of July 2021, with evidence', async () => {
    const rows = await runQuery(4);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const date = r.get('date').toString() as string;
      expect(date >= '2021-07-01' && date <= '2021-07-31').toBe(true);
      expect(String(r.get('evidence')).length).toBeGreaterThan(10);
    }
  });

  it('5: actors merged by a correction', async () => {
    expect(await runQuery(5)).toHaveLength(0);
    const api = createTestApi(driver, database());
    const { rows } = await driver
      .executeQuery(
        'MATCH (a:Official) WHERE a.mergedInto IS NULL RETURN a.id AS id ORDER BY a.id LIMIT 2',
        {},
        { database: database() },
      )
      .then((r) => ({ rows: r.records.map((x) => x.get('id') as string) }));
    expect(rows).toHaveLength(2);
    await api.ok('mutation($k: ID!, $m: [ID!]!) { mergeActors(keepId: $k, mergeIds: $m) { actor { id } } }', {
      k: rows[0],
      m: [rows[1]],
    });
    const merged = await runQuery(5);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.get('mergedId')).toBe(rows[1]);
    expect(merged[0]!.get('keptId')).toBe(rows[0]);
    expect(merged[0]!.get('at')).not.toBeNull();
  });
});

describe('neo4j/diplograph.grass', () => {
  const grass = readFileSync('neo4j/diplograph.grass', 'utf8');
  it('styles every actor kind, Event and Article, and every relation of the ontology', () => {
    for (const label of [...ACTOR_KIND_LABELS.values(), 'Event', 'Article'])
      expect(grass).toMatch(new RegExp(`^node\\.${label} \\{[^}]*color: #[0-9A-F]{6};`, 'm'));
    for (const rel of RELATION_NAMES)
      expect(grass).toMatch(new RegExp(`^relationship\\.${rel} \\{[^}]*caption: "<type> \\{count\\}";`, 'm'));
    expect(grass).toMatch(/^node\.Actor \{[^}]*caption: "\{name\}";/m);
    // Balanced braces, one rule per selector.
    expect(grass.split('{').length).toBe(grass.split('}').length);
  });
});
