/**
 * The one module that opens write transactions for ingest. A batch of prepared articles is written in
 * one `executeWrite` (retried by the driver on transient errors, deadlocks included, so everything in
 * it is safe to repeat: MERGE on constrained keys; network totals added to only under the source
 * actor's lock, by a transaction whose earlier attempts were rolled back).
 *
 * Lock order, the same in every transaction so concurrent batches wait rather than deadlock:
 * articles (by id), then actors (by id), then network sources.
 */
import type { Driver } from 'neo4j-driver';
import { buildAddAliases, buildFindMergedActors, buildUpsertActors, type AliasRow } from './cypher/actors.ts';
import { buildWriteAffiliations, buildWriteMemberships } from './cypher/affiliations.ts';
import {
  buildDeleteArticle,
  buildDeleteOrphanActors,
  buildDeleteArticleEvents,
  buildDeleteMentions,
  buildClaimArticles,
  buildWriteArticles,
} from './cypher/articles.ts';
import { buildWriteEvents } from './cypher/events.ts';
import { buildActorEventPairs } from './cypher/incidents.ts';
import {
  buildRefreshNetwork,
  buildUpdateNetwork,
  networkAdditions,
  uniqueNetworkKeys,
  type NetworkKey,
} from './cypher/network.ts';
import { createRunner, type Run } from './runner.ts';
import { refreshDerived } from './derived.ts';
import { errorCode, errorMessage } from './errors.ts';
import { membershipsFor } from './memberships.ts';
import { redirectActors, withArticleId, type ActorRow, type PreparedArticle } from './prepare.ts';

export type WriteStatus = 'new' | 'duplicate' | 'updated';

export interface WriteOutcome {
  status: WriteStatus | 'failed' | 'deferred';
  articleId: string;
  actorIds: string[];
  eventIds: string[];
  error?: { code: string; message: string };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Follows `mergedInto` chains from their first hop; returns id -> surviving id (only for merged ones). */
async function resolveMerged(run: Run, firstHop: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const next = new Map(firstHop);
  let ask = [...new Set(firstHop.values())];
  for (let hop = 0; hop < 10 && ask.length > 0; hop++) {
    const rows = await run(buildFindMergedActors(ask));
    ask = [];
    for (const r of rows) {
      const id = str(r.id);
      const into = str(r.mergedInto);
      if (id && into && !next.has(id)) {
        next.set(id, into);
        ask.push(into);
      }
    }
  }
  const final = new Map<string, string>();
  for (const id of next.keys()) {
    let to = id;
    for (let hop = 0; hop < 10 && next.has(to); hop++) to = next.get(to)!;
    if (to !== id) final.set(id, to);
  }
  return final;
}

/** Everything one transaction does for a batch. Re-entrant: the driver may call it again on a transient error. */
async function writeInTransaction(run: Run, batch: PreparedArticle[]): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = batch.map((p) => ({
    status: 'new',
    articleId: p.article.id,
    actorIds: p.actors.map((a) => a.id),
    eventIds: p.events.map((e) => e.id),
  }));

  // 1. Which stored article each one is, locked; new / updated / duplicate decided under the lock.
  const batchActorIds = [...new Set(batch.flatMap((p) => p.actors.map((a) => a.id)))].sort();
  const claimed = await run(
    buildClaimArticles(
      batch.map((p, key) => ({ key, id: p.article.id, url: p.article.url, contentHash: p.article.contentHash })),
      batchActorIds,
    ),
  );
  const firstHop = new Map(
    ((claimed[0]?.merged as [string, string][] | undefined) ?? []).map(([id, into]) => [id, into]),
  );
  const writing: PreparedArticle[] = [];
  const replaced: string[] = [];
  const claimedIds = new Set<string>();
  for (const row of claimed) {
    const i = Number(row.key);
    const o = outcomes[i]!;
    const p = batch[i]!;
    const id = str(row.id);
    if (id === null) {
      o.status = 'duplicate'; // the same content is stored under another id
      o.articleId = str(row.byHash) ?? p.article.id;
      continue;
    }
    o.articleId = id;
    if (claimedIds.has(id)) {
      o.status = 'deferred'; // two rows of this batch are one article: the caller writes this one next
      continue;
    }
    claimedIds.add(id);
    const before = str(row.before);
    if (before === p.article.contentHash) {
      o.status = 'duplicate';
      continue;
    }
    if (before !== null) {
      o.status = 'updated';
      replaced.push(id);
    }
    writing.push(withArticleId(p, id));
  }
  if (writing.length === 0) return outcomes;

