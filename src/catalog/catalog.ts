// The catalogue: regions (authoring → publishing), resource kinds and their
// pricing tiers. It is data, so an operator can replace it (PORTICO_CATALOG)
// and a new kind needs no code. It is validated once at start-up.
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const RateSchema = Type.Object({
  limit: Type.Integer({ minimum: 1 }),
  per: Type.Union([Type.Literal('second'), Type.Literal('minute')]),
}, { additionalProperties: false });

const TierSchema = Type.Object({
  name: Type.String({ pattern: '^[A-Z][A-Z0-9]{0,9}$' }),
  rate: RateSchema,
  /** Calls a calendar month (UTC) per meter; a meter not listed is unlimited (metered only). */
  monthlyQuota: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), Type.Integer({ minimum: 0 })),
  /** Keys unused this many consecutive days stop working until new keys are requested. */
  expiresAfterUnusedDays: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Said in the 403 when the monthly quota runs out (default: a higher tier lifts it). */
  quotaHint: Type.Optional(Type.String({ minLength: 1 })),
}, { additionalProperties: false });

const KindSchema = Type.Object({
  name: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9.]{0,63}$' }),
  displayName: Type.String({ minLength: 1 }),
  /** One resource of this kind per account and region, created with the account (LUIS authoring keys). */
  perAccount: Type.Boolean(),
  /** Where resources of this kind may live. */
  regions: Type.Union([Type.Literal('authoring'), Type.Literal('publishing'), Type.Literal('all'), Type.Array(Type.String(), { minItems: 1 })]),
  tiers: Type.Array(TierSchema, { minItems: 1 }),
}, { additionalProperties: false });

const CatalogSchema = Type.Object({
  authoringRegions: Type.Record(Type.String({ pattern: '^[a-z0-9]+$' }), Type.Array(Type.String({ pattern: '^[a-z0-9]+$' }), { minItems: 1 })),
  kinds: Type.Array(KindSchema, { minItems: 1 }),
}, { additionalProperties: false });

export type Rate = Static<typeof RateSchema>;
export type Tier = Static<typeof TierSchema>;
export type KindDefinition = Static<typeof KindSchema>;
export type CatalogData = Static<typeof CatalogSchema>;

export class CatalogError extends Error {}

export interface Catalog {
  data: CatalogData;
  authoringRegions: string[];
  /** Every region that is an authoring or a publishing region. */
  allRegions: string[];
  kind(name: string): KindDefinition | undefined;
  tier(kind: string, tier: string): Tier | undefined;
  /** The regions where a resource of this kind may be created. */
  regionsOf(kind: KindDefinition): string[];
  /** The publishing regions of an authoring region (empty when it is not one). */
  publishingRegionsOf(authoringRegion: string): string[];
  /** The authoring region whose publishing set contains this region. */
  authoringRegionOf(publishingRegion: string): string | undefined;
}

export function defaultCatalogPath(): string {
  return new URL('./default-catalog.json', import.meta.url).pathname;
}

function schemaErrors(raw: unknown): string[] {
  return [...Value.Errors(CatalogSchema, raw)].map((e) => `catalog${e.path.replace(/\//g, '.') || ''}: ${e.message}`);
}

function semanticErrors(data: CatalogData, allRegions: Set<string>): string[] {
  const errors: string[] = [];
  const seenKinds = new Set<string>();
  data.kinds.forEach((kind, k) => {
    if (seenKinds.has(kind.name)) errors.push(`catalog.kinds.${k}.name: kind "${kind.name}" appears twice`);
    seenKinds.add(kind.name);
    const seenTiers = new Set<string>();
    kind.tiers.forEach((tier, t) => {
      if (seenTiers.has(tier.name)) errors.push(`catalog.kinds.${k}.tiers.${t}.name: tier "${tier.name}" appears twice in ${kind.name}`);
      seenTiers.add(tier.name);
    });
    if (Array.isArray(kind.regions)) {
      kind.regions.forEach((r, i) => {
        if (!allRegions.has(r)) errors.push(`catalog.kinds.${k}.regions.${i}: "${r}" is neither an authoring nor a publishing region`);
      });
    }
  });
  return errors;
}

export function buildCatalog(raw: unknown): Catalog {
  const errors = schemaErrors(raw);
  if (errors.length) throw new CatalogError(errors.join('\n'));
  const data = raw as CatalogData;
  const authoringRegions = Object.keys(data.authoringRegions);
  const allRegions = [...new Set([...authoringRegions, ...Object.values(data.authoringRegions).flat()])];
  const semantic = semanticErrors(data, new Set(allRegions));
  if (semantic.length) throw new CatalogError(semantic.join('\n'));
  const publishing = [...new Set(Object.values(data.authoringRegions).flat())];
  // Names are unique (checked above); the gateway looks a tier up on every call.
  const kinds = new Map(data.kinds.map((k) => [k.name, { kind: k, tiers: new Map(k.tiers.map((t) => [t.name, t])) }]));
  return {
    data,
    authoringRegions,
    allRegions,
    kind: (name) => kinds.get(name)?.kind,
    tier: (kind, tier) => kinds.get(kind)?.tiers.get(tier),
    regionsOf: (kind) => {
      if (Array.isArray(kind.regions)) return kind.regions;
      return kind.regions === 'authoring' ? authoringRegions : kind.regions === 'publishing' ? publishing : allRegions;
    },
    publishingRegionsOf: (region) => data.authoringRegions[region] ?? [],
    authoringRegionOf: (region) => authoringRegions.find((a) => data.authoringRegions[a].includes(region)),
  };
}

export function loadCatalog(path: string = defaultCatalogPath()): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CatalogError(`cannot read catalogue file ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CatalogError(`catalogue file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return buildCatalog(raw);
  } catch (err) {
    throw new CatalogError(`catalogue file ${path} is invalid:\n${(err as Error).message}`);
  }
}

/** Window length of a rate in milliseconds. */
export function rateWindowMs(rate: Rate): number {
  return rate.per === 'second' ? 1000 : 60_000;
}
