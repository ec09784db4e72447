/** Reads the network to export from Neo4j: one read query through the store's runner (plain values back). */
import type { Driver } from 'neo4j-driver';
import { createRunner } from '../store/runner.ts';
import { buildExportQuery } from './cypher.ts';
import type { ExportEdge, ExportFilter, ExportGraph, ExportNode } from './types.ts';

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

function toDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value).slice(0, 10);
}

function toNode(value: unknown): ExportNode {
  const v = value as { id: string; name?: string | null; kind?: string | null; country?: string | null };
  return { id: v.id, name: v.name ?? v.id, kind: v.kind ?? 'UNKNOWN', country: v.country ?? null };
}

export async function readNetwork(driver: Driver, filter: ExportFilter, database?: string): Promise<ExportGraph> {
  const rows = await createRunner(driver, database).read(buildExportQuery(filter));
  const nodes = new Map<string, ExportNode>();
  const edges: ExportEdge[] = rows.map((rec) => {
    const source = toNode(rec.source);
    const target = toNode(rec.target);
    nodes.set(source.id, source);
    nodes.set(target.id, target);
    const relation = String(rec.relation);
    const mean = toNumber(rec.meanScore);
    const reports = toNumber(rec.count) ?? 0;
    const incidentIds = (rec.incidentIds as string[] | null) ?? [];
    return {
      id: `${source.id}|${relation}|${target.id}`,
      source: source.id,
      target: target.id,
      relation,
      count: filter.measure === 'REPORTS' ? reports : incidentIds.length,
      reports,
      incidents: incidentIds.length,
      incidentIds,
      respondsTo: (rec.respondsTo as string[] | null) ?? [],
      firstDate: toDate(rec.firstDate),
      lastDate: toDate(rec.lastDate),
      meanScore: mean === null ? null : Math.round(mean * 1000) / 1000,
    };
  });
  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges,
    filter,
    exportedAt: new Date().toISOString(),
  };
}