  // 3. An updated article's old events go; the network keys they counted in are recomputed below.
  const touched: Partial<NetworkKey>[] = [];
  if (replaced.length > 0) {
    for (const row of await run(buildDeleteArticleEvents(replaced))) {
      touched.push({
        source: str(row.source) ?? undefined,
        relation: str(row.relation) ?? undefined,
        target: str(row.target) ?? undefined,
      });
    }
    await run(buildDeleteMentions(replaced));
  }

  // 4. Actors merged away by an analyst: their events go to the survivor.
  const redirect = firstHop.size > 0 ? await resolveMerged(run, firstHop) : firstHop;
  const articles = writing.map((p) => redirectActors(p, redirect));

  // 5. Actors, in id order.
  const byKind = new Map<string, Map<string, ActorRow>>();
  const aliasesFor = new Map<string, Set<string>>();
  for (const p of articles) {
    for (const a of p.actors) {
      const survivor = redirect.get(a.id);
      if (survivor) {
        const set = aliasesFor.get(survivor) ?? new Set<string>();
        for (const name of [a.name, ...a.aliases]) set.add(name);
        aliasesFor.set(survivor, set);
        continue;
      }
      const rows = byKind.get(a.kind) ?? new Map<string, ActorRow>();
      const prev = rows.get(a.id);
      rows.set(a.id, prev ? mergeActorRows(prev, a) : a);
      byKind.set(a.kind, rows);
    }
  }
  const actorRows = [...byKind.values()].flatMap((m) => [...m.values()]);
  const created = new Set<string>();
  if (actorRows.length > 0) {
    for (const row of await run(buildUpsertActors(actorRows))) if (row.created === true) created.add(String(row.id));
  }
  if (aliasesFor.size > 0) {
    const rows: AliasRow[] = [...aliasesFor]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, set]) => ({ id, aliases: [...set].sort() }));
    await run(buildAddAliases(rows));
  }

  // 6. Articles, mentions, events, affiliations, memberships.
  await run(
    buildWriteArticles(
      articles.map((p) => ({ ...p.article, mentions: [...new Set(p.actors.map((a) => redirect.get(a.id) ?? a.id))] })),
    ),
  );
  const events = articles.flatMap((p) => p.events);
  if (events.length > 0) await run(buildWriteEvents(events));
  const affiliations = new Map(articles.flatMap((p) => p.affiliations).map((f) => [`${f.type} ${f.from} ${f.to}`, f]));
  // Actors given a new affiliation now stand for another principal: their exchanges are relinked below.
  const affiliated = new Set<string>();
  for (const q of buildWriteAffiliations([...affiliations.values()]))
    for (const row of await run(q)) affiliated.add(String(row.from));
  // A membership is written when its country or its alliance first enters the graph.
  const memberships = membershipsFor(actorRows.filter((a) => created.has(a.id)));
  if (memberships.length > 0) await run(buildWriteMemberships(memberships));

  // 7. The network, for every key this batch touched: new articles' events are added to the totals
  // (none of them was counted: no version of their article was stored); the keys of deleted events and
  // of updated articles' events are recomputed from the events.
  const replacedIds = new Set(replaced);
  for (const e of events)
    if (replacedIds.has(e.articleId)) touched.push({ source: e.sourceId, relation: e.relation, target: e.targetId });
  const additions = networkAdditions(events.filter((e) => !replacedIds.has(e.articleId)));
  // The upserts above locked this batch's actors and survivors already; other sources are locked there.
  const locked = new Set([...actorRows.map((a) => a.id), ...aliasesFor.keys()]);
  for (const q of buildUpdateNetwork(touched, additions, locked)) await run(q);
  // 8. Incidents and exchanges of the same keys (and of newly affiliated actors' pairs).
  const extraPairs: [string, string][] = [];
  if (affiliated.size > 0) {
    for (const row of await run(buildActorEventPairs([...affiliated].sort())))
      extraPairs.push([String(row.source), String(row.target)]);
  }
  await refreshDerived(run, uniqueNetworkKeys([...touched, ...additions]), extraPairs);

  for (const [i, o] of outcomes.entries()) {
    if (o.status === 'new' || o.status === 'updated') {
      const p = redirectActors(batch[i]!, redirect);
      o.actorIds = [...new Set(p.actors.map((a) => redirect.get(a.id) ?? a.id))];
    }
  }
  return outcomes;
}

