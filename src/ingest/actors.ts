/** The article's actor register: builds ExtractedActor records with stable ids. */
import { COUNTRIES as countries } from './countries.ts';
import { COUNTRY_EXTRAS } from './data.ts';
import type { ActorKind } from '../ontology.ts';
import type { ExtractedActor } from './types.ts';
import { slugify } from './ids.ts';

const COUNTRY_NAMES = new Map(countries.map((c) => [c.cca3, c.name.common]));
const ADJECTIVES = new Map(
  countries.map((c) => [c.cca3, COUNTRY_EXTRAS.agencyAdjectives[c.cca3] ?? c.demonyms?.eng?.m ?? c.name.common]),
);

/** The word a body's name starts with: "Russian" Foreign Ministry, "Chinese" Embassy, "US" Embassy. */
export function countryAdjective(iso: string): string {
  return ADJECTIVES.get(iso) ?? iso;
}

export function countryName(iso: string): string {
  return COUNTRY_NAMES.get(iso) ?? iso;
}

export function countryId(iso: string): string {
  return `country:${iso}`;
}

export class ActorRegister {
  readonly actors = new Map<string, ExtractedActor>();
  /** Actors described rather than named ("the Chinese embassy", "four Chinese nationals"). */
  readonly descriptive = new Set<string>();
  /** Actors found only by the engine's entity tags (private people, companies): listed when they take part in an event. */
  readonly incidental = new Set<string>();

  private put(actor: ExtractedActor, alias?: string): string {
    const known = this.actors.get(actor.id);
    const target = known ?? actor;
    if (!known) this.actors.set(actor.id, actor);
    if (alias && alias !== target.name && !target.aliases.includes(alias)) target.aliases.push(alias);
    return target.id;
  }

  country(iso: string, alias?: string): string {
    return this.put(
      { id: countryId(iso), name: countryName(iso), kind: 'COUNTRY', country: iso, title: null, aliases: [] },
      alias,
    );
  }

  named(id: string, kind: ActorKind, name: string, country: string | null, alias?: string): string {
    const affiliation = kind === 'AGENCY' && country ? countryId(country) : null;
    return this.put({ id, name, kind, country, title: null, aliases: [], affiliation }, alias);
  }

  /** Adds an actor found outside the text (the document's issuing body) and returns its id. */
  adopt(actor: ExtractedActor): string {
    return this.put({ ...actor, aliases: [...actor.aliases] });
  }

  genericAgency(iso: string, slug: string, name: string, alias?: string): string {
    const display = `${countryAdjective(iso)} ${name}`;
    this.descriptive.add(`agency:${iso.toLowerCase()}:${slug}`);
    return this.named(`agency:${iso.toLowerCase()}:${slug}`, 'AGENCY', display, iso, alias);
  }

  official(name: string, country: string | null, title: string | null, affiliation: string | null): string {
    const id = `official:${(country ?? 'xxx').toLowerCase()}:${slugify(name)}`;
    const known = this.actors.get(id);
    if (known) {
      if (!known.title && title) known.title = title;
      return id;
    }
    return this.put({
      id,
      name,
      kind: 'OFFICIAL',
      country,
      title,
      aliases: [],
      affiliation: affiliation ?? (country ? countryId(country) : null),
    });
  }

  person(description: string, country: string | null): string {
    const slug = slugify(description.replace(/^(the|a|an)\s+/i, ''));
    const id = `person:${(country ?? 'xxx').toLowerCase()}:${slug}`;
    this.descriptive.add(id);
    return this.put({
      id,
      name: description.replace(/^(the|a|an)\s+/i, ''),
      kind: 'PERSON',
      country,
      title: null,
      aliases: [],
    });
  }

  /** A private person named in the text ("Russian national Natalia Burlinova"). */
  namedPerson(name: string, country: string | null): string {
    return this.put({
      id: `person:${(country ?? 'xxx').toLowerCase()}:${slugify(name)}`,
      name,
      kind: 'PERSON',
      country,
      title: null,
      aliases: [],
    });
  }

  countryOf(id: string): string | null {
    return this.actors.get(id)?.country ?? null;
  }

  kindOf(id: string): ActorKind | null {
    return this.actors.get(id)?.kind ?? null;
  }
}
