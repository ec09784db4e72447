// 003: the API's event lookups by actor. Query.events (source/target + relations + date range) seeks on the
// first three properties; Query.timeline reads an actor's countable events' date and score from the index
// alone (negated, hypothetical and score are there so that no event property is read).
CREATE INDEX event_source_lookup IF NOT EXISTS FOR (e:Event) ON (e.sourceId, e.relation, e.date, e.negated, e.hypothetical, e.score);
CREATE INDEX event_target_lookup IF NOT EXISTS FOR (e:Event) ON (e.targetId, e.relation, e.date, e.negated, e.hypothetical, e.score);
