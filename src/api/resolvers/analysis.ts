/** Query.network, Query.paths, Query.timeline: the views an analyst browses the graph with. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import { dateRange, intIn, optionalId, optionalList, requiredText } from '../args.ts';
import type { ApiContext } from '../context.ts';
import { buildActorsByIdQuery } from '../cypher/actors.ts';
import { buildNetworkQuery } from '../cypher/network.ts';
import { buildPathsQuery } from '../cypher/paths.ts';
import { buildTimelineQuery } from '../cypher/timeline.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { toEventNode, type ActorRow, type EventRecord } from '../rows.ts';
import { selectsPath } from '../selection.ts';

/** A graph view stays readable (and the answer small) with at most this many edges per node shown. */
const EDGES_PER_NODE = 5;

interface NetworkEdge {
  id?: string;
  source: string;
  target: string;
  relation: string;
  count: number;
  firstDate?: string | null;
  lastDate?: string | null;
  meanScore?: number | null;
  reports?: number;
  incidents?: number;
}

interface NetworkNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

/** An edge as the query returns it: [source, relation, target, count, firstDate?, lastDate?, meanScore?, reports?, incidents?]. */
type EdgeRow = [string, string, string, number, (string | null)?, (string | null)?, (number | null)?, number?, number?];

/** Names the fields of the query's edge lists (firstDate … only when the query read them). */
export function edgeRows(rows: EdgeRow[]): NetworkEdge[] {
  const edges: NetworkEdge[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    edges[i] =
      r.length > 4
        ? {
            source: r[0],
            relation: r[1],
            target: r[2],
            count: r[3],
            firstDate: r[4] ?? null,
            lastDate: r[5] ?? null,
            meanScore: r[6] ?? null,
            reports: r[7] ?? r[3],
            incidents: r[8] ?? r[3],
          }
        : { source: r[0], relation: r[1], target: r[2], count: r[3] };
  }
  return edges;
}

/** Degrees within the returned graph, and stable edge ids. */
export function shapeNetwork(nodes: NetworkNode[], edges: NetworkEdge[], truncated: boolean) {
  const degree = new Map<string, number>();
  // The rows are this request's own (fresh from the executor): completed in place, not copied.
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    e.id = `${e.source}|${e.relation}|${e.target}`;
  }
  return {
    nodes: nodes.map((n) => Object.assign(n, { degree: degree.get(n.id) ?? 0 })),
    // Heaviest first, as the query returns them.
    edges,
    truncated,
  };
}

