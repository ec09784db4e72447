/** Where the page's data comes from: the GraphQL API, or a synthetic graph made in the browser (for the render benchmark). */
import { graphql } from './api.ts';
import { ACTOR_DETAILS, EDGE_EVENTS, NETWORK, SEARCH_ACTORS, TIMELINE } from './queries.ts';
import type { ActorDetails, ActorSummary, EventItem, Network, NetworkFilters, TimelineBucket } from './types.ts';

export interface EdgeKey {
  source: string;
  target: string;
  relation: string;
}

export interface DataSource {
  readonly kind: 'api' | 'synthetic';
  searchActors(search: string): Promise<ActorSummary[]>;
  network(seeds: string[], filters: NetworkFilters, limit: number): Promise<Network>;
  actor(id: string): Promise<ActorDetails | null>;
  edgeEvents(edge: EdgeKey, filters: NetworkFilters): Promise<{ total: number; events: EventItem[] }>;
  timeline(actorId: string | null, relations: string[] | null): Promise<TimelineBucket[]>;
}

export function createApiSource(): DataSource {
  return {
    kind: 'api',
    async searchActors(search) {
      const data = await graphql<{ actors: { edges: { node: ActorSummary }[] } }>(SEARCH_ACTORS, { search, first: 10 });
      return data.actors.edges.map((e) => e.node);
    },
    async network(seeds, filters, limit) {
      const data = await graphql<{ network: Network }>(NETWORK, {
        actorIds: seeds,
        depth: filters.depth,
        relations: filters.relations,
        from: filters.from,
        to: filters.to,
        minCount: filters.minCount,
        limit,
      });
      return data.network;
    },
    async actor(id) {
      const data = await graphql<{ actor: ActorDetails | null }>(ACTOR_DETAILS, { id });
      return data.actor;
    },
    async edgeEvents(edge, filters) {
      const filter = {
        source: edge.source,
        target: edge.target,
        relations: [edge.relation],
        from: filters.from,
        to: filters.to,
      };
      const data = await graphql<{ events: { totalCount: number; edges: { node: EventItem }[] } }>(EDGE_EVENTS, {
        filter,
        first: 25,
      });
      return { total: data.events.totalCount, events: data.events.edges.map((e) => e.node) };
    },
    async timeline(actorId, relations) {
      const data = await graphql<{ timeline: TimelineBucket[] }>(TIMELINE, { actor: actorId, relations });
      return data.timeline;
    },
  };
}
