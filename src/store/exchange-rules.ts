/** The rules of incidents and exchanges, loaded from data/responses.json (data, not code). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRelationName, RELATIONS, type RelationName } from '../ontology.ts';

interface RulesFile {
  windowDays: number;
  incidentWindowDays: number;
  triggers: string[];
  responses: string[];
  cues: string[];
  answersByNature: string[];
}

const path = fileURLToPath(new URL('../../data/responses.json', import.meta.url));
const file = JSON.parse(readFileSync(path, 'utf8')) as RulesFile;

function relations(list: string[]): RelationName[] {
  for (const r of list) if (!isRelationName(r)) throw new Error(`${path}: unknown relation ${r}`);
  return list as RelationName[];
}

export const RESPONSE_WINDOW_DAYS = file.windowDays;
export const INCIDENT_WINDOW_DAYS = file.incidentWindowDays;
export const TRIGGER_RELATIONS: readonly RelationName[] = relations(file.triggers);
export const RESPONSE_RELATIONS: readonly RelationName[] = relations(file.responses);
/** Every relation an exchange can contain. */
export const EXCHANGE_RELATIONS: readonly RelationName[] = [
  ...new Set([...TRIGGER_RELATIONS, ...RESPONSE_RELATIONS]),
].sort();
export const RESPONSE_CUES: readonly RegExp[] = file.cues.map((c) => new RegExp(c, 'i'));
/** Relations that answer by their nature: linked even when their date is not day-precise and nothing states it. */
export const ANSWERS_BY_NATURE: readonly RelationName[] = relations(file.answersByNature);

/** The relations of one PLOVER root (an incident groups the events of one root). */
export function relationsOfRoot(plover: string): RelationName[] {
  return [...RELATIONS.values()]
    .filter((r) => r.plover === plover)
    .map((r) => r.name)
    .sort();
}

/** The cue a sentence states its answer with, or null. */
export function responseCue(sentence: string): string | null {
  const s = sentence.replace(/\s+/g, ' ');
  for (const cue of RESPONSE_CUES) {
    const m = cue.exec(s);
    if (m) return m[0];
  }
  return null;
}
