/** Query.corrections and the correction mutations (mergeActors, addAlias, renameActor), carried out by the store. */
import type { GraphQLResolveInfo } from '../graphql.ts';
import { addAlias, mergeActors, renameActor, type CorrectionResult } from '../../store/corrections.ts';
import { buildCorrectionsQuery } from '../../store/cypher/corrections.ts';
import { StoreError } from '../../store/errors.ts';
import { decodeAfter, optionalId, pageSize, requiredText, toConnection } from '../args.ts';
import type { ApiContext } from '../context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { ActorRow } from '../rows.ts';
import { selects } from '../selection.ts';

interface CorrectionRow {
  id: string;
  action: string;
  actorId: string;
  payload: string;
  by: string;
  at: string;
}

/** The store's coded refusals as the API's errors: NOT_FOUND, or BAD_USER_INPUT naming the field (and the reason for a kind mismatch). */
async function correct(work: Promise<CorrectionResult>): Promise<{ actor: ActorRow; correction: CorrectionRow }> {
  try {
    const { actor, correction } = await work;
    return { actor: actor as unknown as ActorRow, correction: correction as unknown as CorrectionRow };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    if (error.code === 'NOT_FOUND') throw new NotFoundError(error.message);
    if (error.code === 'KIND_MISMATCH')
      throw new BadUserInputError(error.message, { field: error.field, reason: 'KIND_MISMATCH' });
    throw new BadUserInputError(error.message, { field: error.field });
  }
}

export const correctionResolvers = {
  Query: {
    async corrections(
      _: unknown,
      args: { actorId?: string | null; first?: number | null; after?: string | null },
      ctx: ApiContext,
      info: GraphQLResolveInfo,
    ) {
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const withTotal = selects(info, 'totalCount');
      const [row] = await ctx.exec.read(
        buildCorrectionsQuery(optionalId(args.actorId, 'actorId'), offset, first + 1, withTotal),
      );
      return toConnection(
        (row?.rows as CorrectionRow[] | undefined) ?? [],
        offset,
        first,
        withTotal ? Number(row?.totalCount ?? 0) : null,
      );
    },
  },
  Correction: {
    actor: (c: CorrectionRow, _: unknown, ctx: ApiContext) => ctx.loaders.actor.load(c.actorId),
  },
  Mutation: {
    addAlias(_: unknown, args: { actorId: string; alias: string }, ctx: ApiContext) {
      const alias = requiredText(args.alias, 'alias', 200);
      return correct(addAlias(ctx.exec, { actorId: args.actorId, alias, by: ctx.caller.name }));
    },

    renameActor(_: unknown, args: { id: string; name: string }, ctx: ApiContext) {
      const name = requiredText(args.name, 'name', 200);
      return correct(renameActor(ctx.exec, { id: args.id, name, by: ctx.caller.name }));
    },

    mergeActors(_: unknown, args: { keepId: string; mergeIds: string[]; force?: boolean | null }, ctx: ApiContext) {
      return correct(
        mergeActors(ctx.exec, {
          keepId: args.keepId,
          mergeIds: args.mergeIds,
          force: args.force === true,
          by: ctx.caller.name,
        }),
      );
    },
  },
};
