// JSON shapes of the console API.
import { Type, type Static } from '@sinclair/typebox';
import type { Platform } from '../platform.ts';
import { publicBaseUrl } from '../config.ts';
import type { ResourceKeys, ResourceView } from '../resources/service.ts';
import type { Account } from '../accounts/service.ts';
import { accountResourceName } from '../resources/resource.ts';

/** Network rules as Azure's networkAcls: with Deny, only the addresses and CIDR ranges of ipRules may use the keys. */
export const NetworkAclsSchema = Type.Object({
  defaultAction: Type.Union([Type.Literal('Allow'), Type.Literal('Deny')]),
  ipRules: Type.Array(Type.Object({ value: Type.String() })),
});

export const ResourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  tier: Type.String(),
  region: Type.String(),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired')]),
  endpoint: Type.String({ description: 'The custom subdomain URL when the resource has one, else the regional endpoint' }),
  customSubDomainName: Type.Union([Type.String(), Type.Null()]),
  networkAcls: NetworkAclsSchema,
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  /** Keys refused; only access tokens serve. */
  disableLocalAuth: Type.Boolean(),
});

export const KeysSchema = Type.Object({ key1: Type.String(), key2: Type.String() });
export const ResourceWithKeysSchema = Type.Intersect([ResourceSchema, KeysSchema]);

export const AuthoringKeySchema = Type.Object({ key1: Type.String(), key2: Type.String(), endpoint: Type.String() });
export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  authoringKeys: Type.Record(Type.String(), AuthoringKeySchema),
});

const Counts = Type.Record(Type.String(), Type.Integer());
export const UsageSchema = Type.Object({
  resource: Type.String(),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(Type.Object({
    day: Type.String(),
    calls: Type.Integer(),
    statusClasses: Type.Object({ '2xx': Type.Integer(), '3xx': Type.Integer(), '4xx': Type.Integer(), '5xx': Type.Integer() }),
    rateLimited: Type.Integer(),
    quotaExceeded: Type.Integer(),
    operations: Counts,
    latency: Type.Object({
      calls: Type.Integer(),
      averageMs: Type.Union([Type.Number(), Type.Null()]),
      p95Ms: Type.Union([Type.Number(), Type.Null()]),
    }, { description: 'Latency of the day\'s admitted calls in ms (to the reply being ready); null on a day without any' }),
  })),
  quotas: Type.Array(Type.Object({ meter: Type.String(), used: Type.Integer(), limit: Type.Integer(), renewsAt: Type.String() })),
});

export const ErrorSchema = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

/** The base URL of a custom subdomain: `<name>.<custom domain>`, with the public URL's scheme and port. */
export function subdomainEndpoint(platform: Platform, subdomain: string): string {
  const base = new URL(publicBaseUrl(platform.config));
  base.hostname = `${subdomain}.${platform.config.customDomain}`;
  return `${base.origin}/`;
}

/** The base URL a client uses for a region: the server's own, with a region prefix outside the default region. */
export function regionEndpoint(platform: Platform, region: string): string {
  const { config } = platform;
  const base = publicBaseUrl(config);
  return region === config.region ? `${base}/` : `${base}/${region}/`;
}

export function resourceView(platform: Platform, r: ResourceView): Static<typeof ResourceSchema> {
  return {
    id: r.id, name: r.name, kind: r.kind, tier: r.tier, region: r.region, state: r.state,
    endpoint: r.customSubDomainName ? subdomainEndpoint(platform, r.customSubDomainName) : regionEndpoint(platform, r.region),
    customSubDomainName: r.customSubDomainName,
    networkAcls: { defaultAction: r.networkRules.defaultAction, ipRules: r.networkRules.ipRules.map((value) => ({ value })) },
    createdAt: new Date(r.createdAt).toISOString(),
    lastUsedAt: new Date(r.lastUsedAt).toISOString(),
    disableLocalAuth: r.disableLocalAuth,
  };
}

export async function accountView(platform: Platform, account: Account): Promise<Static<typeof AccountSchema>> {
  const authoringKeys: Record<string, Static<typeof AuthoringKeySchema>> = {};
  for (const kind of platform.catalog.data.kinds.filter((k) => k.perAccount)) {
    for (const region of platform.catalog.regionsOf(kind)) {
      const keys: ResourceKeys = await platform.resources.keys(account.id, accountResourceName(kind.name, region));
      authoringKeys[region] = { ...keys, endpoint: regionEndpoint(platform, region) };
    }
  }
  return { id: account.id, email: account.email, createdAt: new Date(account.createdAt).toISOString(), authoringKeys };
}

/** Resources the user created (the per-account authoring resources are shown under the account). */
export function isUserResource(platform: Platform, r: { kind: string }): boolean {
  return !platform.catalog.kind(r.kind)?.perAccount;
}
