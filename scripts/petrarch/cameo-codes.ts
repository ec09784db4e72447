/**
 * Reads CAMEO actor and agent codes (three-letter segments: HUNGOVHLH, IGOWSTNAT, MNCUSA, ~COP) with
 * the hand-made table data/petrarch/cameo-codes.json and the world-countries dataset.
 */
import { readFileSync } from 'node:fs';
import countriesModule from 'world-countries';
import type { Country } from 'world-countries';
import type { ActorKind } from '../../src/ontology.ts';

/** The world-countries dataset (its typings do not line up with NodeNext's CJS interop). */
export const WORLD_COUNTRIES: readonly Country[] = (() => {
  const mod = countriesModule as unknown as Country[] | { default?: Country[] };
  const list = Array.isArray(mod) ? mod : (mod.default ?? []);
  if (list.length < 200) throw new Error('world-countries: dataset not loaded');
  return list;
})();

export interface CameoCodeTable {
  countries: Record<string, { iso3: string | null; note: string }>;
  historicalCountries: string[];
  regions: Record<string, string>;
  organizationTypes: Record<string, { kind: ActorKind; sector: string; note: string }>;
  statuses: Record<string, string>;
  sectors: Record<string, string>;
  /** Per agent file, sector codes that file uses in its own sense. */
  agentSectorsByFile: Record<string, Record<string, string>>;
  kindBySector: Record<string, ActorKind>;
  officialSectors: string[];
  organizationWords: string[];
  titleWords: string[];
}

export function readCodeTable(path: string): CameoCodeTable {
  const table = JSON.parse(readFileSync(path, 'utf8')) as CameoCodeTable;
  const iso = new Set(WORLD_COUNTRIES.map((c) => c.cca3));
  for (const code of [
    ...Object.keys(table.countries),
    ...Object.keys(table.regions),
    ...Object.keys(table.organizationTypes),
  ]) {
    if (iso.has(code)) throw new Error(`${path}: ${code} is an ISO code in world-countries; it must not be redefined`);
  }
  return table;
}

export interface DecodedCode {
  /** ISO3 of the actor's country (first country segment; for IGO/NGO/MNC codes the home country). */
  country: string | null;
  /** ISO3 of the most specific country segment (USAASM -> ASM); equals country otherwise. */
  territory: string | null;
  /** IGO, NGO, MNC, IMG … when the code names an organisation type. */
  orgType: string | null;
  region: string | null;
  /** Role segments after the country or organisation: GOV, HLH. */
  roles: string[];
  /** The code after its country, organisation-type or region segment (HUNGOVHLH -> GOVHLH); all of it when it starts with a role (ELI). */
  role: string;
  /** Sector name of the first role, else of the organisation type. */
  sector: string | null;
  /** A leading segment that is neither country, region, organisation type nor sector. */
  unknown: string | null;
  /** The country segment maps to "no country" on purpose (KNT, the fictional test country). */
  dropped: boolean;
}

export class CameoCodeReader {
  private readonly iso: Set<string>;

  constructor(readonly table: CameoCodeTable) {
    this.iso = new Set(WORLD_COUNTRIES.map((c) => c.cca3));
  }

  /** ISO3 for a country segment, null for "deliberately none", undefined when it is no country code. */
  countryOf(segment: string): string | null | undefined {
    if (this.iso.has(segment)) return segment;
    const special = this.table.countries[segment];
    return special ? special.iso3 : undefined;
  }

  sectorOf(segment: string): string | undefined {
    return this.table.sectors[segment];
  }

  /** Reads an actor code such as HUNGOVHLH, IGOUNOKID, MNCUSA, SYRREBMUS or ELI. */
  decode(code: string): DecodedCode {
    const segments = code.replace(/~/g, '').match(/[A-Z0-9]{3}/g) ?? [];
    const out: DecodedCode = {
      country: null,
      territory: null,
      orgType: null,
      region: null,
      roles: [],
      role: '',
      sector: null,
      unknown: null,
      dropped: false,
    };
    const [first, ...rest] = segments;
    if (!first) return out;
    out.role = rest.join('');
    const firstCountry = this.countryOf(first);
    if (this.table.organizationTypes[first]) {
      out.orgType = first;
      for (const s of rest) {
        // Sector before country: in IMGMUSISI, MUS is Muslim, not Mauritius.
        if (this.sectorOf(s)) out.roles.push(s);
        else if (this.table.regions[s]) out.region ??= this.table.regions[s] ?? null;
        else if (this.countryOf(s)) out.country ??= this.countryOf(s) ?? null;
      }
    } else if (firstCountry !== undefined) {
      out.country = firstCountry;
      out.dropped = firstCountry === null;
      for (const s of rest) {
        if (this.table.statuses[s]) continue;
        if (this.sectorOf(s)) out.roles.push(s);
        else if (out.roles.length === 0 && this.countryOf(s)) out.territory = this.countryOf(s) ?? null;
      }
    } else if (this.table.regions[first]) {
      out.region = this.table.regions[first] ?? null;
      for (const s of rest) if (this.sectorOf(s)) out.roles.push(s);
    } else if (this.sectorOf(first)) {
      out.role = segments.join('');
      out.roles.push(first);
      for (const s of rest) if (this.sectorOf(s)) out.roles.push(s);
    } else {
      out.unknown = first;
      for (const s of rest) if (this.sectorOf(s)) out.roles.push(s);
    }
    out.territory ??= out.country;
    const firstRole = out.roles[0];
    out.sector =
      (firstRole ? this.sectorOf(firstRole) : undefined) ??
      (out.orgType ? this.table.organizationTypes[out.orgType]?.sector : undefined) ??
      null;
    return out;
  }
}
