/** Shapes of the GraphQL answers the page reads (schema/*.graphql). */
import type { NetworkActor, NetworkEdge } from '../../network.ts';

export type { NetworkEdge };

export interface ActorRef {
  id: string;
  name: string;
  kind: string;
}

export interface ActorSummary extends ActorRef {
  country: string | null;
  aliases: string[];
}

export interface NetworkNode extends NetworkActor {
  degree: number;
}


export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  truncated: boolean;
}

export interface ActorRelation {
  relation: string;
  direction: 'OUT' | 'IN' | 'BOTH';
  count: number;
  meanScore: number | null;
  firstDate: string | null;
  lastDate: string | null;
  counterpart: ActorRef;
}

export interface ActorDetails extends ActorSummary {
  title: string | null;
  represents: ActorRef[];
  partOf: ActorRef[];
  memberOf: ActorRef[];
  members: ActorRef[];
  relations: { totalCount: number; nodes: ActorRelation[] };
}

export interface Mention {
  text: string;
  start: number;
  end: number;
}

export interface EventEvidence {
  sentence: string;
  start: number;
  end: number;
  sourceMention: Mention;
  targetMention: Mention;
  article: { id: string; title: string | null; outlet: string | null; url: string | null; publishedAt: string | null };
}

export interface EventItem {
  id: string;
  date: string | null;
  relation: string;
  score: number;
  evidence: EventEvidence;
  source: { id: string; name: string };
  target: { id: string; name: string };
}

export interface TimelineBucket {
  start: string;
  count: number;
}

export interface NetworkFilters {
  relations: string[] | null;
  from: string | null;
  to: string | null;
  minCount: number;
  depth: number;
}
