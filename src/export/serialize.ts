/**
 * Writes an ExportGraph as GEXF (graphology-gexf, for Gephi), GraphML (xmlbuilder2, which escapes
 * everything), CSV (csv-stringify; a nodes table and an edges table with Gephi's column names) or
 * JSON. Pure: graph in, text out.
 */
import { MultiDirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import { stringify } from 'csv-stringify/sync';
import { create } from 'xmlbuilder2';
import type { ExportEdge, ExportGraph, ExportNode } from './types.ts';

type NodeAttrs = Omit<ExportNode, 'id'>;
type EdgeAttrs = Omit<ExportEdge, 'id' | 'source' | 'target'>;

function describeFilter(graph: ExportGraph): string {
  const f = graph.filter;
  const parts = [
    f.from || f.to ? `events from ${f.from ?? 'the start'} to ${f.to ?? 'the end'}` : 'the stored network',
    f.relations ? `relations ${f.relations.join(', ')}` : 'all relations',
    `weight = ${f.measure === 'REPORTS' ? 'reports' : 'incidents'}`,
  ];
  return `diplograph actor network: ${parts.join('; ')}`;
}

/** Drops null values: GEXF and GraphML mean "no value" by leaving the attribute out. */
function present<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export function toGraphology(graph: ExportGraph): MultiDirectedGraph<NodeAttrs, EdgeAttrs> {
  const g = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const { id, ...attrs } of graph.nodes) g.addNode(id, attrs);
  for (const { id, source, target, ...attrs } of graph.edges) g.addDirectedEdgeWithKey(id, source, target, attrs);
  return g;
}

export function writeGexfString(graph: ExportGraph): string {
  const g = toGraphology(graph);
  g.setAttribute('description', describeFilter(graph));
  g.setAttribute('lastModifiedDate', graph.exportedAt.slice(0, 10));
  g.setAttribute('creator', 'diplograph');
  return writeGexf(g, {
    version: '1.3',
    formatNode: (_key, a) => ({
      label: a.name,
      attributes: present({ name: a.name, kind: a.kind, country: a.country }),
    }),
    formatEdge: (_key, a) => ({
      label: a.relation,
      weight: a.count,
      attributes: present({
        relation: a.relation,
        count: a.count,
        reports: a.reports,
        incidents: a.incidents,
        firstDate: a.firstDate,
        lastDate: a.lastDate,
        meanScore: a.meanScore,
        incidentIds: a.incidentIds.join(' '),
        respondsTo: a.respondsTo.join(' '),
      }),
    }),
  });
}

const GRAPHML_NODE_KEYS = [
  ['name', 'string'],
  ['kind', 'string'],
  ['country', 'string'],
] as const;
const GRAPHML_EDGE_KEYS = [
  ['relation', 'string'],
  ['count', 'int'],
  ['reports', 'int'],
  ['incidents', 'int'],
  ['firstDate', 'string'],
  ['lastDate', 'string'],
  ['meanScore', 'double'],
  ['incidentIds', 'string'],
  ['respondsTo', 'string'],
] as const;

export function writeGraphmlString(graph: ExportGraph): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele('http://graphml.graphdrawing.org/xmlns', 'graphml', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  root.com(` ${describeFilter(graph)}; exported ${graph.exportedAt} `);
  for (const [name, type] of GRAPHML_NODE_KEYS)
    root.ele('key', { id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type });
  for (const [name, type] of GRAPHML_EDGE_KEYS)
    root.ele('key', { id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type });
  const g = root.ele('graph', { id: 'diplograph', edgedefault: 'directed' });
  for (const node of graph.nodes) {
    const el = g.ele('node', { id: node.id });
    for (const [name] of GRAPHML_NODE_KEYS) {
      const value = node[name];
      if (value !== null) el.ele('data', { key: `n_${name}` }).txt(String(value));
    }
  }
  for (const edge of graph.edges) {
    const el = g.ele('edge', { id: edge.id, source: edge.source, target: edge.target });
    for (const [name] of GRAPHML_EDGE_KEYS) {
      const value = edge[name];
      // lists as space-separated ids (ids hold no spaces)
      if (value !== null)
        el.ele('data', { key: `e_${name}` }).txt(Array.isArray(value) ? value.join(' ') : String(value));
    }
  }
  return doc.end({ prettyPrint: true });
}

/** Gephi's spreadsheet import reads Id/Label for nodes and Source/Target/Type/Weight for edges. */
export function writeNodesCsv(graph: ExportGraph): string {
  return stringify(
    graph.nodes.map((n) => [n.id, n.name, n.kind, n.country ?? '']),
    { header: true, columns: ['Id', 'Label', 'kind', 'country'] },
  );
}

export function writeEdgesCsv(graph: ExportGraph): string {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return stringify(
    graph.edges.map((e) => [
      e.source,
      e.target,
      'Directed',
      e.id,
      e.relation,
      e.count,
      e.relation,
      e.count,
      e.reports,
      e.incidents,
      e.firstDate ?? '',
      e.lastDate ?? '',
      e.meanScore ?? '',
      names.get(e.source) ?? '',
      names.get(e.target) ?? '',
      e.incidentIds.join(' '),
      e.respondsTo.join(' '),
    ]),
    {
      header: true,
      columns: [
        'Source',
        'Target',
        'Type',
        'Id',
        'Label',
        'Weight',
        'relation',
        'count',
        'reports',
        'incidents',
        'firstDate',
        'lastDate',
        'meanScore',
        'sourceName',
        'targetName',
        'incidentIds',
        'respondsTo',
      ],
    },
  );
}

export function writeJsonString(graph: ExportGraph): string {
  return `${JSON.stringify({ description: describeFilter(graph), exportedAt: graph.exportedAt, filter: graph.filter, nodes: graph.nodes, edges: graph.edges }, null, 2)}\n`;
}
