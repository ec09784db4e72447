/**
 * Incidents and exchanges, kept in the transaction that changes their events (ingest, update, delete,
 * corrections), right after the network statement: the incident groups and the actor pairs of the
 * touched network keys are read, decided by the pure rules and written back where they differ. The
 * network step holds each key's source lock, which covers its incident group; the exchange read locks
 * both principals of each pair.
 */
import { relationInfo } from '../ontology.ts';
import {
  buildFindPrincipals,
  buildReadExchangePairs,
  buildReadIncidentGroups,
  buildSetNetworkIncidents,
  buildWriteIncidents,
  buildWriteResponses,
  type IncidentGroupRow,
  type IncidentWrite,
  type NetworkIncidentCount,
} from './cypher/incidents.ts';
import type { NetworkKey } from './cypher/network.ts';
import type { Run } from './runner.ts';
import { EXCHANGE_RELATIONS, relationsOfRoot } from './exchange-rules.ts';
import { groupIncidents, groupKeyString, type IncidentMember } from './incidents.ts';
import { linkResponses, type ExchangeEvent, type ResponseLink } from './responses.ts';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number =>
  typeof v === 'number'
    ? v
    : typeof v === 'object' && v !== null && 'toNumber' in v
      ? (v as { toNumber(): number }).toNumber()
      : Number(v);

/** The incident groups of these network keys: (source, PLOVER root, target), sorted. */
export function incidentGroupsOf(keys: Iterable<NetworkKey>): IncidentGroupRow[] {
  const out = new Map<string, IncidentGroupRow>();
  for (const k of keys) {
    const plover = relationInfo(k.relation).plover;
    const g = { source: k.source, plover, target: k.target };
    out.set(groupKeyString(g), { ...g, relations: relationsOfRoot(plover) });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
}

/** Regroups the incidents of the groups the keys belong to; sets `incidents` on their network relationships. */
export async function refreshIncidents(run: Run, keys: NetworkKey[]): Promise<void> {
  const groups = incidentGroupsOf(keys);
  if (groups.length === 0) return;
  const members = groups.map(() => [] as (IncidentMember & { current: string[] })[]);
  for (const row of await run(buildReadIncidentGroups(groups))) {
    members[num(row.g)]!.push({
      id: String(row.id),
      articleId: String(row.articleId),
      relation: String(row.relation),
      date: str(row.date),
      datePrecision: str(row.datePrecision) ?? 'UNKNOWN',
      publishedAt: str(row.publishedAt),
      outlet: str(row.outlet),
      current: (row.incidents as string[]) ?? [],
    });
  }
  const writes: IncidentWrite[] = [];
  const counts: NetworkIncidentCount[] = [];
  for (const [gi, g] of groups.entries()) {
    const events = members[gi]!;
    const incidents = groupIncidents(g, events);
    const current = new Map(events.map((e) => [e.id, e.current]));
    const changed = incidents
      .filter((i) =>
        i.eventIds.some((id) => {
          const c = current.get(id)!;
          return c.length !== 1 || c[0] !== i.id;
        }),
      )
      .map((i) => i.id);
    writes.push({ source: g.source, plover: g.plover, target: g.target, incidents, changed });
    const incidentOf = new Map(incidents.flatMap((i) => i.eventIds.map((id) => [id, i.id] as const)));
    for (const relation of g.relations) {
      const ids = new Set(events.filter((e) => e.relation === relation).map((e) => incidentOf.get(e.id)));
      if (ids.size > 0) counts.push({ source: g.source, relation, target: g.target, incidents: ids.size });
    }
  }
  await run(buildWriteIncidents(writes));
  if (counts.length > 0) await run(buildSetNetworkIncidents(counts));
}

/** Relinks the responses between the principals of each (source, target) pair. */
export async function refreshResponses(run: Run, actorPairs: Iterable<[string, string]>): Promise<void> {
  const pairsIn = [...actorPairs];
  if (pairsIn.length === 0) return;
  const ids = [...new Set(pairsIn.flat())].sort();
  const principal = new Map<string, string>();
  for (const row of await run(buildFindPrincipals(ids))) principal.set(String(row.id), String(row.principal));
  const pairs = new Map<string, { a: string; b: string }>();
  for (const [s, t] of pairsIn) {
    const ps = principal.get(s);
    const pt = principal.get(t);
    if (!ps || !pt || ps === pt) continue;
    const [a, b] = ps < pt ? [ps, pt] : [pt, ps];
    pairs.set(`${a}\u0000${b}`, { a, b });
  }
  if (pairs.size === 0) return;
  const sorted = [...pairs.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, p]) => p);
  const rows = await run(buildReadExchangePairs(sorted, EXCHANGE_RELATIONS));
  const events: ExchangeEvent[] = [];
  const existing = new Map<string, { to: string; kind: string; cue: string | null; days: string }[]>();
  const seen = new Set<string>();
  for (const row of rows) {
    const id = String(row.id);
    if (seen.has(id)) continue;
    seen.add(id);
    events.push({
      id,
      articleId: String(row.articleId),
      relation: String(row.relation),
      sourceSide: String(row.sourceSide),
      targetSide: String(row.targetSide),
      date: str(row.date),
      precise: row.precise === true,
      publishedAt: str(row.publishedAt),
      start: num(row.start),
      sentence: str(row.sentence) ?? '',
    });
    existing.set(
      id,
      ((row.links as (string | null)[][]) ?? []).map(([to, kind, cue, days]) => ({
        to: to!,
        kind: kind!,
        cue: cue ?? null,
        days: days!,
      })),
    );
  }
  const { drop, add } = diffResponses(existing, linkResponses(events));
  if (drop.length > 0 || add.length > 0) await run(buildWriteResponses(drop, add));
}

/** What to delete and write so the stored links of these events become `wanted`. */
export function diffResponses(
  existing: ReadonlyMap<string, { to: string; kind: string; cue: string | null; days: string }[]>,
  wanted: ResponseLink[],
) {
  const want = new Map(wanted.map((l) => [l.from, l]));
  const drop: [string, string][] = [];
  const add: ResponseLink[] = [];
  for (const [from, links] of existing) {
    const w = want.get(from);
    for (const l of links) if (!w || w.to !== l.to) drop.push([from, l.to]);
  }
  for (const l of wanted) {
    const have = existing.get(l.from)?.find((x) => x.to === l.to);
    if (!have || have.kind !== l.kind || have.cue !== l.cue || have.days !== String(l.days)) add.push(l);
  }
  return { drop, add };
}

/** Both derived structures for the keys a transaction touched (and any extra actor pairs). */
export async function refreshDerived(run: Run, keys: NetworkKey[], extraPairs: [string, string][] = []): Promise<void> {
  await refreshIncidents(run, keys);
  const exchange = new Set<string>(EXCHANGE_RELATIONS);
  const pairs = keys.filter((k) => exchange.has(k.relation)).map((k) => [k.source, k.target] as [string, string]);
  await refreshResponses(run, [...pairs, ...extraPairs]);
}
