/**
 * Read-only Cypher for the export, as pure builders returning { cypher, params }. Without a date
 * range the stored network relationships are read; with one, edges are counted from the events in
 * range (negated and hypothetical events left out, as in the network). Relationship types are
 * compared as strings against the ontology's closed list, never spliced into the query. Every edge
 * carries its incidents' ids and the edges its events answer (RESPONDS_TO).
 */
import { RELATION_NAMES } from '../ontology.ts';
import { countable, type CypherQuery } from '../store/runner.ts';
import type { ExportFilter } from './types.ts';

/** From the list `events` of an edge: its incidents, and the edges of the events they answer. */
const LINKS = `CALL (events) {
  RETURN COLLECT { UNWIND events AS e MATCH (e)-[:REPORTS]->(i:Incident) WITH DISTINCT i.id AS x RETURN x ORDER BY x } AS incidentIds,
         COLLECT { UNWIND events AS e MATCH (e)-[:RESPONDS_TO]->(o:Event) WITH DISTINCT o.sourceId + '|' + o.relation + '|' + o.targetId AS x RETURN x ORDER BY x } AS respondsTo
}`;

const RETURN_EDGE = `RETURN s {.id, .name, .kind, .country} AS source, t {.id, .name, .kind, .country} AS target,
       relation, count, firstDate, lastDate, meanScore, incidentIds, respondsTo
ORDER BY source.id, relation, target.id`;

export function buildExportQuery(filter: ExportFilter): CypherQuery {
  const relations = filter.relations ?? [...RELATION_NAMES];
  if (filter.from === null && filter.to === null) {
    return {
      cypher: `MATCH (s:Actor)-[r]->(t:Actor)
WHERE type(r) IN $relations AND s.mergedInto IS NULL AND t.mergedInto IS NULL
WITH s, t, type(r) AS relation, r.count AS count, r.firstDate AS firstDate, r.lastDate AS lastDate, r.meanScore AS meanScore
CALL (s, t, relation) {
  MATCH (e:Event {sourceId: s.id, relation: relation, targetId: t.id})
  WHERE ${countable('e')}
  RETURN collect(e) AS events
}
${LINKS}
${RETURN_EDGE}`,
      params: { relations },
    };
  }
  return {
    cypher: `MATCH (s:Actor)<-[:SOURCE]-(e:Event)-[:TARGET]->(t:Actor)
WHERE e.relation IN $relations
  AND ${countable('e')}
  AND ($from IS NULL OR e.date >= date($from)) AND ($to IS NULL OR e.date <= date($to))
  AND s.mergedInto IS NULL AND t.mergedInto IS NULL
WITH s, t, e.relation AS relation, count(e) AS count, min(e.date) AS firstDate, max(e.date) AS lastDate, avg(e.score) AS meanScore, collect(e) AS events
${LINKS}
${RETURN_EDGE}`,
    params: { relations, from: filter.from, to: filter.to },
  };
}
