/** Query.corrections and the correction mutations (mergeActors, addAlias, renameActor). */
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from '../graphql.ts';
import { buildRefreshNetwork, uniqueNetworkKeys, type NetworkKey } from '../../store/cypher/network.ts';
import { refreshDerived } from '../../store/derived.ts';
import { decodeAfter, optionalId, pageSize, requiredText, toConnection } from '../args.ts';
import type { ApiContext } from '../context.ts';
import {
  buildActorStatesQuery,
  buildAddAliasQuery,
  buildCorrectionsQuery,
  buildMergeMoveQuery,
  buildRecordCorrectionQuery,
  buildRenameActorQuery,
  type CorrectionRecord,
} from '../cypher/corrections.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { CypherQuery, Row } from '../executor.ts';
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

function record(ctx: ApiContext, action: CorrectionRecord['action'], actorId: string, actorIds: string[], payload: unknown): CorrectionRecord {
  return { id: randomUUID(), action, actorId, actorIds, payload: JSON.stringify(payload), by: ctx.caller.name };
}

/** NOT_FOUND for missing actors, BAD_USER_INPUT for tombstones, in the order given. */
async function checkActors(ctx: ApiContext, ids: { field: string; id: string }[]): Promise<Map<string, { name: string; kind: string }>> {
  const rows = await ctx.exec.read(buildActorStatesQuery(ids.map((x) => x.id)));
  const states = new Map(rows.map((r) => [String(r.id), r]));
  for (const { field, id } of ids) {
    const s = states.get(id);
    if (!s) throw new NotFoundError(`${field}: no actor with id ${JSON.stringify(id)}`);
    if (s.mergedInto) throw new BadUserInputError(`${field}: actor ${JSON.stringify(id)} was merged into ${JSON.stringify(s.mergedInto)}; correct that actor instead`, { field });
  }
  return new Map(rows.map((r) => [String(r.id), { name: String(r.name), kind: String(r.kind) }]));
}

/** Runs a single-actor correction; on no row, says why (missing or merged actor). */
async function runActorCorrection(ctx: ApiContext, field: string, actorId: string, query: CypherQuery) {
  await checkActors(ctx, [{ field, id: actorId }]);
  const [row] = await ctx.exec.write(query);
  if (!row) throw new NotFoundError(`${field}: no actor with id ${JSON.stringify(actorId)}`);
  return { actor: row.actor as ActorRow, correction: row.correction as CorrectionRow };
}

export const correctionResolvers = {
  Query: {
    async corrections(_: unknown, args: { actorId?: string | null; first?: number | null; after?: string | null }, ctx: ApiContext, info: GraphQLResolveInfo) {
      const first = pageSize(args.first);
      const offset = decodeAfter(args.after);
      const withTotal = selects(info, 'totalCount');
      const [row] = await ctx.exec.read(buildCorrectionsQuery(optionalId(args.actorId, 'actorId'), offset, first + 1, withTotal));
      return toConnection((row?.rows as CorrectionRow[] | undefined) ?? [], offset, first, withTotal ? Number(row?.totalCount ?? 0) : null);
    },
  },
  Correction: {
    actor: (c: CorrectionRow, _: unknown, ctx: ApiContext) => ctx.loaders.actor.load(c.actorId),
  },
  Mutation: {
    async addAlias(_: unknown, args: { actorId: string; alias: string }, ctx: ApiContext) {
      const alias = requiredText(args.alias, 'alias', 200);
      const c = record(ctx, 'ADD_ALIAS', args.actorId, [args.actorId], { alias });
      return runActorCorrection(ctx, 'actorId', args.actorId, buildAddAliasQuery(args.actorId, alias, c));
    },

    async renameActor(_: unknown, args: { id: string; name: string }, ctx: ApiContext) {
      const name = requiredText(args.name, 'name', 200);
      const before = await checkActors(ctx, [{ field: 'id', id: args.id }]);
      const c = record(ctx, 'RENAME_ACTOR', args.id, [args.id], { name, previousName: before.get(args.id)?.name ?? null });
      const [row] = await ctx.exec.write(buildRenameActorQuery(args.id, name, c));
      if (!row) throw new NotFoundError(`id: no actor with id ${JSON.stringify(args.id)}`);
      return { actor: row.actor as ActorRow, correction: row.correction as CorrectionRow };
    },

    async mergeActors(_: unknown, args: { keepId: string; mergeIds: string[]; force?: boolean | null }, ctx: ApiContext) {
      const mergeIds = [...new Set(args.mergeIds)];
      if (mergeIds.length === 0) throw new BadUserInputError('mergeIds must name at least one actor', { field: 'mergeIds' });
      if (mergeIds.length > 50) throw new BadUserInputError('mergeIds must name at most 50 actors', { field: 'mergeIds' });
      if (mergeIds.includes(args.keepId)) throw new BadUserInputError('mergeIds must not contain keepId', { field: 'mergeIds' });
      const names = await checkActors(ctx, [{ field: 'keepId', id: args.keepId }, ...mergeIds.map((id) => ({ field: 'mergeIds', id }))]);
      // An official merged into a country (or an agency into an alliance) is almost always a slip: it
      // takes a deliberate force: true, which the correction records.
      const keepKind = names.get(args.keepId)?.kind;
      const otherKind = mergeIds.find((id) => names.get(id)?.kind !== keepKind);
      if (otherKind !== undefined && args.force !== true) {
        throw new BadUserInputError(
          `mergeIds: actor ${JSON.stringify(otherKind)} is ${names.get(otherKind)?.kind} and keepId ${JSON.stringify(args.keepId)} is ${keepKind}; ` +
            'merging actors of different kinds needs force: true',
          { field: 'mergeIds', reason: 'KIND_MISMATCH' },
        );
      }
      const c = record(ctx, 'MERGE_ACTORS', args.keepId, [args.keepId, ...mergeIds], {
        keepId: args.keepId,
        mergeIds,
        mergedNames: mergeIds.map((id) => names.get(id)?.name ?? null),
        ...(otherKind !== undefined ? { forced: true, kinds: Object.fromEntries([args.keepId, ...mergeIds].map((id) => [id, names.get(id)?.kind ?? null])) } : {}),
      });
      // One transaction: move, refresh the network (and its incidents and exchanges) for the keys before and after the move, record.
      const row = await ctx.exec.transaction(async (run) => {
        const [moved] = await run(buildMergeMoveQuery(args.keepId, mergeIds));
        const before = (moved?.keys as NetworkKey[] | undefined) ?? [];
        const merged = new Set(mergeIds);
        const after = before.map((k) => ({
          source: merged.has(k.source) ? args.keepId : k.source,
          relation: k.relation,
          target: merged.has(k.target) ? args.keepId : k.target,
        }));
        const keys = uniqueNetworkKeys([...before, ...after]);
        for (const q of buildRefreshNetwork(keys)) await run(q);
        // incidents and exchanges of the same keys, in the same transaction
        await refreshDerived(run, keys);
        const [out] = await run(buildRecordCorrectionQuery(args.keepId, c));
        return out as Row | undefined;
      });
      if (!row) throw new NotFoundError(`keepId: no actor with id ${JSON.stringify(args.keepId)}`);
      return { actor: row.actor as ActorRow, correction: row.correction as CorrectionRow };
    },
  },
};
