/**
 * The names the dictionaries know actors by, for `actors(search:)`: an actor's stored aliases are only
 * the names articles happened to call it, so "UK" found Ukraine (by the prefix uk*) and never the United
 * Kingdom, which the seed calls "Britain". A search that is exactly one of these names (case, dots and
 * spacing aside: "U.K.", "uk") finds its actors first. Sources: world-countries (common and official
 * names, alternative spellings such as "UK"), data/country-extras.json, the PETRARCH2 country names and
 * aliases (data/petrarch/countries.tsv: "America"), data/organizations.json and data/agencies.json
 * ("State Department").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PETRARCH_DATA_DIR } from '../dicts/petrarch.ts';
import { COUNTRIES } from '../ingest/countries.ts';
import { AGENCIES, COUNTRY_EXTRAS, ORGANIZATIONS } from '../ingest/data.ts';

/** The form names are compared in: lower case, no dots, single spaces ("U.S." and "us" are one). */
export function aliasKey(text: string): string {
  return text.toLowerCase().replaceAll('.', '').replace(/\s+/g, ' ').trim();
}

let byKey: Map<string, Set<string>> | null = null;

function build(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (name: string, id: string) => {
    const key = aliasKey(name);
    if (key.length === 0) return;
    let ids = map.get(key);
    if (!ids) map.set(key, (ids = new Set()));
    ids.add(id);
  };
  for (const c of COUNTRIES)
    for (const n of [c.name.common, c.name.official, ...c.altSpellings]) add(n, `country:${c.cca3}`);
  for (const [iso, names] of Object.entries(COUNTRY_EXTRAS.aliases)) for (const n of names) add(n, `country:${iso}`);
  // PETRARCH2's names and aliases of states that exist today (no end date); adjectives and capitals are
  // other words ("Chinese", "Washington" as a place) and stay out.
  const tsv = readFileSync(join(PETRARCH_DATA_DIR, 'countries.tsv'), 'utf8').split('\n').slice(1);
  for (const line of tsv) {
    const [name, form, iso3, , , end] = line.split('\t');
    if (name && iso3 && (form === 'name' || form === 'alias') && !end) add(name, `country:${iso3}`);
  }
  for (const o of ORGANIZATIONS) for (const n of [o.name, ...o.aliases]) add(n, o.id);
  for (const a of AGENCIES)
    for (const n of [a.name, ...a.aliases]) add(n, `agency:${a.country.toLowerCase()}:${a.slug}`);
  return map;
}

/** Ids of the actors the dictionaries call exactly `search` (none for any other text). */
export function dictionaryActorIds(search: string): string[] {
  byKey ??= build();
  return [...(byKey.get(aliasKey(search)) ?? [])].sort();
}
