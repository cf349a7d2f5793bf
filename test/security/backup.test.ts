import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { backupSqlite, restoreSqlite, BackupError } from '../../src/store/backup.ts';

describe('portico backup (SQLite)', () => {
  it('copies every row committed before the snapshot while another connection keeps writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-backup-'));
    const live = new SQLite(join(dir, 'portico.db'));
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE calls (n INTEGER)');
    const insert = live.prepare('INSERT INTO calls (n) VALUES (?)');
    for (let i = 0; i < 1000; i++) insert.run(i);
    const writer = setInterval(() => insert.run(-1), 1);
    const target = join(dir, 'snap.db');
    await backupSqlite(dir, target);
    clearInterval(writer);
    const copy = new SQLite(target, { readonly: true });
    const rows = (copy.prepare('SELECT count(*) AS c FROM calls WHERE n >= 0').get() as { c: number }).c;
    assert.equal(rows, 1000);
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    copy.close(); live.close();
  });

  it('refuses to overwrite an existing file and names a missing database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-backup-'));
    await assert.rejects(backupSqlite(dir, join(dir, 'x.db')), (e: Error) => e instanceof BackupError && /no database/.test(e.message));
    new SQLite(join(dir, 'portico.db')).close();
    writeFileSync(join(dir, 'x.db'), 'keep');
    await assert.rejects(backupSqlite(dir, join(dir, 'x.db')), (e: Error) => e instanceof BackupError && /exists/.test(e.message));
  });
});

describe('portico restore (SQLite)', () => {
  it('refuses while a server has the database open, then restores the snapshot once it is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-restore-'));
    const live = new SQLite(join(dir, 'portico.db'));
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE calls (n INTEGER)');
    live.prepare('INSERT INTO calls (n) VALUES (1)').run();
    const snap = join(dir, 'snap.db');
    await backupSqlite(dir, snap);
    live.prepare('INSERT INTO calls (n) VALUES (2)').run();
    assert.throws(() => restoreSqlite(dir, snap), (e: Error) => e instanceof BackupError && /in use by a running server/.test(e.message));
    live.close();
    const { keptAs } = restoreSqlite(dir, snap, 42);
    assert.equal(keptAs, join(dir, 'portico.db.before-restore-42'));
    const back = new SQLite(join(dir, 'portico.db'), { readonly: true });
    assert.deepEqual(back.prepare('SELECT n FROM calls').all(), [{ n: 1 }]);
    back.close();
  });

  it('refuses a file that is not a SQLite database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-restore-'));
    writeFileSync(join(dir, 'junk.db'), 'not a database at all, just some text to fill a page');
    assert.throws(() => restoreSqlite(dir, join(dir, 'junk.db')), (e: Error) => e instanceof BackupError && /not a SQLite database|damaged/.test(e.message));
  });
});
