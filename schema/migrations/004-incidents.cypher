// 004: incidents (one act, many reports) and the lookups that keep them and the exchanges current.
CREATE CONSTRAINT incident_id IF NOT EXISTS FOR (i:Incident) REQUIRE i.id IS UNIQUE;
CREATE INDEX incident_group IF NOT EXISTS FOR (i:Incident) ON (i.sourceId, i.plover, i.targetId);
CREATE INDEX incident_date IF NOT EXISTS FOR (i:Incident) ON (i.date);
