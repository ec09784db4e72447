/** The exported network: actors and one edge per (source, relation, target), plus what was asked for. */

export interface ExportNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

export interface ExportEdge {
  /** source|relation|target, as in the GraphQL network. */
  id: string;
  source: string;
  target: string;
  relation: string;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  meanScore: number | null;
}

export interface ExportFilter {
  /** YYYY-MM-DD; with from/to the edges are counted from the events in range. */
  from: string | null;
  to: string | null;
  /** null: every relation of the ontology. */
  relations: string[] | null;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  filter: ExportFilter;
  /** ISO date-time of the export. */
  exportedAt: string;
}

export type ExportFormat = 'graphml' | 'gexf' | 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['graphml', 'gexf', 'csv', 'json'];
