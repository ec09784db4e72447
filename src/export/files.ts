/** What an export writes: one file per format, two for CSV (edges, plus the nodes table beside it). */
import { writeEdgesCsv, writeGexfString, writeGraphmlString, writeJsonString, writeNodesCsv } from './serialize.ts';
import type { ExportFormat, ExportGraph } from './types.ts';

export interface ExportFile {
  /** null: standard output. */
  path: string | null;
  content: string;
}

/** `network.csv` → `network.nodes.csv` (the nodes table that goes with the edges). */
export function nodesCsvPath(out: string): string {
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}.nodes.csv` : `${out}.nodes.csv`;
}

export function exportFiles(graph: ExportGraph, format: ExportFormat, out: string | null): ExportFile[] {
  switch (format) {
    case 'gexf':
      return [{ path: out, content: writeGexfString(graph) }];
    case 'graphml':
      return [{ path: out, content: writeGraphmlString(graph) }];
    case 'json':
      return [{ path: out, content: writeJsonString(graph) }];
    case 'csv':
      // On standard output only the edges table fits; it carries the actors' names too.
      return out === null
        ? [{ path: null, content: writeEdgesCsv(graph) }]
        : [
            { path: out, content: writeEdgesCsv(graph) },
            { path: nodesCsvPath(out), content: writeNodesCsv(graph) },
          ];
  }
}
