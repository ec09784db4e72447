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

/** An event of an exchange thread, as the relation panel shows it. */
export interface ThreadEvent {
  id: string;
  date: string | null;
  relation: string;
  source: { id: string; name: string };
  target: { id: string; name: string };
  evidence: { sentence: string; article: { outlet: string | null; publishedAt: string | null } };
}

export interface EventItem {
  id: string;
  date: string | null;
  relation: string;
  score: number;
  evidence: EventEvidence;
  source: { id: string; name: string };
  target: { id: string; name: string };
  /** The incident the report belongs to (absent from sources without incidents). */
  incident?: { id: string; reportCount: number } | null;
  /** What it answers, and what answers it (the exchange it is part of). */
  respondsTo?: { kind: string; answers: ThreadEvent } | null;
  responses?: { kind: string; response: ThreadEvent }[];
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
