// diplograph: five ready queries for Neo4j Browser (see docs/explorer.md).
// Set the parameters first (the :param lines), then run the query below them.
// Network relationships are typed by the relation (ACCUSES, CONDEMNS, …) and carry count,
// firstDate, lastDate and meanScore; affiliations are REPRESENTS, PART_OF and MEMBER_OF.

// 1. Who accuses an actor (accusations, condemnations, charges), busiest first.
:param actorId => 'country:CHN';
MATCH (accuser:Actor)-[r:ACCUSES|CONDEMNS|CHARGES]->(accused:Actor {id: $actorId})
WHERE accuser.mergedInto IS NULL
RETURN accuser, r, accused
ORDER BY r.count DESC
LIMIT 100;

// 2. The network around an alliance: its members and everyone they or the alliance act on.
:param allianceId => 'alliance:nato';
MATCH (alliance:Alliance {id: $allianceId})
OPTIONAL MATCH membership = (:Country)-[:MEMBER_OF]->(alliance)
WITH alliance, collect(membership) AS memberships
WITH alliance, memberships, [alliance] + [m IN memberships | startNode(relationships(m)[0])] AS core
UNWIND core AS actor
OPTIONAL MATCH relation = (actor)-[r]-(other:Actor)
WHERE NOT type(r) IN ['MEMBER_OF', 'REPRESENTS', 'PART_OF'] AND other.mergedInto IS NULL
RETURN alliance, memberships, collect(relation)[..500] AS relations;

// 3. The shortest paths between two actors over the network (either direction, up to 4 hops).
:param fromId => 'country:USA';
:param toId => 'country:RUS';
MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE all(n IN nodes(p) WHERE n:Actor AND n.mergedInto IS NULL)
  AND none(r IN relationships(p) WHERE type(r) IN ['MEMBER_OF', 'REPRESENTS', 'PART_OF'])
RETURN p
LIMIT 10;

// 4. The events of a date range, with their evidence (switch to the Table view to read it).
:param from => '2021-07-01';
:param to => '2021-07-31';
MATCH (source:Actor)<-[:SOURCE]-(e:Event)-[:TARGET]->(target:Actor), (e)-[:REPORTED_IN]->(article:Article)
WHERE e.date >= date($from) AND e.date <= date($to)
RETURN e.date AS date, source.name AS source, e.relation AS relation, target.name AS target,
       e.negated AS negated, e.sentence AS evidence, article.title AS article, article.outlet AS outlet, article.url AS url
ORDER BY date, source, relation
LIMIT 500;

// 5. Actors merged by corrections: each merged-away actor (a tombstone with mergedInto), the actor it
//    went into, and the correction that did it.
MATCH (gone:Actor)
WHERE gone.mergedInto IS NOT NULL
OPTIONAL MATCH (kept:Actor {id: gone.mergedInto})
OPTIONAL MATCH (c:Correction {action: 'MERGE_ACTORS'})
WHERE gone.id IN coalesce(c.actorIds, [c.actorId])
RETURN gone.id AS mergedId, gone.name AS mergedName, kept.id AS keptId, kept.name AS keptName,
       c.by AS by, c.at AS at, c.payload AS payload
ORDER BY at DESC;
