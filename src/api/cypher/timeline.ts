/** Event counts per day, ISO week (from its Monday) or month, for an actor, a dyad, or all events. */
import { countable, dateConditions, where, type CypherQuery } from './common.ts';

export interface TimelineArgs {
  actor: string | null;
  dyad: { source: string; target: string } | null;
  relations: string[] | null;
  granularity: 'DAY' | 'WEEK' | 'MONTH';
  from: string | null;
  to: string | null;
}

const GROUP = { DAY: 'e.date AS d', WEEK: 'e.date.weekYear AS y, e.date.week AS w', MONTH: 'e.date.year AS y, e.date.month AS m' } as const;
const START = { DAY: 'd', WEEK: 'date({year: y, week: w})', MONTH: 'date({year: y, month: m})' } as const;

export function buildTimelineQuery(args: TimelineArgs): CypherQuery {
  const params: Record<string, unknown> = {};
  let match: string;
  if (args.dyad) {
    params.source = args.dyad.source;
    params.target = args.dyad.target;
    match = 'MATCH (:Actor {id: $source})<-[:SOURCE]-(e:Event)-[:TARGET]->(:Actor {id: $target})';
  } else if (args.actor) {
    params.actor = args.actor;
    match = 'MATCH (:Actor {id: $actor})<-[:SOURCE|TARGET]-(e:Event)';
  } else {
    match = 'MATCH (e:Event)';
  }
  const conditions = ['e.date IS NOT NULL', countable('e'), ...dateConditions('e.date', args.from, args.to, params)];
  if (args.relations) {
    params.relations = args.relations;
    conditions.push('e.relation IN $relations');
  }
  return {
    cypher:
      `${match}\n${where(conditions)}\n` +
      // Grouped by date components, one date built per bucket rather than one per event.
      `WITH DISTINCT e\nWITH ${GROUP[args.granularity]}, count(e) AS count, avg(e.score) AS meanScore\n` +
      `RETURN ${START[args.granularity]} AS start, count, meanScore ORDER BY start`,
    params,
  };
}
