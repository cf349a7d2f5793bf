// A fleet: N Portico processes on one fresh PostgreSQL database and one Redis,
// as separate processes on separate ports (the load-balancer layout).
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { writeScaleCatalog } from './catalog.ts';
import { sharedEnv, startPortico, type PorticoProcess } from './processes.ts';

export interface Fleet {
  db: TestDatabase;
  catalogPath: string;
  processes: PorticoProcess[];
  urls: string[];
  sql: pg.Pool;
  /** Sum of stored calls of a resource (by name), optionally only admitted ones. */
  storedCalls(resourceName: string, admittedOnly?: boolean): Promise<number>;
  resourceId(resourceName: string): Promise<string>;
  close(): Promise<void>;
}

export interface FleetOptions {
  size: number;
  redisUrl?: string;
  /** Extra env per process index (e.g. a failure mode). */
  envFor?: (index: number) => Record<string, string>;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const db = await createTestDatabase();
  const catalogPath = writeScaleCatalog();
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  const env = sharedEnv(db.url, catalogPath, options.redisUrl);
  const processes: PorticoProcess[] = [];
  try {
    // The first process migrates the empty database; the others then start together.
    processes.push(await startPortico({ env: { ...env, ...options.envFor?.(0) } }));
    processes.push(...await Promise.all(Array.from({ length: options.size - 1 }, (_, i) =>
      startPortico({ env: { ...env, ...options.envFor?.(i + 1) } }))));
  } catch (err) {
    await Promise.all(processes.map((p) => p.stop()));
    await sql.end();
    await db.drop();
    throw err;
  }
  return {
    db, catalogPath, processes, sql,
    urls: processes.map((p) => p.url),
    async storedCalls(name, admittedOnly = false) {
      const { rows } = await sql.query(
        `select coalesce(sum(u.calls), 0)::int as n from usage u join resources r on r.id = u.resource_id where r.name = $1 ${admittedOnly ? 'and u.admitted = 1' : ''}`, [name]);
      return rows[0].n;
    },
    async resourceId(name) {
      const { rows } = await sql.query('select id from resources where name = $1', [name]);
      return rows[0].id;
    },
    async close() {
      await Promise.all(processes.map((p) => p.stop()));
      await sql.end();
      await db.drop();
    },
  };
}
