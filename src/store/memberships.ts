/** Country memberships in alliances, from data/memberships.json (`alliance:<slug>` -> ISO3 list). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorRow } from './prepare.ts';
import type { MembershipRow } from './cypher/affiliations.ts';

const file = fileURLToPath(new URL('../../data/memberships.json', import.meta.url));

/** alliance actor id -> member country actor ids (`country:<ISO3>`, the extractor's ids). */
export function loadMemberships(path = file): Map<string, string[]> {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const out = new Map<string, string[]>();
  for (const [alliance, members] of Object.entries(raw)) {
    if (!alliance.startsWith('alliance:') || !Array.isArray(members)) continue;
    out.set(
      alliance,
      members.filter((m): m is string => typeof m === 'string' && /^[A-Z]{3}$/.test(m)).map((m) => `country:${m}`),
    );
  }
  return out;
}

let cached: { byAlliance: Map<string, string[]>; byCountry: Map<string, string[]> } | null = null;

function tables() {
  if (!cached) {
    const byAlliance = loadMemberships();
    const byCountry = new Map<string, string[]>();
    for (const [alliance, countries] of byAlliance) {
      for (const c of countries) byCountry.set(c, [...(byCountry.get(c) ?? []), alliance]);
    }
    cached = { byAlliance, byCountry };
  }
  return cached;
}

/** The MEMBER_OF pairs that involve any of these actors (either side may already be in the graph). */
export function membershipsFor(actors: Iterable<Pick<ActorRow, 'id' | 'kind'>>): MembershipRow[] {
  const { byAlliance, byCountry } = tables();
  const pairs = new Map<string, MembershipRow>();
  for (const a of actors) {
    if (a.kind === 'COUNTRY')
      for (const alliance of byCountry.get(a.id) ?? []) pairs.set(`${a.id} ${alliance}`, { country: a.id, alliance });
    if (a.kind === 'ALLIANCE')
      for (const country of byAlliance.get(a.id) ?? []) pairs.set(`${country} ${a.id}`, { country, alliance: a.id });
  }
  return [...pairs.values()].sort((x, y) => (x.country + x.alliance < y.country + y.alliance ? -1 : 1));
}
