/** The export serialisers: every format parses back (with the maintained parsers) to the same network. */
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { exportFiles, nodesCsvPath } from '../../src/export/files.ts';
import {
  writeEdgesCsv,
  writeGexfString,
  writeGraphmlString,
  writeJsonString,
  writeNodesCsv,
} from '../../src/export/serialize.ts';
import type { ExportGraph } from '../../src/export/types.ts';

const graph: ExportGraph = {
  nodes: [
    { id: 'country:CHN', name: 'China', kind: 'COUNTRY', country: 'CHN' },
    { id: 'country:USA', name: 'United States', kind: 'COUNTRY', country: 'USA' },
    { id: 'org:x', name: 'Fish & Chips <"Ltd"> ’Ωmega', kind: 'ORGANIZATION', country: null },
  ],
  edges: [
    {
      id: 'country:USA|ACCUSES|country:CHN',
      source: 'country:USA',
      target: 'country:CHN',
      relation: 'ACCUSES',
      count: 1,
      firstDate: '2021-07-19',
      lastDate: '2021-07-21',
      meanScore: -2,
      reports: 3,
      incidents: 1,
      incidentIds: ['incident:aa'],
      respondsTo: [],
    },
    {
      id: 'country:CHN|DENIES|country:USA',
      source: 'country:CHN',
      target: 'country:USA',
      relation: 'DENIES',
      count: 1,
      firstDate: '2021-07-20',
      lastDate: '2021-07-20',
      meanScore: -2,
      reports: 1,
      incidents: 1,
      incidentIds: ['incident:bb'],
      respondsTo: ['country:USA|ACCUSES|country:CHN'],
    },
    {
      id: 'country:USA|SUPPORTS|country:CHN',
      source: 'country:USA',
      target: 'country:CHN',
      relation: 'SUPPORTS',
      count: 2,
      firstDate: null,
      lastDate: null,
      meanScore: 3.4,
      reports: 2,
      incidents: 2,
      incidentIds: ['incident:cc', 'incident:dd'],
      respondsTo: [],
    },
    {
      id: 'org:x|MEETS|country:USA',
      source: 'org:x',
      target: 'country:USA',
      relation: 'MEETS',
      count: 1,
      firstDate: '2020-01-01',
      lastDate: '2020-01-02',
      meanScore: null,
      reports: 1,
      incidents: 1,
      incidentIds: ['incident:ee'],
      respondsTo: [],
    },
  ],
  filter: { from: null, to: null, relations: null },
  exportedAt: '2026-01-02T03:04:05.000Z',
};

function edgeKey(source: string, relation: unknown, target: string): string {
  return `${source}|${String(relation)}|${target}`;
}

describe('GEXF (graphology-gexf)', () => {
  it('parses back to the same nodes, parallel edges and attributes', () => {
    const xml = writeGexfString(graph);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('version="1.3"');
    const back = parseGexf(MultiDirectedGraph, xml);
    expect(back.order).toBe(3);
    expect(back.size).toBe(4);
    expect(back.getNodeAttributes('org:x')).toMatchObject({ label: graph.nodes[2]!.name, kind: 'ORGANIZATION' });
    expect(back.getNodeAttribute('org:x', 'country')).toBeUndefined();
    expect(back.getNodeAttributes('country:CHN')).toMatchObject({ name: 'China', kind: 'COUNTRY', country: 'CHN' });
    const edges = back.mapEdges((_e, a, s, t) => ({ key: edgeKey(s, a.relation, t), a }));
    expect(edges.map((e) => e.key).sort()).toEqual(graph.edges.map((e) => e.id).sort());
    const accuses = edges.find((e) => e.key === 'country:USA|ACCUSES|country:CHN')!.a;
    expect(accuses).toMatchObject({
      relation: 'ACCUSES',
      count: 1,
      weight: 1,
      reports: 3,
      incidents: 1,
      incidentIds: 'incident:aa',
      firstDate: '2021-07-19',
      lastDate: '2021-07-21',
      meanScore: -2,
    });
    expect(edges.find((e) => e.key === 'country:CHN|DENIES|country:USA')!.a).toMatchObject({
      respondsTo: 'country:USA|ACCUSES|country:CHN',
    });
  });
});