export const analysisResolvers = {
  Query: {
    async network(
      _: unknown,
      args: {
        actorIds: string[];
        depth?: number | null;
        relations?: string[] | null;
        from?: string | null;
        to?: string | null;
        minCount?: number | null;
        limit?: number | null;
        measure?: 'REPORTS' | 'INCIDENTS' | null;
      },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      if (args.actorIds.length === 0)
        throw new BadUserInputError('actorIds must name at least one actor', { field: 'actorIds' });
      if (args.actorIds.length > 50)
        throw new BadUserInputError('actorIds must name at most 50 actors', { field: 'actorIds' });
      const depth = intIn(args.depth, 'depth', 1, 1, 3);
      const minCount = intIn(args.minCount, 'minCount', 1, 1, 1_000_000);
      const limit = intIn(args.limit, 'limit', 100, 1, 1000);
      const { from, to } = dateRange(args.from, args.to);
      const actorIds = [...new Set(args.actorIds.map((id) => requiredText(id, 'actorIds', 500)))];
      const edgeDetails = ['firstDate', 'lastDate', 'meanScore', 'reports', 'incidents'].some((field) =>
        selectsPath(info, ['edges', field]),
      );
      const [row] = await ctx.exec.read(
        buildNetworkQuery({
          actorIds,
          depth,
          relations: optionalList(args.relations),
          from,
          to,
          minCount,
          limit,
          maxEdges: limit * EDGES_PER_NODE,
          edgeDetails,
          measure: args.measure ?? 'INCIDENTS',
        }),
      );
      const nodes = (row?.nodes as NetworkNode[] | undefined) ?? [];
      if (nodes.length === 0)
        throw new NotFoundError(`no actor with id ${actorIds.map((id) => JSON.stringify(id)).join(', ')}`);
      return shapeNetwork(nodes, edgeRows((row?.edges as EdgeRow[] | undefined) ?? []), Boolean(row?.truncated));
    },

    async paths(
      _: unknown,
      args: { from: string; to: string; maxHops?: number | null; relations?: string[] | null },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const maxHops = intIn(args.maxHops, 'maxHops', 4, 1, 6);
      const from = requiredText(args.from, 'from', 500);
      const to = requiredText(args.to, 'to', 500);
      if (from === to) throw new BadUserInputError('from and to must be different actors', { field: 'to' });
      const rows = await ctx.exec.read(
        buildPathsQuery({
          from,
          to,
          maxHops,
          relations: optionalList(args.relations),
          limit: 10,
          evidence: selectsPath(info, ['hops', 'evidence']) ? 3 : 0,
        }),
      );
      if (rows.length === 0) {
        // No path, or no such actor: tell which (one extra query, only on the empty answer).
        const found = new Set((await ctx.exec.read(buildActorsByIdQuery([from, to]))).map((r) => String(r.id)));
        for (const [name, id] of [
          ['from', from],
          ['to', to],
        ] as const)
          if (!found.has(id)) throw new NotFoundError(`${name}: no actor with id ${JSON.stringify(id)}`);
        return [];
      }
      return rows.map((r) => {
        const hops = (
          r.hops as { source: ActorRow; target: ActorRow; relation: string; count: number; evidence: EventRecord[] }[]
        ).map((h) => ({
          ...h,
          evidence: h.evidence.map(toEventNode),
        }));
        return { length: hops.length, hops };
      });
    },

    async timeline(
      _: unknown,
      args: {
        actor?: string | null;
        dyad?: { source: string; target: string } | null;
        relations?: string[] | null;
        granularity?: 'DAY' | 'WEEK' | 'MONTH' | null;
        from?: string | null;
        to?: string | null;
        measure?: 'REPORTS' | 'INCIDENTS' | null;
      },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const measure = args.measure ?? 'INCIDENTS';
      if (args.actor && args.dyad) throw new BadUserInputError('give actor or dyad, not both', { field: 'dyad' });
      const { from, to } = dateRange(args.from, args.to);
      const dyad = args.dyad
        ? {
            source: requiredText(args.dyad.source, 'dyad.source', 500),
            target: requiredText(args.dyad.target, 'dyad.target', 500),
          }
        : null;
      const actor = optionalId(args.actor, 'actor');
      const rows = await ctx.exec.read(
        buildTimelineQuery({
          actor,
          dyad,
          relations: optionalList(args.relations),
          granularity: args.granularity ?? 'MONTH',
          from,
          to,
          incidents: measure === 'INCIDENTS' || selectsPath(info, ['incidents']),
        }),
      );
      if (rows.length === 0) {
        // Nothing in the range, or no such actor: tell which, as network and paths do (one extra query, only on the empty answer).
        const named: [string, string][] = actor
          ? [['actor', actor]]
          : dyad
            ? [
                ['dyad.source', dyad.source],
                ['dyad.target', dyad.target],
              ]
            : [];
        if (named.length > 0) {
          const found = new Set(
            (await ctx.exec.read(buildActorsByIdQuery(named.map(([, id]) => id)))).map((r) => String(r.id)),
          );
          for (const [name, id] of named)
            if (!found.has(id)) throw new NotFoundError(`${name}: no actor with id ${JSON.stringify(id)}`);
        }
      }
      return rows.map((r) => {
        const reports = Number(r.count);
        const incidents = r.incidents === null || r.incidents === undefined ? reports : Number(r.incidents);
        return {
          start: r.start as string,
          count: measure === 'INCIDENTS' ? incidents : reports,
          reports,
          incidents,
          meanScore: (r.meanScore as number | null) ?? null,
        };
      });
    },
  },
};
