/** Query.events. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import {
  actorDateFilter,
  type ActorDateFilterInput,
  decodeAfter,
  optionalId,
  optionalList,
  pageSize,
  toConnection,
} from '../args.ts';
import type { ApiContext } from '../context.ts';
import { buildEventsQuery } from '../cypher/events.ts';
import { toEventNode, type EventRecord } from '../rows.ts';
import { selects } from '../selection.ts';

interface EventFilterInput extends ActorDateFilterInput {
  relations?: string[] | null;
  article?: string | null;
  negated?: boolean | null;
}

export const eventResolvers = {
  Query: {
    async events(
      _: unknown,
      args: {
        filter?: EventFilterInput | null;
        first?: number | null;
        after?: string | null;
        orderBy?: 'DATE_ASC' | 'DATE_DESC' | null;
      },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const f = args.filter ?? {};
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const withTotal = selects(info, 'totalCount');
      const [row] = await ctx.exec.read(
        buildEventsQuery({
          ...actorDateFilter(f),
          relations: optionalList(f.relations),
          article: optionalId(f.article, 'filter.article'),
          negated: f.negated ?? null,
          order: args.orderBy === 'DATE_ASC' ? 'ASC' : 'DESC',
          offset,
          limit: first + 1,
          withTotal,
        }),
      );
      const rows = ((row?.rows as EventRecord[] | undefined) ?? []).map(toEventNode);
      return toConnection(rows, offset, first, withTotal ? Number(row?.totalCount ?? 0) : null);
    },
  },
};
