// The catalog as the server stores it names a kind's regions by set
// ("authoring", "publishing", "all") or lists them; the portal wants the list.
import type { Catalog, Kind, Tier } from './types.ts';

type RawKind = Omit<Kind, 'regions' | 'perAccount'> & { regions: string | string[]; perAccount?: boolean };
export type RawCatalog = { authoringRegions: Record<string, string[]>; kinds: RawKind[] };

export function regionsOf(regions: string | string[], authoringRegions: Record<string, string[]>): string[] {
  if (Array.isArray(regions)) return regions;
  const authoring = Object.keys(authoringRegions);
  const publishing = [...new Set(Object.values(authoringRegions).flat())];
  if (regions === 'authoring') return authoring;
  if (regions === 'publishing') return publishing;
  return [...new Set([...authoring, ...publishing])];
}

export function normalizeCatalog(raw: RawCatalog): Catalog {
  return {
    authoringRegions: raw.authoringRegions,
    kinds: raw.kinds.map((kind) => ({
      ...kind,
      perAccount: Boolean(kind.perAccount),
      tiers: kind.tiers.map((tier: Tier) => ({ ...tier, monthlyQuota: tier.monthlyQuota ?? {} })),
      regions: regionsOf(kind.regions, raw.authoringRegions),
    })),
  };
}

/** Kinds a user may create resources of (not the per-account authoring keys). */
export function creatableKinds(catalog: Catalog): Kind[] {
  return catalog.kinds.filter((k) => !k.perAccount);
}
