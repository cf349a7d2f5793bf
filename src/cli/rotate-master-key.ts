// `portico rotate-master-key`: re-encrypts every stored key under a new master
// key while the servers keep serving (see src/keys/rotation.ts for the steps).
// It runs beside the servers, on the same data folder or database.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Config } from '../config.ts';
import { CliError, UsageError, type CliCommand } from './command.ts';

const HELP = `Usage: portico rotate-master-key [--new-master-key <64 hex>] [--batch-size <n>] [--pause-ms <n>] [settings]

Re-encrypts every stored subscription key (resource and authoring keys) under a
new master key while running servers keep serving: they learn the new key from
the database within a second and open keys under either key until the rotation
ends. Killed midway, it is finished by running it again; no key is unreadable
at any point, to a process holding either key.

Where the new key comes from:
  master key in <data-dir>/master.key (the default): a new random key, or the
    one given, is written to master.key; the old one is kept as
    master.key.previous until the rotation has finished.
  PORTICO_MASTER_KEY: --new-master-key is required (e.g. openssl rand -hex 32);
    afterwards set it in the environment of every Portico process. Running
    servers keep working until restarted; started with the old key they refuse.

Options:
  --new-master-key <hex>  the new master key, 64 hex characters
  --batch-size <n>        rows re-encrypted per transaction (default 500)
  --pause-ms <n>          pause between batches, to spare a busy database (default 0)

Settings as for "portico start": --data-dir, --database-url, --master-key
(PORTICO_DATA_DIR, DATABASE_URL, PORTICO_MASTER_KEY) name the database and the
current master key.`;

const OWN_OPTIONS = ['new-master-key', 'batch-size', 'pause-ms'] as const;
type OwnOption = typeof OWN_OPTIONS[number];

/** This command's options, and the rest for loadConfig (the server's settings). */
function splitArguments(argv: string[]): { own: Partial<Record<OwnOption, string>>; settings: string[] } {
  const own: Partial<Record<OwnOption, string>> = {};
  const settings: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') ? argv[i].slice(2).split(/=(.*)/s, 2) : [''];
    const option = OWN_OPTIONS.find((o) => o === name);
    if (!option) {
      settings.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${option} needs a value; see "portico rotate-master-key --help"`);
    own[option] = value;
  }
  return { own, settings };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

export const rotateMasterKeyCommand: CliCommand = {
  summary: 're-encrypt every stored key under a new master key, online',
  help: HELP,
  async run(argv) {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(HELP);
      return 0;
    }
    const { own, settings } = splitArguments(argv);
    const newHex = own['new-master-key'];
    if (newHex !== undefined && !/^[0-9a-f]{64}$/i.test(newHex)) throw new UsageError('--new-master-key must be 64 hexadecimal characters (32 bytes)');
    const batchSize = wholeNumber('batch-size', own['batch-size'], 500, 1, 100_000);
    const pauseMs = wholeNumber('pause-ms', own['pause-ms'], 0, 0, 60_000);
    const { loadConfig, ConfigError } = await import('../config.ts');
    let config: Config;
    try {
      config = loadConfig(settings);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    return rotate(config, { newKey: newHex === undefined ? undefined : Buffer.from(newHex, 'hex'), batchSize, pauseMs });
  },
};

async function rotate(config: Config, request: { newKey?: Buffer; batchSize: number; pauseMs: number }): Promise<number> {
  const [secrets, { openStore }, { acceptMasterKey, readMasterKeyState, MasterKeyMismatchError }, rotation] = await Promise.all([
    import('../keys/secrets.ts'), import('../store/database.ts'), import('../keys/master-key-check.ts'), import('../keys/rotation.ts'),
  ]);
  const master = secrets.loadMasterKey(config.masterKey, config.dataDir);
  const keyFile = secrets.masterKeyFile(config.dataDir);
  const previousFile = secrets.previousMasterKeyFile(config.dataDir);
  if (master.source === 'generated') {
    throw new CliError(`no master key to rotate: PORTICO_MASTER_KEY is not set and ${keyFile} does not exist (check --data-dir)`);
  }
  const inFile = master.source === 'file';
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    let vault;
    try {
      vault = await acceptMasterKey(store.db, master, config.dataDir, Date.now());
    } catch (err) {
      if (err instanceof MasterKeyMismatchError) throw new CliError(err.message);
      throw err;
    }
    const state = await readMasterKeyState(store.db);
    if (inFile && !state.next && !state.previous && existsSync(previousFile) && !request.newKey) {
      // Killed after the database had finished and before the old key file was removed.
      rmSync(previousFile);
      console.log(`the rotation to the master key in ${keyFile} had finished; removed ${previousFile}. Run the command again to rotate again.`);
      return 0;
    }
    const result = await rotation.rotateMasterKey(store.db, vault, master.key, {
      newKey: request.newKey, mayGenerate: inFile, batchSize: request.batchSize, pauseMs: request.pauseMs,
      graceMs: rotation.DEFAULT_GRACE_MS, now: Date.now,
      keysKnown({ oldKey, newKey }) {
        // The database can give either key to a holder of the other from here on, so the files may change.
        if (!inFile || readFileSync(keyFile, 'utf8').trim() === newKey.toString('hex')) return;
        secrets.writeMasterKeyFile(previousFile, oldKey);
        secrets.writeMasterKeyFile(keyFile, newKey);
      },
      onProgress: ({ scanned, resealed, total }) => console.log(`re-encrypting: ${scanned} of ${total} resources looked at, ${resealed} re-encrypted`),
    });
    if (inFile) rmSync(previousFile, { force: true });
    const { recordMasterKeyRotated } = await import('../audit/audit-log.ts');
    const accounts = await recordMasterKeyRotated(store.db, Date.now());
    console.log(`master key rotated${result.resumed ? ' (an interrupted rotation finished)' : ''}: ${result.resealed} resources (2 keys each) re-encrypted in ${result.resealMs} ms; recorded in the audit log of ${accounts} accounts.`);
    console.log(inFile
      ? `${keyFile} holds the new key. Copy it to the data folder of every other Portico process on this database before restarting them, and keep it with backups made from now on (backups made before open only with the old key).`
      : 'Set PORTICO_MASTER_KEY to the new key in the environment of every Portico process on this database; running servers already use it, and one restarted with the old key refuses to start. Keep the old key with backups made before now.');
    return 0;
  } catch (err) {
    if (err instanceof rotation.RotationError) throw new CliError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}
