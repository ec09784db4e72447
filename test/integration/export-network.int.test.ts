/** `diplograph export` against the real Neo4j, on the gold articles ingested through the store. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseCsv } from 'csv-parse/sync';
import { run } from '../../src/cli/export.ts';
import { readNetwork } from '../../src/export/read.ts';
import { seedGoldGraph } from '../fixtures/api/gold-inputs.ts';
import { testDriver, testTarget } from '../support/neo4j.ts';

let driver: Driver;
const database = () => testTarget().database;

beforeAll(async () => {
  driver = testDriver();
  await seedGoldGraph(driver, database());
});
afterAll(async () => {
  await driver.close();
});

describe('readNetwork', () => {
  it('reads the stored network: actors with attributes, one edge per source, relation, target', async () => {
    const graph = await readNetwork(driver, { from: null, to: null, relations: null }, database());
    expect(graph.edges.length).toBeGreaterThan(10);
    const accuses = graph.edges.find((e) => e.id === 'country:USA|ACCUSES|country:CHN');
    expect(accuses).toMatchObject({ source: 'country:USA', target: 'country:CHN', relation: 'ACCUSES', meanScore: -2 });
    // Dawn and Reuters report the same accusation: two reports, one incident (the default weight)
    expect(accuses).toMatchObject({ count: 1, reports: 2, incidents: 1 });
    expect(accuses!.incidentIds).toHaveLength(1);
    expect(accuses!.incidentIds[0]).toMatch(/^incident:/);
    // China's denials answer it: the response link is exported as the edge answered
    expect(graph.edges.find((e) => e.id === 'country:CHN|DENIES|country:USA')!.respondsTo).toContain(
      'country:USA|ACCUSES|country:CHN',
    );
    const byReports = await readNetwork(
      driver,
      { from: null, to: null, relations: ['ACCUSES'], measure: 'REPORTS' },
      database(),
    );
    expect(byReports.edges.find((e) => e.id === 'country:USA|ACCUSES|country:CHN')).toMatchObject({
      count: 2,
      reports: 2,
      incidents: 1,
    });
    expect(accuses!.firstDate! <= accuses!.lastDate!).toBe(true);
    expect(graph.nodes.find((n) => n.id === 'country:CHN')).toEqual({
      id: 'country:CHN',
      name: 'China',
      kind: 'COUNTRY',
      country: 'CHN',
    });
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    // Affiliations (REPRESENTS, MEMBER_OF, PART_OF) are not relations of the network.
    expect(graph.edges.every((e) => !['REPRESENTS', 'MEMBER_OF', 'PART_OF', 'MENTIONS'].includes(e.relation))).toBe(
      true,
    );
  });

  it('counts edges from the events in a date range, and they agree with the stored network over all time', async () => {
    const stored = await readNetwork(driver, { from: null, to: null, relations: null }, database());
    const allTime = await readNetwork(driver, { from: '1900-01-01', to: '2100-12-31', relations: null }, database());
    const key = (e: {
      id: string;
      count: number;
      reports: number;
      firstDate: string | null;
      lastDate: string | null;
      incidentIds: string[];
      respondsTo: string[];
    }) => `${e.id}:${e.count}:${e.reports}:${e.firstDate}:${e.lastDate}:${e.incidentIds.join()}:${e.respondsTo.join()}`;
    expect(allTime.edges.map(key).sort()).toEqual(stored.edges.map(key).sort());

    const in2021 = await readNetwork(
      driver,
      { from: '2021-01-01', to: '2021-12-31', relations: ['ACCUSES', 'CONDEMNS', 'DENIES'] },
      database(),
    );
    expect(in2021.edges.length).toBeGreaterThan(0);
    for (const e of in2021.edges) {
      expect(['ACCUSES', 'CONDEMNS', 'DENIES']).toContain(e.relation);
      expect(e.firstDate! >= '2021-01-01' && e.lastDate! <= '2021-12-31').toBe(true);
    }
    expect(in2021.edges.length).toBeLessThan(stored.edges.length);
  });
});

describe('diplograph export', () => {
  it('writes GEXF and CSV files that parse back (NEO4J_URI pointing at the test server)', async () => {
    const target = testTarget();
    const saved = { ...process.env };
    Object.assign(process.env, { NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password });
    if (target.database) process.env.NEO4J_DATABASE = target.database;
    const dir = mkdtempSync(join(tmpdir(), 'diplograph-export-'));
    try {
      expect(await run(['--format', 'gexf', '--relations', 'ACCUSES,CONDEMNS', '--out', join(dir, 'n.gexf')])).toBe(0);
      const back = parseGexf(MultiDirectedGraph, readFileSync(join(dir, 'n.gexf'), 'utf8'));
      expect(back.size).toBeGreaterThan(0);
      back.forEachEdge((_e, a) => expect(['ACCUSES', 'CONDEMNS']).toContain(a.relation));
      expect(back.getNodeAttribute('country:CHN', 'kind')).toBe('COUNTRY');

      expect(
        await run(['--format', 'csv', '--from', '2021-07-01', '--to', '2021-07-31', '--out', join(dir, 'july.csv')]),
      ).toBe(0);
      const edges = parseCsv(readFileSync(join(dir, 'july.csv'), 'utf8'), { columns: true }) as Record<
        string,
        string
      >[];
      const nodes = parseCsv(readFileSync(join(dir, 'july.nodes.csv'), 'utf8'), { columns: true }) as Record<
        string,
        string
      >[];
      expect(edges.length).toBeGreaterThan(0);
      expect(edges.every((e) => e.firstDate! >= '2021-07-01' && e.lastDate! <= '2021-07-31')).toBe(true);
      const nodeIds = new Set(nodes.map((n) => n.Id));
      expect(edges.every((e) => nodeIds.has(e.Source!) && nodeIds.has(e.Target!))).toBe(true);

      expect(await run(['--format', 'pdf'])).toBe(2);
    } finally {
      for (const k of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
