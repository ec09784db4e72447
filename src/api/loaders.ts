/**
 * Per-request batching of nested fields: whatever the size of a list, each nested field costs one
 * query per distinct argument set (DataLoader collects the keys of one tick of execution).
 */
import DataLoader from 'dataloader';
import { buildActorsByIdQuery, buildAffiliationsQuery } from './cypher/actors.ts';
import { buildArticleActorsQuery, buildArticlesByIdQuery } from './cypher/articles.ts';
import { buildArticleEventsQuery } from './cypher/events.ts';
import { buildEventIncidentsQuery, buildIncidentReportsQuery, buildResponseLinksQuery } from './cypher/incidents.ts';
import {
  buildRelationEventsQuery,
  buildRelationsQuery,
  type RelationKey,
  type RelationsArgs,
} from './cypher/relations.ts';
import type { Executor } from './executor.ts';
import type { ActorRow, EventRecord, IncidentRow, RelationRow, ResponseLinkRow } from './rows.ts';

export interface Affiliations {
  represents: ActorRow[];
  partOf: ActorRow[];
  memberOf: ActorRow[];
  members: ActorRow[];
}

export interface RelationsPage {
  totalCount: number;
  rows: RelationRow[];
}

export type RelationsOptions = Omit<RelationsArgs, 'ids'>;

export interface Loaders {
  actor: DataLoader<string, ActorRow | null>;
  affiliations: DataLoader<string, Affiliations>;
  articleText: DataLoader<string, string | null>;
  articleActors: DataLoader<string, ActorRow[]>;
  articleEvents(first: number): DataLoader<string, EventRecord[]>;
  relations(options: RelationsOptions): DataLoader<string, RelationsPage>;
  relationEvents(options: {
    from: string | null;
    to: string | null;
    first: number;
  }): DataLoader<RelationKey, EventRecord[]>;
  eventIncident: DataLoader<string, IncidentRow | null>;
  incidentReports: DataLoader<string, EventRecord[]>;
  /** What each event answers (at most one link). */
  respondsTo: DataLoader<string, ResponseLinkRow[]>;
  /** What answers each event. */
  responses: DataLoader<string, ResponseLinkRow[]>;
}

/** One loader per argument set, created on first use. */
function keyed<A, K, V>(make: (args: A) => DataLoader<K, V>): (args: A) => DataLoader<K, V> {
  const cache = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = cache.get(key);
    if (!loader) {
      loader = make(args);
      cache.set(key, loader);
    }
    return loader;
  };
}

function byId<V>(rows: Record<string, unknown>[], field: string, fallback: V): (id: string) => V {
  const map = new Map(rows.map((r) => [String(r.id), r[field] as V]));
  return (id) => map.get(id) ?? fallback;
}

export function createLoaders(exec: Executor): Loaders {
  return {
    actor: new DataLoader(async (ids) => {
      const get = byId<ActorRow | null>(await exec.read(buildActorsByIdQuery([...ids])), 'actor', null);
      return ids.map(get);
    }),
    affiliations: new DataLoader(async (ids) => {
      const rows = await exec.read(buildAffiliationsQuery([...ids]));
      const map = new Map(rows.map((r) => [String(r.id), r as unknown as Affiliations]));
      return ids.map((id) => map.get(id) ?? { represents: [], partOf: [], memberOf: [], members: [] });
    }),
    articleText: new DataLoader(async (ids) => {
      const rows = await exec.read(buildArticlesByIdQuery([...ids], true));
      const get = byId<{ text?: string | null } | null>(rows, 'article', null);
      return ids.map((id) => get(id)?.text ?? null);
    }),
    articleActors: new DataLoader(async (ids) =>
      ids.map(byId<ActorRow[]>(await exec.read(buildArticleActorsQuery([...ids])), 'actors', [])),
    ),
    articleEvents: keyed(
      (first: number) =>
        new DataLoader<string, EventRecord[]>(async (ids) =>
          ids.map(byId<EventRecord[]>(await exec.read(buildArticleEventsQuery([...ids], first)), 'events', [])),
        ),
    ),
    relations: keyed(
      (options: RelationsOptions) =>
        new DataLoader<string, RelationsPage>(async (ids) => {
          const rows = await exec.read(buildRelationsQuery({ ...options, ids: [...ids] }));
          const map = new Map(
            rows.map((r) => {
              const id = String(r.id);
              const page = (r.rows as Omit<RelationRow, 'actorId' | 'from' | 'to'>[]).map((x) => ({
                ...x,
                actorId: id,
                from: options.from,
                to: options.to,
              }));
              return [id, { totalCount: Number(r.totalCount), rows: page }];
            }),
          );
          return ids.map((id) => map.get(id) ?? { totalCount: 0, rows: [] });
        }),
    ),
    relationEvents: keyed(
      (options: { from: string | null; to: string | null; first: number }) =>
        new DataLoader<RelationKey, EventRecord[], string>(
          async (keys) => {
            const rows = await exec.read(buildRelationEventsQuery({ ...options, keys: [...keys] }));
            const map = new Map(rows.map((r) => [Number(r.i), r.events as EventRecord[]]));
            return keys.map((_, i) => map.get(i) ?? []);
          },
          { cacheKeyFn: (k) => `${k.source}\u0000${k.relation}\u0000${k.target}` },
        ),
    ),
    eventIncident: new DataLoader(async (ids) =>
      ids.map(byId<IncidentRow | null>(await exec.read(buildEventIncidentsQuery([...ids])), 'incident', null)),
    ),
    incidentReports: new DataLoader(async (ids) =>
      ids.map(byId<EventRecord[]>(await exec.read(buildIncidentReportsQuery([...ids])), 'events', [])),
    ),
    respondsTo: new DataLoader(async (ids) =>
      ids.map(byId<ResponseLinkRow[]>(await exec.read(buildResponseLinksQuery([...ids], 'out')), 'links', [])),
    ),
    responses: new DataLoader(async (ids) =>
      ids.map(byId<ResponseLinkRow[]>(await exec.read(buildResponseLinksQuery([...ids], 'in')), 'links', [])),
    ),
  };
}
