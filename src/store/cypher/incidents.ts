/**
 * Cypher for incidents and exchanges, both kept in the transaction that changes their events: read the
 * events of the groups (incidents) or actor pairs (exchanges) a write touched, let the pure rules
 * (src/store/incidents.ts, src/store/responses.ts) decide, write the difference.
 */
import neo4j from 'neo4j-driver';
import type { PlannedIncident } from '../incidents.ts';
import type { ResponseLink } from '../responses.ts';
import { countable, type CypherQuery } from '../runner.ts';

export interface IncidentGroupRow {
  source: string;
  plover: string;
  target: string;
  relations: string[];
}

/** Every countable event of the groups, with its article's day and outlet and its current incident. */
export function buildReadIncidentGroups(groups: IncidentGroupRow[]): CypherQuery {
  return {
    cypher: `UNWIND range(0, size($groups) - 1) AS g
WITH g, $groups[g] AS grp
UNWIND grp.relations AS rel
MATCH (e:Event {sourceId: grp.source, relation: rel, targetId: grp.target})
USING INDEX e:Event(sourceId, relation, targetId)
WHERE ${countable('e')}
MATCH (a:Article {id: e.articleId})
RETURN g, e.id AS id, e.articleId AS articleId, e.relation AS relation, toString(e.date) AS date,
       e.datePrecision AS datePrecision, toString(a.publishedAt) AS publishedAt, a.outlet AS outlet,
       COLLECT { MATCH (e)-[:REPORTS]->(i:Incident) RETURN i.id ORDER BY i.id } AS incidents`,
    params: { groups },
  };
}

const date = (v: string | null) => {
  if (v === null) return null;
  const [y, m, d] = v.split('-').map(Number);
  return new neo4j.types.Date(y!, m!, d!);
};

export interface IncidentWrite {
  source: string;
  plover: string;
  target: string;
  /** Every incident the group has now (older ones of the group are deleted). */
  incidents: PlannedIncident[];
  /** Ids of those whose members changed: their REPORTS edges are (re)written. */
  changed: string[];
}

/**
 * Deletes the groups' incidents that no longer exist, sets every current one's properties, and points
 * the members of changed ones at them (dropping any other REPORTS edge they had; an incident left
 * without reports that way is deleted too).
 */
export function buildWriteIncidents(groups: IncidentWrite[]): CypherQuery {
  return {
    cypher: `UNWIND $groups AS grp
CALL (grp) {
  MATCH (i:Incident {sourceId: grp.source, plover: grp.plover, targetId: grp.target})
  WHERE NOT i.id IN grp.ids
  DETACH DELETE i
}
WITH grp
UNWIND grp.incidents AS inc
MERGE (i:Incident {id: inc.id})
SET i += inc.props
WITH i, inc
UNWIND inc.eventIds AS eventId
MATCH (e:Event {id: eventId})
OPTIONAL MATCH (e)-[old:REPORTS]->(other:Incident) WHERE other.id <> inc.id
DELETE old
MERGE (e)-[:REPORTS]->(i)
WITH DISTINCT other WHERE other IS NOT NULL AND NOT EXISTS { (other)<-[:REPORTS]-(:Event) }
DETACH DELETE other`,
    params: {
      groups: groups.map((g) => {
        const changed = new Set(g.changed);
        return {
          source: g.source,
          plover: g.plover,
          target: g.target,
          ids: g.incidents.map((i) => i.id),
          incidents: g.incidents.map((i) => ({
            id: i.id,
            eventIds: changed.has(i.id) ? i.eventIds : [],
            props: {
              sourceId: i.source,
              plover: i.plover,
              targetId: i.target,
              date: date(i.date),
              firstReported: date(i.firstReported),
              lastReported: date(i.lastReported),
              reports: neo4j.int(i.reports),
              outlets: i.outlets,
            },
          })),
        };
      }),
    },
  };
}

export interface NetworkIncidentCount {
  source: string;
  relation: string;
  target: string;
  incidents: number;
}

