// Opens the store: SQLite (better-sqlite3, WAL) in the data folder by default,
// PostgreSQL when a DATABASE_URL is given. One set of migrations serves both and
// runs at every start; Kysely's migration lock makes concurrent starts safe.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.ts';
import { kyselyUsageWriter, sqliteUsageWriter, type UsageWriter } from './repos/usage.ts';
import * as platform from './migrations/001-platform.ts';
import * as luis from './migrations/002-luis.ts';
import * as usageWriters from './migrations/003-usage-writers.ts';
import * as visionReads from './migrations/004-vision-reads.ts';
import * as luisReview from './migrations/005-luis-review.ts';
import * as luisBatchTests from './migrations/006-luis-batch-tests.ts';
import * as clu from './migrations/007-clu.ts';
import * as security from './migrations/009-security.ts';
import * as masterKeyRotation from './migrations/010-master-key-rotation.ts';
import * as sessions from './migrations/011-sessions.ts';
import * as network from './migrations/012-network.ts';
import * as usageLatency from './migrations/013-usage-latency.ts';
import * as audit from './migrations/014-audit.ts';
import * as accessTokens from './migrations/015-access-tokens.ts';
import * as cluAssignedResources from './migrations/016-clu-assigned-resources.ts';
import * as cluDeploymentsCascade from './migrations/017-clu-deployments-cascade.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The metering batches' path into the store (prepared statements on SQLite). */
  usageWriter: UsageWriter;
  close(): Promise<void>;
}

/** Every migration, in order. A new migration is a new module added here. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-platform': platform,
  '002-luis': luis,
  '003-usage-writers': usageWriters,
  '004-vision-reads': visionReads,
  '005-luis-review': luisReview,
  '006-luis-batch-tests': luisBatchTests,
  '007-clu': clu,
  '009-security': security,
  '010-master-key-rotation': masterKeyRotation,
  '011-sessions': sessions,
  '012-network': network,
  '013-usage-latency': usageLatency,
  '014-audit': audit,
  '015-access-tokens': accessTokens,
  '016-clu-assigned-resources': cluAssignedResources,
  '017-clu-deployments-cascade': cluDeploymentsCascade,
};

class StaticMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
}

// PostgreSQL bigint (int8) arrives as a string by default; our bigints are
// millisecond times and counters, far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

function openSqliteFile(dataDir: string): SQLite.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(join(dataDir, 'portico.db'));
  file.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commits).
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return file;
}

function postgresDialect(url: string): PostgresDialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) });
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  // Numbers are handed out to parallel work, so a database may have run 011 before 010 exists:
  // a missing earlier migration runs after the later ones instead of failing the start.
  const migrator = new Migrator({ db, provider: new StaticMigrations(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`);
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  const file = options.databaseUrl ? undefined : openSqliteFile(options.dataDir);
  const db = new Kysely<Database>({
    dialect: file ? new SqliteDialect({ database: file }) : postgresDialect(options.databaseUrl!),
  });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const usageWriter = file ? sqliteUsageWriter(db, file) : kyselyUsageWriter(db);
  return { db, dialect, usageWriter, close: () => db.destroy() };
}
