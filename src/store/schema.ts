// The tables as Kysely sees them. Times are milliseconds since the epoch
// (bigint in PostgreSQL, integer in SQLite) so both databases agree.
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_digest: string;
  account_id: string;
  created_at: number;
  /** The absolute end; the idle end is last_used_at plus the configured idle time. */
  expires_at: number;
  /** Public id, for listing and revoking (never the digest). */
  id: string;
  last_used_at: number;
  /** User agent and address of the log-in, for the owner to recognise it. */
  client: string;
}

export interface ResourcesTable {
  id: string;
  account_id: string;
  name: string;
  kind: string;
  tier: string;
  region: string;
  created_at: number;
  /** Last time a key of this resource passed the gateway; drives free-tier expiry. */
  last_used_at: number;
  key1_cipher: string;
  key1_digest: string;
  key2_cipher: string;
  key2_digest: string;
  /** 1 when keys are refused and only access tokens from the owner's identity serve (migration 015). */
  disable_local_auth: number;
  /** 'Allow' or 'Deny': what happens to an address that no IP rule names (migration 012). */
  network_default_action: string;
  /** JSON array of the addresses and CIDR ranges allowed when the default action is Deny. */
  network_ip_rules: string;
  /** Lower-case; the resource is reached at <custom_subdomain>.<custom domain>; null when unset. */
  custom_subdomain: string | null;
}

export interface UsageTable {
  resource_id: string;
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  meter: string;
  operation: string;
  key_slot: number;
  status: number;
  /** 1 when the call passed the rate and quota checks and so counts against the quota. */
  admitted: number;
  /** The server process that counted these calls (see UsageRecorder); reads sum over writers. */
  writer: string;
  calls: number;
}

/** Admitted calls per latency bucket (migration 013). */
export interface UsageLatencyTable {
  resource_id: string;
  day: string;
  operation: string;
  writer: string;
  /** Upper bound of the latency bucket in ms; ABOVE_ALL_BUCKETS_MS for +Inf. */
  le_ms: number;
  calls: number;
  /** Sum of the calls' latencies in ms. */
  latency_ms: number;
}

export interface MasterKeyChecksTable {
  /** 'current'; during a rotation also 'previous' (migration 010). */
  id: string;
  /** HMAC of a fixed label under the master key; see KeyVault.checkValue. */
  check_value: string;
  recorded_at: number;
  /** During a rotation: this row's master key sealed under the other row's, so a holder of either learns both (see rotation.ts); null otherwise. */
  wrapped_key: string | null;
}

/** Keys that sign access tokens, shared by every process (migration 015). */
export interface TokenSigningKeysTable {
  /** The `kid` in a token's header. */
  id: string;
  /** The HMAC secret, sealed by the key vault. */
  secret_cipher: string;
  created_at: number;
}

/** One event of an account's audit log (migration 014). */
export interface AuditEventsTable {
  id: string;
  account_id: string;
  at: number;
  type: string;
  actor: string;
  address: string;
  /** JSON object of the event's names (resource, key slot, …); never a secret. */
  detail: string;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  resources: ResourcesTable;
  usage: UsageTable;
  usage_latency: UsageLatencyTable;
  master_key_checks: MasterKeyChecksTable;
  token_signing_keys: TokenSigningKeysTable;
  audit_events: AuditEventsTable;
}

export type { Generated };
