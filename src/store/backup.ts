// Online snapshot of the SQLite store: better-sqlite3's backup API copies a
// consistent image page by page while other connections keep writing (WAL).
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

export class BackupError extends Error {}

/** Copies <dataDir>/portico.db to `target`; refuses to overwrite an existing file. */
export async function backupSqlite(dataDir: string, target: string): Promise<{ pages: number }> {
  const source = join(dataDir, 'portico.db');
  if (!existsSync(source)) throw new BackupError(`no database at ${source}: check --data-dir`);
  if (existsSync(target)) throw new BackupError(`${target} exists: choose a new file for the backup`);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/** True while another connection (a running server) has the database open. */
export function sqliteInUse(file: string): boolean {
  const probe = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

/** Puts `backup` in place of <dataDir>/portico.db; the old database is kept beside it. */
export function restoreSqlite(dataDir: string, backup: string, now = Date.now()): { keptAs?: string } {
  if (!existsSync(backup)) throw new BackupError(`no backup at ${backup}`);
  const check = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    if (check.pragma('integrity_check', { simple: true }) !== 'ok') throw new BackupError(`${backup} is damaged (integrity_check failed)`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${backup} is not a SQLite database: ${(err as Error).message}`);
  } finally {
    check.close();
  }
  const target = join(dataDir, 'portico.db');
  let keptAs: string | undefined;
  if (existsSync(target)) {
    if (sqliteInUse(target)) {
      throw new BackupError(`${target} is in use by a running server: stop every Portico process on ${dataDir}, then restore again`);
    }
    keptAs = `${target}.before-restore-${now}`;
    renameSync(target, keptAs);
  }
  for (const side of ['-wal', '-shm']) rmSync(target + side, { force: true });
  copyFileSync(backup, target);
  return { keptAs };
}
