// `portico backup <file>`: an online, consistent snapshot of the SQLite store
// while the server keeps serving. PostgreSQL is backed up with pg_dump.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CliError, UsageError, type CliCommand } from './command.ts';

const HELP = `Usage: portico backup <file> [--data-dir <dir>]

Writes a consistent snapshot of <data-dir>/portico.db (SQLite) to <file> while
the server runs. Back up the master key (<data-dir>/master.key or
PORTICO_MASTER_KEY) separately: the keys in the backup are encrypted under it.
For PostgreSQL use pg_dump.

Options:
  --data-dir <dir>   data folder (default: PORTICO_DATA_DIR, else ./data)`;

export const backupCommand: CliCommand = {
  summary: 'snapshot the SQLite database while the server runs',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) { console.log(HELP); return 0; }
    if (positionals.length !== 1) throw new UsageError(`backup takes one file name\n\n${HELP}`);
    const dataDir = resolve(values['data-dir'] ?? process.env.PORTICO_DATA_DIR ?? './data');
    const { backupSqlite, BackupError } = await import('../store/backup.ts');
    try {
      const started = Date.now();
      const { pages } = await backupSqlite(dataDir, resolve(positionals[0]!));
      console.log(`backup written to ${positionals[0]} (${pages} pages, ${Date.now() - started} ms)`);
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message);
      throw err;
    }
  },
};

const RESTORE_HELP = `Usage: portico restore <file> [--data-dir <dir>]

Puts a backup made by "portico backup" in place of <data-dir>/portico.db. Stop
every Portico process on the data folder first: restore refuses while the
database is open. The previous database is kept as portico.db.before-restore-<ms>.
Start the server with the master key the backup was made under.

Options:
  --data-dir <dir>   data folder (default: PORTICO_DATA_DIR, else ./data)`;

export const restoreCommand: CliCommand = {
  summary: 'replace the SQLite database with a backup (server stopped)',
  help: RESTORE_HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) { console.log(RESTORE_HELP); return 0; }
    if (positionals.length !== 1) throw new UsageError(`restore takes one file name\n\n${RESTORE_HELP}`);
    const dataDir = resolve(values['data-dir'] ?? process.env.PORTICO_DATA_DIR ?? './data');
    const { restoreSqlite, BackupError } = await import('../store/backup.ts');
    try {
      const { keptAs } = restoreSqlite(dataDir, resolve(positionals[0]!));
      console.log(`restored ${positionals[0]} into ${dataDir}${keptAs ? `; the previous database is ${keptAs}` : ''}`);
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message);
      throw err;
    }
  },
};
