/**
 * A synthetic network made in the browser (`?synthetic=2000x5000`), for the render benchmark and
 * for trying the page without a database. Deterministic: the same size gives the same graph.
 */
import { KIND_STYLES, RELATIONS } from './ontology.ts';
import type { DataSource } from './source.ts';
import { seededRandom } from '../../util/random.ts';
import type { ActorDetails, Network, NetworkEdge, NetworkNode } from './types.ts';

export function parseSyntheticSize(param: string | null): { nodes: number; edges: number } | null {
  const m = param ? /^(\d{1,6})x(\d{1,7})$/.exec(param) : null;
  if (!m) return null;
  return { nodes: Math.max(2, Math.min(50_000, Number(m[1]))), edges: Math.min(200_000, Number(m[2])) };
}

function isoDay(start: number, offsetDays: number): string {
  return new Date(start + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Clustered, heavy-tailed: most edges stay within a community, hubs attract more. */
export function generateNetwork(nodeCount: number, edgeCount: number, seed = 42): Network {
  const random = seededRandom(seed);
  const communities = Math.max(1, Math.round(Math.sqrt(nodeCount) / 2));
  const nodes: NetworkNode[] = [];
  const kinds = KIND_STYLES.map((k) => k.kind);
  for (let i = 0; i < nodeCount; i++) {
    const kind = kinds[Math.floor(random() ** 1.6 * kinds.length)] ?? 'COUNTRY';
    nodes.push({
      id: `syn:${i}`,
      name: `${kind.charAt(0)}${kind.slice(1).toLowerCase()} ${i}`,
      kind,
      country: null,
      degree: 0,
    });
  }
  // Node i belongs to community i % communities; hubs (high weight) are picked more often.
  const weight = nodes.map(() => random() ** 3);
  const perCommunity = Math.ceil(nodeCount / communities);
  const pick = (community: number | null): number => {
    for (let tries = 0; tries < 8; tries++) {
      const c = community ?? Math.floor(random() * communities);
      const i = c + communities * Math.floor(random() * perCommunity);
      if (i < nodeCount && random() < 0.15 + (weight[i] ?? 0)) return i;
    }
    return Math.floor(random() * nodeCount);
  };
  const edges: NetworkEdge[] = [];
  const seen = new Set<string>();
  const start = Date.UTC(2019, 0, 1);
  const degree = new Array<number>(nodeCount).fill(0);
  for (let attempts = 0; edges.length < edgeCount && attempts < edgeCount * 20; attempts++) {
    const s = pick(null);
    const t = random() < 0.8 ? pick(s % communities) : pick(null);
    if (s === t) continue;
    const rel = RELATIONS[Math.floor(random() * RELATIONS.length)];
    if (!rel) continue;
    const id = `syn:${s}|${rel.name}|syn:${t}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const first = Math.floor(random() * 1700);
    const count = 1 + Math.floor(random() ** 4 * 40);
    edges.push({
      id,
      source: `syn:${s}`,
      target: `syn:${t}`,
      relation: rel.name,
      count,
      firstDate: isoDay(start, first),
      lastDate: isoDay(start, first + Math.floor(random() * 300)),
      meanScore: rel.score,
    });
    degree[s] = (degree[s] ?? 0) + 1;
    degree[t] = (degree[t] ?? 0) + 1;
  }
  nodes.forEach((n, i) => (n.degree = degree[i] ?? 0));
  return { nodes, edges, truncated: false };
}

export function createSyntheticSource(size: { nodes: number; edges: number }): DataSource {
  const network = generateNetwork(size.nodes, size.edges);
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  return {
    kind: 'synthetic',
    async searchActors(search) {
      const q = search.toLowerCase();
      return network.nodes
        .filter((n) => n.name.toLowerCase().includes(q))
        .slice(0, 10)
        .map((n) => ({ ...n, aliases: [] }));
    },
    async network(_seeds, filters) {
      const edges = network.edges.filter(
        (e) =>
          e.count >= filters.minCount &&
          (filters.relations === null || filters.relations.includes(e.relation)) &&
          (filters.from === null || (e.lastDate ?? '') >= filters.from) &&
          (filters.to === null || (e.firstDate ?? '') <= filters.to),
      );
      const used = new Set(edges.flatMap((e) => [e.source, e.target]));
      return { nodes: network.nodes.filter((n) => used.has(n.id)), edges, truncated: false };
    },
    async actor(id): Promise<ActorDetails | null> {
      const n = byId.get(id);
      if (!n) return null;
      const rels = network.edges.filter((e) => e.source === id || e.target === id).sort((a, b) => b.count - a.count);
      return {
        ...n,
        aliases: [],
        title: null,
        represents: [],
        partOf: [],
        memberOf: [],
        members: [],
        relations: {
          totalCount: rels.length,
          nodes: rels.slice(0, 10).flatMap((e) => {
            const other = byId.get(e.source === id ? e.target : e.source);
            return other
              ? [
                  {
                    relation: e.relation,
                    direction: e.source === id ? ('OUT' as const) : ('IN' as const),
                    count: e.count,
                    meanScore: e.meanScore,
                    firstDate: e.firstDate,
                    lastDate: e.lastDate,
                    counterpart: other,
                  },
                ]
              : [];
          }),
        },
      };
    },
    async edgeEvents() {
      return { total: 0, events: [] };
    },
    async timeline() {
      const counts = new Map<string, number>();
      for (const e of network.edges) {
        const m = `${(e.firstDate ?? '').slice(0, 7)}-01`;
        counts.set(m, (counts.get(m) ?? 0) + e.count);
      }
      return [...counts].map(([start, count]) => ({ start, count }));
    },
  };
}
