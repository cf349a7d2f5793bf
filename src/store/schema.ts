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
  expires_at: number;
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

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  resources: ResourcesTable;
  usage: UsageTable;
}

export type { Generated };
