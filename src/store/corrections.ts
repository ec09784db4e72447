/**
 * Analyst corrections: merge actors, add an alias, rename. The one implementation, used by the API's
 * mutations and by the tests of the ingest/corrections contract (schema/MODEL.md). Each checks the
 * actors it names, then writes in one transaction that also records a (:Correction) node with `by`,
 * the name of whoever asked (the API key's name). Failures are StoreErrors: NOT_FOUND (no such
 * actor), INVALID_CORRECTION (a merged-away actor, a bad list), KIND_MISMATCH (a merge across kinds
 * without `force`), each naming the argument at fault in `field`.
 */
import { randomUUID } from 'node:crypto';
import {
  buildActorStatesQuery,
  buildAddAliasQuery,
  buildMergeMoveQuery,
  buildRecordCorrectionQuery,
  buildRenameActorQuery,
  type CorrectionRecord,
} from './cypher/corrections.ts';
import type { NetworkKey } from './cypher/network.ts';
import { StoreError } from './errors.ts';
import type { Row, Runner } from './runner.ts';
import { refreshKeys } from './writer.ts';

/** The corrected actor (the fields of `actorProjection`) and the correction recorded. */
export interface CorrectionResult {
  actor: Row;
  correction: Row;
}

/** At most this many actors merged by one correction. */
export const MAX_MERGE = 50;

function record(
  action: CorrectionRecord['action'],
  by: string,
  actorId: string,
  actorIds: string[],
  payload: unknown,
): CorrectionRecord {
  return { id: randomUUID(), action, actorId, actorIds, payload: JSON.stringify(payload), by };
}

/** NOT_FOUND for missing actors, INVALID_CORRECTION for tombstones, in the order given; name and kind of each. */
async function checkActors(
  runner: Runner,
  ids: { field: string; id: string }[],
): Promise<Map<string, { name: string; kind: string }>> {
  const rows = await runner.read(buildActorStatesQuery(ids.map((x) => x.id)));
  const states = new Map(rows.map((r) => [String(r.id), r]));
  for (const { field, id } of ids) {
    const s = states.get(id);
    if (!s) throw new StoreError('NOT_FOUND', `${field}: no actor with id ${JSON.stringify(id)}`, { field });
    if (s.mergedInto) {
      throw new StoreError(
        'INVALID_CORRECTION',
        `${field}: actor ${JSON.stringify(id)} was merged into ${JSON.stringify(s.mergedInto)}; correct that actor instead`,
        { field },
      );
    }
  }
  return new Map(rows.map((r) => [String(r.id), { name: String(r.name), kind: String(r.kind) }]));
}

/** The write's row, or NOT_FOUND when the actor went between the check and the write. */
function result(row: Row | undefined, field: string, id: string): CorrectionResult {
  if (!row) throw new StoreError('NOT_FOUND', `${field}: no actor with id ${JSON.stringify(id)}`, { field });
  return { actor: row.actor as Row, correction: row.correction as Row };
}

/** Adds an alias to an actor (sorted, without its name); `alias` is the caller's, already checked text. */
export async function addAlias(
  runner: Runner,
  args: { actorId: string; alias: string; by: string },
): Promise<CorrectionResult> {
  await checkActors(runner, [{ field: 'actorId', id: args.actorId }]);
  const c = record('ADD_ALIAS', args.by, args.actorId, [args.actorId], { alias: args.alias });
  const [row] = await runner.write(buildAddAliasQuery(args.actorId, args.alias, c));
  return result(row, 'actorId', args.actorId);
}

/** Renames an actor and locks the name against later ingests; the previous name becomes an alias. */
export async function renameActor(
  runner: Runner,
  args: { id: string; name: string; by: string },
): Promise<CorrectionResult> {
  const before = await checkActors(runner, [{ field: 'id', id: args.id }]);
  const c = record('RENAME_ACTOR', args.by, args.id, [args.id], {
    name: args.name,
    previousName: before.get(args.id)?.name ?? null,
  });
  const [row] = await runner.write(buildRenameActorQuery(args.id, args.name, c));
  return result(row, 'id', args.id);
}

/**
 * Merges `mergeIds` into `keepId`: their events, mentions, affiliations and names move to it, they stay
 * as tombstones (`mergedInto`), and the network, incidents and exchanges of every key before and after
 * the move are recomputed, all in one transaction. Actors of different kinds (an official into a
 * country, an agency into an alliance) are almost always a slip: refused with KIND_MISMATCH unless
 * `force`, which the correction's payload records with the kinds.
 */
export async function mergeActors(
  runner: Runner,
  args: { keepId: string; mergeIds: string[]; force?: boolean; by: string },
): Promise<CorrectionResult> {
  const { keepId } = args;
  const mergeIds = [...new Set(args.mergeIds)];
  const invalid = (message: string) => new StoreError('INVALID_CORRECTION', message, { field: 'mergeIds' });
  if (mergeIds.length === 0) throw invalid('mergeIds must name at least one actor');
  if (mergeIds.length > MAX_MERGE) throw invalid(`mergeIds must name at most ${MAX_MERGE} actors`);
  if (mergeIds.includes(keepId)) throw invalid('mergeIds must not contain keepId');
  const actors = await checkActors(runner, [
    { field: 'keepId', id: keepId },
    ...mergeIds.map((id) => ({ field: 'mergeIds', id })),
  ]);
  const keepKind = actors.get(keepId)?.kind;
  const other = mergeIds.find((id) => actors.get(id)?.kind !== keepKind);
  if (other !== undefined && args.force !== true) {
    throw new StoreError(
      'KIND_MISMATCH',
      `mergeIds: actor ${JSON.stringify(other)} is ${actors.get(other)?.kind} and keepId ${JSON.stringify(keepId)} is ${keepKind}; ` +
        'merging actors of different kinds needs force: true',
      { field: 'mergeIds' },
    );
  }
  const c = record('MERGE_ACTORS', args.by, keepId, [keepId, ...mergeIds], {
    keepId,
    mergeIds,
    mergedNames: mergeIds.map((id) => actors.get(id)?.name ?? null),
    ...(other !== undefined
      ? {
          forced: true,
          kinds: Object.fromEntries([keepId, ...mergeIds].map((id) => [id, actors.get(id)?.kind ?? null])),
        }
      : {}),
  });
  const row = await runner.transaction(async (run) => {
    const [moved] = await run(buildMergeMoveQuery(keepId, mergeIds));
    const before = (moved?.keys as NetworkKey[] | undefined) ?? [];
    const merged = new Set(mergeIds);
    const after = before.map((k) => ({
      source: merged.has(k.source) ? keepId : k.source,
      relation: k.relation,
      target: merged.has(k.target) ? keepId : k.target,
    }));
    await refreshKeys(run, [...before, ...after]);
    const [out] = await run(buildRecordCorrectionQuery(keepId, c));
    return out;
  });
  return result(row, 'keepId', keepId);
}
