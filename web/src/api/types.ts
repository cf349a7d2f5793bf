// The console API's data as the portal uses it (issue 3, "Console API").

export type AuthoringKey = { key1: string; key2: string; endpoint: string };

export type Account = {
  id: string;
  email: string;
  createdAt: string;
  /** Authoring region → that region's authoring key pair. */
  authoringKeys: Record<string, AuthoringKey>;
};

export type Tier = {
  name: string;
  rate: { limit: number; per: 'second' | 'minute' | string };
  /** Calls per calendar month, per meter; a meter not listed is unlimited (metered only). */
  monthlyQuota: Record<string, number>;
  expiresAfterUnusedDays?: number;
};

export type Kind = {
  name: string;
  displayName: string;
  /** Created with the account (LUIS authoring keys); not offered in the create form. */
  perAccount: boolean;
  tiers: Tier[];
  /** Regions a resource of this kind may be created in. */
  regions: string[];
};

export type Catalog = {
  kinds: Kind[];
  /** Authoring region → the publishing regions it serves. */
  authoringRegions: Record<string, string[]>;
};

export type Resource = {
  id: string;
  name: string;
  kind: string;
  tier: string;
  region: string;
  endpoint?: string;
  state: 'active' | 'expired' | string;
  createdAt?: string;
  lastUsedAt?: string;
  /** Keys refused; only access tokens serve (Azure's disableLocalAuth). */
  disableLocalAuth?: boolean;
  /** Served at <name>.<custom domain> too, and the endpoint is that URL; null when unset. */
  customSubDomainName?: string | null;
  /** Which client addresses may use the keys. */
  networkAcls?: NetworkAcls;
};

/** Azure's networkAcls: with Deny, only the addresses and CIDR ranges of ipRules may use the keys. */
export type NetworkAcls = { defaultAction: 'Allow' | 'Deny'; ipRules: { value: string }[] };

export type Keys = { key1: string; key2: string };

export type UsageDay = {
  day: string;
  calls: number;
  statusClasses: Record<string, number>;
  /** Calls the gateway refused with 429 (rate limit). */
  rateLimited: number;
  /** Calls the gateway refused with 403 (monthly quota or expiry). */
  quotaExceeded: number;
  operations: Record<string, number>;
  /** Latency of the day's admitted calls in ms; null on a day without any. */
  latency?: { calls: number; averageMs: number | null; p95Ms: number | null };
};

export type QuotaUse = { meter: string; used: number; limit: number; renewsAt: string };

export type Usage = {
  from: string;
  to: string;
  days: UsageDay[];
  quotas: QuotaUse[];
};

/** A console session (log-in) of the account, GET /api/account/sessions. */
export interface Session {
  id: string;
  client: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  current: boolean;
}

/** One event of the account's audit log, GET /api/account/audit. */
export interface AuditEntry {
  id: string;
  time: string;
  type: string;
  /** The e-mail of the account that acted, or "operator". */
  actor: string;
  address: string;
  detail: Record<string, string>;
  summary: string;
}

/** A page of the audit log, newest first; `nextBefore` fetches the older page after it. */
export interface AuditPage {
  value: AuditEntry[];
  nextBefore?: string;
}