/** Sets `incidents` on network relationships (after the network statement wrote their totals). */
export function buildSetNetworkIncidents(rows: NetworkIncidentCount[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (s:Actor {id: row.source})-[r]->(t:Actor {id: row.target})
WHERE type(r) = row.relation
SET r.incidents = row.incidents`,
    params: { rows: rows.map((r) => ({ ...r, incidents: neo4j.int(r.incidents) })) },
  };
}

/** Each actor's principal: the first country it represents or is part of (two hops at most), else itself. */
export const principalOf = (v: string): string =>
  `coalesce(COLLECT { MATCH (${v})-[:REPRESENTS|PART_OF*1..2]->(c:Country) RETURN c.id ORDER BY c.id LIMIT 1 }[0], ${v}.id)`;
const PRINCIPAL = principalOf('x');

export function buildFindPrincipals(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
MATCH (x:Actor {id: id})
RETURN id, ${PRINCIPAL} AS principal`,
    params: { ids },
  };
}

/**
 * Locks both principals of each pair (sorted), then reads the countable exchange events between the
 * actors standing for one and those standing for the other, with the links they have now.
 */
export function buildReadExchangePairs(pairs: { a: string; b: string }[], relations: readonly string[]): CypherQuery {
  return {
    cypher: `UNWIND $pairs AS p
MATCH (pa:Actor {id: p.a})
MATCH (pb:Actor {id: p.b})
SET pa._lock = true REMOVE pa._lock
SET pb._lock = true REMOVE pb._lock
WITH p, pa, pb
CALL (pa) {
  MATCH (x:Actor)-[:REPRESENTS|PART_OF*0..2]->(pa)
  WITH DISTINCT x WHERE ${PRINCIPAL} = pa.id
  RETURN collect(x.id) AS famA
}
CALL (pb) {
  MATCH (x:Actor)-[:REPRESENTS|PART_OF*0..2]->(pb)
  WITH DISTINCT x WHERE ${PRINCIPAL} = pb.id
  RETURN collect(x.id) AS famB
}
UNWIND [[p.a, famA, p.b, famB], [p.b, famB, p.a, famA]] AS dir
UNWIND dir[1] AS sid
UNWIND dir[3] AS tid
UNWIND $relations AS rel
MATCH (e:Event {sourceId: sid, relation: rel, targetId: tid})
USING INDEX e:Event(sourceId, relation, targetId)
WHERE ${countable('e')}
MATCH (a:Article {id: e.articleId})
RETURN DISTINCT e.id AS id, e.articleId AS articleId, e.relation AS relation, dir[0] AS sourceSide, dir[2] AS targetSide,
       toString(coalesce(e.date, a.publishedAt)) AS date, toString(a.publishedAt) AS publishedAt, e.start AS start, (e.date IS NOT NULL AND e.datePrecision = 'DAY') AS precise,
       e.sentence AS sentence,
       COLLECT { MATCH (e)-[l:RESPONDS_TO]->(t:Event) RETURN [t.id, l.kind, l.cue, toString(l.days)] } AS links`,
    params: { pairs, relations: [...relations] },
  };
}

/** Replaces the response links of these events: `drop` are [from, to] pairs, `add` the new links. */
export function buildWriteResponses(drop: [string, string][], add: ResponseLink[]): CypherQuery {
  return {
    cypher: `CALL () {
  UNWIND $drop AS d
  MATCH (:Event {id: d[0]})-[l:RESPONDS_TO]->(:Event {id: d[1]})
  DELETE l
}
UNWIND $add AS row
MATCH (r:Event {id: row.from})
MATCH (t:Event {id: row.to})
MERGE (r)-[l:RESPONDS_TO]->(t)
SET l.kind = row.kind, l.cue = row.cue, l.days = row.days`,
    params: { drop, add: add.map((l) => ({ ...l, days: neo4j.int(l.days) })) },
  };
}

/** The (source, target) pairs of the exchange events of these actors (whose principal changed). */
export function buildActorEventPairs(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
CALL (id) {
  MATCH (e:Event {sourceId: id})
  RETURN DISTINCT e.sourceId AS source, e.targetId AS target
  UNION
  MATCH (e:Event {targetId: id})
  RETURN DISTINCT e.sourceId AS source, e.targetId AS target
}
RETURN DISTINCT source, target`,
    params: { ids },
  };
}
