/**
 * Cypher for actors. Labels come from the ontology (kindLabel), never from input. Property merge rules,
 * the same whatever order articles arrive in:
 * - name: the longest seen (ties: alphabetical), unless an analyst locked it (`nameLocked`, set by a
 *   RENAME correction); every other name seen becomes an alias;
 * - aliases: the sorted union of all seen (aliases added by corrections are never removed);
 * - country: the first non-null one is kept (a later article cannot blank it out);
 * - title: the longest non-null one.
 */
import { ACTOR_KIND_LABELS, kindLabel } from '../../ontology.ts';
import type { ActorRow } from '../prepare.ts';
import type { CypherQuery } from '../runner.ts';

/** Actor fields every actor-valued answer carries (the API's answers, the corrections' results). */
export function actorProjection(v: string): string {
  return `${v} { .id, .name, .kind, .country, .title, .mergedInto, aliases: coalesce(${v}.aliases, []) }`;
}

/** Actors merged away by a correction (`mergedInto` set), with where they went (few: the mergedInto index). */
export function buildFindMergedActors(ids: string[]): CypherQuery {
  return {
    cypher: `MATCH (a:Actor)
WHERE a.mergedInto IS NOT NULL AND a.id IN $ids
RETURN a.id AS id, a.mergedInto AS mergedInto`,
    params: { ids },
  };
}

/**
 * Upserts actors of every kind in one statement and returns which it created (new to the graph, as
 * far as this transaction can see); the kind label is set by one FOREACH per kind of the
 * ontology (labels cannot be parameters). Rows are sorted by id: a fixed lock order across transactions.
 */
export function buildUpsertActors(rows: ActorRow[]): CypherQuery {
  const setLabels = [...ACTOR_KIND_LABELS]
    .map(([kind]) => `FOREACH (_ IN CASE WHEN row.kind = '${kind}' THEN [1] ELSE [] END | SET a:${kindLabel(kind)})`)
    .join('\n');
  return {
    cypher: `UNWIND $rows AS row
OPTIONAL MATCH (known:Actor {id: row.id})
WITH row, known IS NULL AS created
MERGE (a:Actor {id: row.id})
ON CREATE SET a.kind = row.kind, a.name = row.name, a.aliases = [], a.country = row.country, a.title = row.title
${setLabels}
WITH a, row, created,
  CASE
    WHEN a.nameLocked = true THEN a.name
    WHEN size(row.name) > size(a.name) OR (size(row.name) = size(a.name) AND row.name < a.name) THEN row.name
    ELSE a.name
  END AS name
WITH a, row, created, name, COLLECT {
  UNWIND coalesce(a.aliases, []) + row.aliases + [a.name, row.name] AS alias
  WITH alias WHERE alias IS NOT NULL AND alias <> name
  RETURN DISTINCT alias ORDER BY alias
} AS aliases
SET a.name = name,
    a.aliases = aliases,
    a.aliasText = reduce(text = '', alias IN aliases | text + CASE WHEN text = '' THEN '' ELSE ' | ' END + alias),
    a.country = coalesce(a.country, row.country),
    a.title = CASE WHEN row.title IS NOT NULL AND (a.title IS NULL OR size(row.title) > size(a.title)) THEN row.title ELSE a.title END
RETURN a.id AS id, created`,
    params: {
      rows: [...rows]
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
        .map(({ id, kind, name, aliases, country, title }) => ({
          id,
          kind: kindLabel(kind) && kind,
          name,
          aliases,
          country,
          title,
        })),
    },
  };
}

export interface AliasRow {
  id: string;
  aliases: string[];
}

/** Adds names as aliases of an existing actor (what an article said about an actor merged into it). */
export function buildAddAliases(rows: AliasRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
WITH a, COLLECT {
  UNWIND coalesce(a.aliases, []) + row.aliases AS alias
  WITH alias WHERE alias IS NOT NULL AND alias <> a.name
  RETURN DISTINCT alias ORDER BY alias
} AS aliases
SET a.aliases = aliases,
    a.aliasText = reduce(text = '', alias IN aliases | text + CASE WHEN text = '' THEN '' ELSE ' | ' END + alias)`,
    params: { rows },
  };
}