describe('GraphML (xmlbuilder2, read back with graphology-graphml)', () => {
  it('declares typed keys and parses back to the same network', () => {
    const xml = writeGraphmlString(graph);
    expect(xml).toContain('<key id="e_count" for="edge" attr.name="count" attr.type="int"/>');
    expect(xml).toContain('edgedefault="directed"');
    expect(xml).toContain('Fish &amp; Chips &lt;"Ltd"&gt;');
    const back = parseGraphml(MultiDirectedGraph, xml);
    expect(back.order).toBe(3);
    expect(back.size).toBe(4);
    expect(back.getNodeAttributes('org:x')).toMatchObject({ name: graph.nodes[2]!.name, kind: 'ORGANIZATION' });
    expect(back.getNodeAttribute('org:x', 'country')).toBeUndefined();
    const accuses = back.getEdgeAttributes('country:USA|ACCUSES|country:CHN');
    expect(accuses).toMatchObject({
      relation: 'ACCUSES',
      count: 1,
      reports: 3,
      incidents: 1,
      incidentIds: 'incident:aa',
      firstDate: '2021-07-19',
      meanScore: -2,
    });
    expect(back.getEdgeAttribute('country:USA|SUPPORTS|country:CHN', 'incidentIds')).toBe('incident:cc incident:dd');
    expect(back.getEdgeAttribute('country:CHN|DENIES|country:USA', 'respondsTo')).toBe(
      'country:USA|ACCUSES|country:CHN',
    );
    expect(back.source('country:USA|ACCUSES|country:CHN')).toBe('country:USA');
    expect(back.getEdgeAttribute('org:x|MEETS|country:USA', 'meanScore')).toBeUndefined();
  });
});

describe('CSV (csv-stringify, read back with csv-parse)', () => {
  it('writes a nodes table and an edges table with Gephi column names', () => {
    const nodes = parseCsv(writeNodesCsv(graph), { columns: true }) as Record<string, string>[];
    expect(nodes).toHaveLength(3);
    expect(nodes[2]).toEqual({ Id: 'org:x', Label: graph.nodes[2]!.name, kind: 'ORGANIZATION', country: '' });
    const edges = parseCsv(writeEdgesCsv(graph), { columns: true }) as Record<string, string>[];
    expect(edges).toHaveLength(4);
    expect(edges[0]).toMatchObject({
      Source: 'country:USA',
      Target: 'country:CHN',
      Type: 'Directed',
      Label: 'ACCUSES',
      Weight: '1',
      relation: 'ACCUSES',
      count: '1',
      reports: '3',
      incidents: '1',
      incidentIds: 'incident:aa',
      respondsTo: '',
      firstDate: '2021-07-19',
      lastDate: '2021-07-21',
      meanScore: '-2',
      sourceName: 'United States',
      targetName: 'China',
    });
    expect(edges[3]).toMatchObject({ meanScore: '', sourceName: graph.nodes[2]!.name });
  });

  it('puts the nodes table beside the edges file', () => {
    expect(nodesCsvPath('out/network.csv')).toBe('out/network.nodes.csv');
    expect(nodesCsvPath('out/network')).toBe('out/network.nodes.csv');
    expect(exportFiles(graph, 'csv', 'n.csv').map((f) => f.path)).toEqual(['n.csv', 'n.nodes.csv']);
    expect(exportFiles(graph, 'csv', null).map((f) => f.path)).toEqual([null]);
  });
});

describe('JSON', () => {
  it('holds the nodes, edges and the filter used', () => {
    const back = JSON.parse(writeJsonString(graph)) as {
      nodes: unknown[];
      edges: unknown[];
      filter: unknown;
      exportedAt: string;
    };
    expect(back.nodes).toEqual(graph.nodes);
    expect(back.edges).toEqual(graph.edges);
    expect(back.filter).toEqual(graph.filter);
    expect(back.exportedAt).toBe(graph.exportedAt);
  });
});
