// 002: the actor network is recomputed from events per (source, relation, target): events carry their
// endpoints' ids (denormalised from the SOURCE/TARGET edges, which stay the truth) so that lookup is one index seek.
CREATE INDEX event_pair IF NOT EXISTS FOR (e:Event) ON (e.sourceId, e.relation, e.targetId);
CREATE INDEX actor_merged_into IF NOT EXISTS FOR (a:Actor) ON (a.mergedInto);
