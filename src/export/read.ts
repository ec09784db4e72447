/** Reads the network to export from Neo4j (one read query) and converts driver values at the boundary. */
import neo4j, { type Driver } from 'neo4j-driver';
import { buildExportQuery } from './cypher.ts';
import type { ExportEdge, ExportFilter, ExportGraph, ExportNode } from './types.ts';

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  return typeof value === 'number' ? value : Number(value);
}

function toDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isDate(value)) return value.toString();
  return String(value).slice(0, 10);
}

function toNode(value: unknown): ExportNode {
  const v = value as { id: string; name?: string | null; kind?: string | null; country?: string | null };
  return { id: v.id, name: v.name ?? v.id, kind: v.kind ?? 'UNKNOWN', country: v.country ?? null };
}

export async function readNetwork(driver: Driver, filter: ExportFilter, database?: string): Promise<ExportGraph> {
  const { cypher, params } = buildExportQuery(filter);
  const { records } = await driver.executeQuery(cypher, params, { database, routing: neo4j.routing.READ });
  const nodes = new Map<string, ExportNode>();
  const edges: ExportEdge[] = records.map((rec) => {
    const source = toNode(rec.get('source'));
    const target = toNode(rec.get('target'));
    nodes.set(source.id, source);
    nodes.set(target.id, target);
    const relation = String(rec.get('relation'));
    const mean = toNumber(rec.get('meanScore'));
    const reports = toNumber(rec.get('count')) ?? 0;
    const incidentIds = (rec.get('incidentIds') as string[] | null) ?? [];
    return {
      id: `${source.id}|${relation}|${target.id}`,
      source: source.id,
      target: target.id,
      relation,
      count: filter.measure === 'REPORTS' ? reports : incidentIds.length,
      reports,
      incidents: incidentIds.length,
      incidentIds,
      respondsTo: (rec.get('respondsTo') as string[] | null) ?? [],
      firstDate: toDate(rec.get('firstDate')),
      lastDate: toDate(rec.get('lastDate')),
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
