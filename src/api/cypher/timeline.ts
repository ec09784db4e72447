/** Event counts per day, ISO week or month, for an actor, a dyad, or all events. */
import { countable, dateConditions, where, type CypherQuery } from './common.ts';

export interface TimelineArgs {
  actor: string | null;
  dyad: { source: string; target: string } | null;
  relations: string[] | null;
  granularity: 'DAY' | 'WEEK' | 'MONTH';
  from: string | null;
  to: string | null;
}

const UNITS = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

export function buildTimelineQuery(args: TimelineArgs): CypherQuery {
  const params: Record<string, unknown> = { unit: UNITS[args.granularity] };
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
      'WITH DISTINCT e\nWITH date.truncate($unit, e.date) AS start, e\nRETURN start, count(e) AS count, avg(e.score) AS meanScore ORDER BY start',
    params,
  };
}
