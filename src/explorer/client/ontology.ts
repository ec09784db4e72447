/**
 * The relation ontology and actor kinds, bundled from schema/ontology/relations.json (the one source
 * of relation names and scores), plus how each kind is drawn.
 */
import ontology from '../../../schema/ontology/relations.json' with { type: 'json' };

export interface RelationInfo {
  name: string;
  plover: string;
  score: number;
  verb: string;
  description: string;
}

export const RELATIONS: readonly RelationInfo[] = ontology.relations;
export const RELATION_BY_NAME: ReadonlyMap<string, RelationInfo> = new Map(RELATIONS.map((r) => [r.name, r]));

export type ShapeName = 'circle' | 'triangle' | 'square' | 'hexagon' | 'diamond' | 'star' | 'pentagon';

export interface KindStyle {
  kind: string;
  label: string;
  color: string;
  shape: ShapeName;
}

// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies); the shape tells
// the kind apart too, so colour is never the only cue.
const KIND_DRAWING: Record<string, { color: string; shape: ShapeName }> = {
  COUNTRY: { color: '#0072B2', shape: 'circle' },
  OFFICIAL: { color: '#E69F00', shape: 'triangle' },
  AGENCY: { color: '#009E73', shape: 'square' },
  ALLIANCE: { color: '#CC79A7', shape: 'hexagon' },
  ORGANIZATION: { color: '#56B4E9', shape: 'diamond' },
  GROUP: { color: '#D55E00', shape: 'star' },
  PERSON: { color: '#6B5B95', shape: 'pentagon' },
};

export const KIND_STYLES: readonly KindStyle[] = ontology.actorKinds.map((k) => ({
  kind: k.kind,
  label: k.label,
  ...(KIND_DRAWING[k.kind] ?? { color: '#777777', shape: 'circle' as const }),
}));
const KIND_BY_NAME = new Map(KIND_STYLES.map((k) => [k.kind, k]));

export function kindStyle(kind: string): KindStyle {
  return KIND_BY_NAME.get(kind) ?? { kind, label: kind, color: '#777777', shape: 'circle' };
}
