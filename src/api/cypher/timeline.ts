/** Event counts per day, ISO week (from its Monday) or month, for an actor, a dyad, or all events. */
import { countable, dateConditions, type CypherQuery } from './common.ts';

export interface TimelineArgs {
  actor: string | null;
  dyad: { source: string; target: string } | null;
  relations: string[] | null;
  granularity: 'DAY' | 'WEEK' | 'MONTH';
  from: string | null;
  to: string | null;
  /** Also count the distinct incidents of each bucket's events (reads each event's REPORTS edge). */
  incidents?: boolean;
}

const GROUP = { DAY: 'd', WEEK: 'd.weekYear AS y, d.week AS w', MONTH: 'd.year AS y, d.month AS m' } as const;
const START = { DAY: 'd', WEEK: 'date({year: y, week: w})', MONTH: 'date({year: y, month: m})' } as const;

/**
 * Countable dated events by their `side` id (sourceId or targetId), as rows (e, d, score): one seek in
 * the event_source_lookup / event_target_lookup index (migration 003), which holds every property the
 * timeline needs, so no event is read. `score IS NOT NULL` is always true (the store writes a score
 * for every event; Event.score is non-null) and only lets the planner use the index.
 */
function lookup(
  side: 'sourceId' | 'targetId',
  anchor: string,
  relations: boolean,
  range: string[],
  extra: string[] = [],
): string {
  const conditions = [
    `e.${side} ${anchor}`,
    relations ? 'e.relation IN $relations' : 'e.relation IS NOT NULL',
    'e.date IS NOT NULL',
    ...range,
    countable('e'),
    'e.score IS NOT NULL',
    ...extra,
  ];
  return (
    `MATCH (e:Event) USING INDEX e:Event(${side}, relation, date, negated, hypothetical, score)\n` +
    `WHERE ${conditions.join(' AND ')}\nRETURN e, e.date AS d, e.score AS score`
  );
}

export function buildTimelineQuery(args: TimelineArgs): CypherQuery {
  const params: Record<string, unknown> = {};
  const range = dateConditions('e.date', args.from, args.to, params);
  const relations = args.relations !== null && args.relations.length > 0;
  if (relations) params.relations = args.relations;
  let events: string;
  if (args.dyad) {
    params.source = args.dyad.source;
    params.target = args.dyad.target;
    events = lookup('sourceId', '= $source', relations, range, ['e.targetId = $target']);
  } else if (args.actor) {
    params.actor = args.actor;
    // UNION drops the second row of an event whose source and target are both the actor.
    events = `${lookup('sourceId', '= $actor', relations, range)}\nUNION\n${lookup('targetId', '= $actor', relations, range)}`;
  } else {
    // Every event has a sourceId: the whole index, still without reading an event.
    events = lookup('sourceId', 'IS NOT NULL', relations, range);
  }
  return {
    cypher:
      `CALL () {\n  ${events.replaceAll('\n', '\n  ')}\n}\n` +
      // Grouped by date components, one date built per bucket rather than one per event.
      `WITH ${GROUP[args.granularity]}, count(e) AS count, avg(score) AS meanScore${args.incidents ? ', count(DISTINCT COLLECT { MATCH (e)-[:REPORTS]->(i:Incident) RETURN i.id }[0]) AS incidents' : ''}\n` +
      // The start as a string (YYYY-MM-DD sorts as the dates do): no Date object to decode per bucket.
      `RETURN toString(${START[args.granularity]}) AS start, count, meanScore${args.incidents ? ', incidents' : ''} ORDER BY start`,
    params,
  };
}
