/**
 * The relation ontology (schema/ontology/relations.json): the closed list of relations, actor kinds
 * and their PLOVER/CAMEO/score mapping. Everything that becomes a Neo4j label or relationship type
 * must come from here, never from input text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RELATION_NAMES = [
  'ACCUSES',
  'CONDEMNS',
  'CHARGES',
  'INVESTIGATES',
  'DENIES',
  'REJECTS',
  'SUPPORTS',
  'AGREES',
  'MEETS',
  'COOPERATES',
  'AIDS',
  'REQUESTS',
  'THREATENS',
  'PROTESTS',
  'SANCTIONS',
  'MOBILIZES',
  'COERCES',
  'ASSAULTS',
  'CONCEDES',
  'RETREATS',
] as const;
export type RelationName = (typeof RELATION_NAMES)[number];

export const ACTOR_KINDS = ['COUNTRY', 'OFFICIAL', 'AGENCY', 'ALLIANCE', 'ORGANIZATION', 'GROUP', 'PERSON'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Classes of relations the extractor's rules test (described in relations.json, `relationClasses`). */
export const RELATION_CLASSES = [
  'reciprocal',
  'cooperative',
  'hostile',
  'yielding',
  'restrictive',
  'future',
  'alleging',
  'judging',
  'open-target',
  'topic-judgement',
  'opposing',
  'reaches-with',
] as const;
export type RelationClass = (typeof RELATION_CLASSES)[number];

export interface RelationInfo {
  name: RelationName;
  plover: string;
  mode: string;
  cameo: string;
  score: number;
  verb: string;
  description: string;
  classes: RelationClass[];
}

export interface ActorKindInfo {
  kind: ActorKind;
  label: string;
}

interface OntologyFile {
  relationClasses: Record<string, string>;
  relations: RelationInfo[];
  actorKinds: ActorKindInfo[];
}

const ontologyPath = fileURLToPath(new URL('../schema/ontology/relations.json', import.meta.url));
const file = JSON.parse(readFileSync(ontologyPath, 'utf8')) as OntologyFile;

function checkOntology(data: OntologyFile): void {
  const names = new Set(data.relations.map((r) => r.name));
  for (const n of RELATION_NAMES)
    if (!names.has(n)) throw new Error(`ontology: relation ${n} missing from ${ontologyPath}`);
  if (names.size !== RELATION_NAMES.length)
    throw new Error(`ontology: ${ontologyPath} lists relations outside the closed list`);
  for (const c of RELATION_CLASSES)
    if (typeof data.relationClasses[c] !== 'string')
      throw new Error(`ontology: relation class ${c} not described in ${ontologyPath}`);
  for (const r of data.relations) {
    for (const c of r.classes)
      if (!(RELATION_CLASSES as readonly string[]).includes(c))
        throw new Error(`ontology: ${r.name} has unknown class ${c}`);
  }
  for (const k of data.actorKinds) {
    if (!(ACTOR_KINDS as readonly string[]).includes(k.kind)) throw new Error(`ontology: unknown actor kind ${k.kind}`);
    if (!/^[A-Z][A-Za-z]+$/.test(k.label)) throw new Error(`ontology: label ${k.label} is not a plain identifier`);
  }
}
checkOntology(file);

export const RELATIONS: ReadonlyMap<RelationName, RelationInfo> = new Map(file.relations.map((r) => [r.name, r]));
export const ACTOR_KIND_LABELS: ReadonlyMap<ActorKind, string> = new Map(file.actorKinds.map((k) => [k.kind, k.label]));

/** The relations of a class ("reciprocal": AGREES, MEETS, COOPERATES). */
export function relationsOfClass(cls: RelationClass): ReadonlySet<RelationName> {
  return new Set(file.relations.filter((r) => r.classes.includes(cls)).map((r) => r.name));
}

export function isRelationName(value: string): value is RelationName {
  return RELATIONS.has(value as RelationName);
}

export function isActorKind(value: string): value is ActorKind {
  return ACTOR_KIND_LABELS.has(value as ActorKind);
}

/** The ontology row of a relation; throws on a name outside the closed list. */
export function relationInfo(name: string): RelationInfo {
  const info = RELATIONS.get(name as RelationName);
  if (!info) throw new Error(`unknown relation ${JSON.stringify(name)}`);
  return info;
}

/** The Neo4j label of an actor kind (Country, Official, …); throws on a kind outside the closed list. */
export function kindLabel(kind: string): string {
  const label = ACTOR_KIND_LABELS.get(kind as ActorKind);
  if (!label) throw new Error(`unknown actor kind ${JSON.stringify(kind)}`);
  return label;
}
