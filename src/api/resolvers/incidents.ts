/** Query.incidents, Query.exchanges, Event.incident / respondsTo / responses, Incident.reports. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import {
  actorDateFilter,
  type ActorDateFilterInput,
  dateRange,
  decodeAfter,
  intIn,
  optionalId,
  pageSize,
  toConnection,
} from '../args.ts';
import type { ApiContext } from '../context.ts';
import { buildExchangesQuery, buildIncidentsQuery } from '../cypher/incidents.ts';
import { BadUserInputError } from '../errors.ts';
import { toEventNode, type EventNode, type EventRecord, type IncidentRow, type ResponseLinkRow } from '../rows.ts';
import { selects } from '../selection.ts';

interface IncidentFilterInput extends ActorDateFilterInput {
  minReports?: number | null;
}

const link = (self: EventNode, row: ResponseLinkRow, direction: 'out' | 'in') => {
  const other = toEventNode(row.other);
  return {
    response: direction === 'out' ? self : other,
    answers: direction === 'out' ? other : self,
    kind: row.kind.toUpperCase(),
    cue: row.cue,
    days: Number(row.days),
  };
};

export const incidentResolvers = {
  Query: {
    async incidents(
      _: unknown,
      args: { filter?: IncidentFilterInput | null; first?: number | null; after?: string | null },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const f = args.filter ?? {};
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const withTotal = selects(info, 'totalCount');
      const [row] = await ctx.exec.read(
        buildIncidentsQuery({
          ...actorDateFilter(f),
          minReports: intIn(f.minReports, 'filter.minReports', 1, 1, 1_000_000),
          offset,
          limit: first + 1,
          withTotal,
        }),
      );
      return toConnection(
        (row?.rows as IncidentRow[] | undefined) ?? [],
        offset,
        first,
        withTotal ? Number(row?.totalCount ?? 0) : null,
      );
    },
    async exchanges(
      _: unknown,
      args: { actorA: string; actorB: string; from?: string | null; to?: string | null; first?: number | null },
      ctx: ApiContext,
    ) {
      const a = optionalId(args.actorA, 'actorA');
      const b = optionalId(args.actorB, 'actorB');
      if (!a || !b) throw new BadUserInputError('actorA and actorB are required');
      if (a === b) throw new BadUserInputError('actorA and actorB must differ');
      const { from, to } = dateRange(args.from, args.to);
      const rows = await ctx.exec.read(buildExchangesQuery(a, b, from, to, pageSize(args.first, 'first', 50)));
      return rows.map((r) => toEventNode(r.event as EventRecord));
    },
  },
  Event: {
    incident: (e: EventNode, _: unknown, ctx: ApiContext) => ctx.loaders.eventIncident.load(e.id),
    async respondsTo(e: EventNode, _: unknown, ctx: ApiContext) {
      const [row] = await ctx.loaders.respondsTo.load(e.id);
      return row ? link(e, row, 'out') : null;
    },
    async responses(e: EventNode, _: unknown, ctx: ApiContext) {
      return (await ctx.loaders.responses.load(e.id)).map((row) => link(e, row, 'in'));
    },
  },
  Incident: {
    reports: async (i: IncidentRow, _: unknown, ctx: ApiContext) =>
      (await ctx.loaders.incidentReports.load(i.id)).map(toEventNode),
  },
};
