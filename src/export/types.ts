/** The exported network: actors and one edge per (source, relation, target), plus what was asked for. */
import type { NetworkActor, NetworkEdge } from '../network.ts';

export type ExportNode = NetworkActor;
/** `count` is the measured weight (incidents by default, else reports); both are given. */
export interface ExportEdge extends NetworkEdge {
  reports: number;
  incidents: number;
  /** The incidents its events belong to (sorted). */
  incidentIds: string[];
  /** The edges (source|relation|target) holding the events its events answer (sorted). */
  respondsTo: string[];
}

export type ExportMeasure = 'REPORTS' | 'INCIDENTS';

export interface ExportFilter {
  /** YYYY-MM-DD; with from/to the edges are counted from the events in range. */
  from: string | null;
  to: string | null;
  /** null: every relation of the ontology. */
  relations: string[] | null;
  /** What `count` (the weight) counts; default INCIDENTS. */
  measure?: ExportMeasure;
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
