/** Query.actor, Query.actors, and the Actor and ActorRelation types. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import {
  buildFulltextQuery,
  dateRange,
  decodeAfter,
  optionalId,
  optionalList,
  pageSize,
  toConnection,
} from '../args.ts';
import type { ApiContext } from '../context.ts';
import { aliasKey, dictionaryActorIds } from '../actor-aliases.ts';
import { buildActorsByIdQuery, buildActorsQuery } from '../cypher/actors.ts';
import { BadUserInputError } from '../errors.ts';
import type { ActorRow, RelationRow } from '../rows.ts';
import { toEventNode } from '../rows.ts';
import { selects } from '../selection.ts';

interface ActorsArgs {
  search?: string | null;
  kinds?: string[] | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
}

interface RelationsFieldArgs {
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  relations?: string[] | null;
  counterpart?: string | null;
  from?: string | null;
  to?: string | null;
  first?: number | null;
  after?: string | null;
}

export const actorResolvers = {
  Query: {
    async actor(_: unknown, args: { id: string }, ctx: ApiContext): Promise<ActorRow | null> {
      const rows = await ctx.exec.read(buildActorsByIdQuery([args.id]));
      return (rows[0]?.actor as ActorRow | undefined) ?? null;
    },
    async actors(_: unknown, args: ActorsArgs, ctx: ApiContext, info: GraphQLResolveInfo) {
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const country = optionalId(args.country, 'country');
      if (country !== null && !/^[A-Z]{3}$/.test(country))
        throw new BadUserInputError('country must be an ISO 3166-1 alpha-3 code like CHN', { field: 'country' });
      const search = args.search ?? null;
      if (search !== null && search.length > 200)
        throw new BadUserInputError('search must be at most 200 characters', { field: 'search' });
      const fulltext = search !== null ? buildFulltextQuery(search) : null;
      const withTotal = selects(info, 'totalCount');
      const exact =
        fulltext !== null && search !== null ? { key: aliasKey(search), ids: dictionaryActorIds(search) } : undefined;
      const [row] = await ctx.exec.read(
        buildActorsQuery({
          fulltext,
          kinds: optionalList(args.kinds),
          country,
          offset,
          limit: first + 1,
          withTotal,
          ...(exact ? { exact } : {}),
        }),
      );
      return toConnection(
        (row?.rows as ActorRow[] | undefined) ?? [],
        offset,
        first,
        withTotal ? Number(row?.totalCount ?? 0) : null,
      );
    },
  },
  Actor: {
    aliases: (a: ActorRow) => a.aliases ?? [],
    mergedInto: (a: ActorRow, _: unknown, ctx: ApiContext) =>
      a.mergedInto ? ctx.loaders.actor.load(a.mergedInto) : null,
    represents: async (a: ActorRow, _: unknown, ctx: ApiContext) =>
      (await ctx.loaders.affiliations.load(a.id)).represents,
    partOf: async (a: ActorRow, _: unknown, ctx: ApiContext) => (await ctx.loaders.affiliations.load(a.id)).partOf,
    memberOf: async (a: ActorRow, _: unknown, ctx: ApiContext) => (await ctx.loaders.affiliations.load(a.id)).memberOf,
    members: async (a: ActorRow, _: unknown, ctx: ApiContext) => (await ctx.loaders.affiliations.load(a.id)).members,
    async relations(a: ActorRow, args: RelationsFieldArgs, ctx: ApiContext) {
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const { from, to } = dateRange(args.from, args.to);
      const page = await ctx.loaders
        .relations({
          direction: args.direction ?? 'BOTH',
          relations: optionalList(args.relations),
          counterpart: optionalId(args.counterpart, 'counterpart'),
          from,
          to,
          offset,
          limit: first + 1,
        })
        .load(a.id);
      return toConnection(page.rows, offset, first, page.totalCount);
    },
  },
  ActorRelation: {
    async events(r: RelationRow, args: { first?: number | null }, ctx: ApiContext) {
      const first = pageSize(args.first, 'first', 5);
      const [source, target] = r.direction === 'OUT' ? [r.actorId, r.counterpart.id] : [r.counterpart.id, r.actorId];
      const rows = await ctx.loaders
        .relationEvents({ from: r.from, to: r.to, first })
        .load({ source, relation: r.relation, target });
      return rows.map(toEventNode);
    },
  },
};
