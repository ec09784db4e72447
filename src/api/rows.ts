/** The shapes the builders return (after executor conversion) and their GraphQL-facing forms. */

export interface ActorRow {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  title: string | null;
  mergedInto: string | null;
  aliases: string[];
}

export interface ArticleRow {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  dateline: string | null;
  ingestedAt: string | null;
  text?: string | null;
}

/** An event as the builders project it (flat, as stored). */
export interface EventRecord {
  id: string;
  relation: string;
  plover: string;
  mode: string;
  cameo: string;
  score: number;
  date: string | null;
  datePrecision: string | null;
  negated: boolean | null;
  hypothetical: boolean | null;
  rule: string | null;
  sentence: string | null;
  start: number | null;
  end: number | null;
  sourceText: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  targetText: string | null;
  targetStart: number | null;
  targetEnd: number | null;
  articleId: string | null;
  source: ActorRow;
  target: ActorRow;
  article: ArticleRow | null;
}

/** An event as the schema's Event type wants it. */
export interface EventNode {
  id: string;
  source: ActorRow;
  target: ActorRow;
  date: string | null;
  datePrecision: string;
  relation: string;
  plover: string;
  mode: string;
  cameo: string;
  score: number;
  negated: boolean;
  hypothetical: boolean;
  rule: string;
  evidence: {
    sentence: string;
    start: number;
    end: number;
    sourceMention: { text: string; start: number; end: number };
    targetMention: { text: string; start: number; end: number };
    article: ArticleRow;
  };
}

export function toEventNode(r: EventRecord): EventNode {
  return {
    id: r.id,
    source: r.source,
    target: r.target,
    date: r.date,
    datePrecision: r.datePrecision ?? 'UNKNOWN',
    relation: r.relation,
    plover: r.plover,
    mode: r.mode,
    cameo: r.cameo,
    score: r.score,
    negated: r.negated ?? false,
    hypothetical: r.hypothetical ?? false,
    rule: r.rule ?? '',
    evidence: {
      sentence: r.sentence ?? '',
      start: r.start ?? 0,
      end: r.end ?? 0,
      sourceMention: { text: r.sourceText ?? '', start: r.sourceStart ?? 0, end: r.sourceEnd ?? 0 },
      targetMention: { text: r.targetText ?? '', start: r.targetStart ?? 0, end: r.targetEnd ?? 0 },
      // Every stored event has its article (the store's consistency check); the fallback keeps the
      // non-null field answerable if one was deleted under a running query.
      article: r.article ?? {
        id: r.articleId ?? '',
        title: null,
        outlet: null,
        url: null,
        publishedAt: null,
        dateline: null,
        ingestedAt: null,
      },
    },
  };
}

export interface RelationRow {
  /** The actor whose relations these are. */
  actorId: string;
  relation: string;
  direction: 'OUT' | 'IN';
  counterpart: ActorRow;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  meanScore: number | null;
  /** The date range the relation was counted over (its events use the same). */
  from: string | null;
  to: string | null;
}

export interface IncidentRow {
  id: string;
  plover: string;
  date: string | null;
  firstReported: string | null;
  lastReported: string | null;
  reportCount: number;
  outlets: string[];
  source: ActorRow;
  target: ActorRow;
}

/** A RESPONDS_TO link seen from one of its events: `other` is the event at the other end. */
export interface ResponseLinkRow {
  kind: string;
  cue: string | null;
  days: number;
  other: EventRecord;
}