/** Two rows for one actor in one batch: keep the longer name, union the aliases. */
function mergeActorRows(a: ActorRow, b: ActorRow): ActorRow {
  const name = b.name.length > a.name.length || (b.name.length === a.name.length && b.name < a.name) ? b.name : a.name;
  const aliases = [...new Set([...a.aliases, ...b.aliases, a.name, b.name])].filter((x) => x !== name).sort();
  const title = b.title && (!a.title || b.title.length > a.title.length) ? b.title : a.title;
  return { ...a, name, aliases, country: a.country ?? b.country, title };
}

/** Writes one batch in one transaction: all of it or nothing. Throws the driver's error. */
export async function writeBatch(driver: Driver, batch: PreparedArticle[], database?: string): Promise<WriteOutcome[]> {
  return createRunner(driver, database).transaction((run) => writeInTransaction(run, batch));
}

/**
 * Writes a batch; if the batch fails as a whole, writes its articles one by one so the good ones land
 * and only the bad one is reported failed (with the driver's error code).
 */
export async function writeBatchIsolated(
  driver: Driver,
  batch: PreparedArticle[],
  database?: string,
): Promise<WriteOutcome[]> {
  try {
    return await writeBatch(driver, batch, database);
  } catch (error) {
    if (batch.length === 1) return [failed(batch[0]!, error)];
  }
  const out: WriteOutcome[] = [];
  for (const p of batch) {
    try {
      out.push(...(await writeBatch(driver, [p], database)));
    } catch (error) {
      out.push(failed(p, error));
    }
  }
  return out;
}

function failed(p: PreparedArticle, error: unknown): WriteOutcome {
  return {
    status: 'failed',
    articleId: p.article.id,
    actorIds: [],
    eventIds: [],
    error: { code: errorCode(error), message: errorMessage(error) },
  };
}

/**
 * Deletes an article and its events, recomputes every network relationship they counted in, and
 * removes the actors it leaves with nothing referring to them, in one transaction.
 */
export async function deleteArticleTx(driver: Driver, id: string, database?: string): Promise<boolean> {
  return createRunner(driver, database).transaction(async (run) => {
    const rows = await run(buildDeleteArticle(id));
    if (rows.length === 0) return false;
    const keys = (rows[0]!.keys as Partial<NetworkKey>[] | null) ?? [];
    await refreshKeys(run, keys);
    const actorIds = (rows[0]!.actorIds as string[] | null) ?? [];
    if (actorIds.length > 0) await run(buildDeleteOrphanActors(actorIds));
    return true;
  });
}

/**
 * Recomputes the network relationships of these keys, and their incidents and exchanges, in the
 * caller's transaction (deletes, corrections, backfill).
 */
export async function refreshKeys(run: Run, keys: Iterable<Partial<NetworkKey> | null | undefined>): Promise<void> {
  const unique = uniqueNetworkKeys(keys);
  for (const q of buildRefreshNetwork(unique)) await run(q);
  await refreshDerived(run, unique);
}
