// The CLI's saved session: which server the user signed in to and the token
// it issued, in the user's config folder with mode 0600 (the token is as good
// as the password until it expires or `portico logout` ends it).
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './command.ts';

export interface Credentials {
  endpoint: string;
  email: string;
  token: string;
  expiresAt: string;
}

/** $PORTICO_CONFIG_DIR, else $XDG_CONFIG_HOME/portico, else ~/.config/portico. The CLI reads its own env vars; the server's are in config.ts. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PORTICO_CONFIG_DIR) return env.PORTICO_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'portico');
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'credentials.json');
}

function isCredentials(value: unknown): value is Credentials {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && ['endpoint', 'email', 'token', 'expiresAt'].every((k) => typeof v[k] === 'string');
}

export function readCredentials(path = credentialsPath()): Credentials | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  if (!isCredentials(parsed)) throw new CliError(`${path} is not a saved Portico session; delete it and run "portico login"`);
  return parsed;
}

export function saveCredentials(credentials: Credentials, path = credentialsPath()): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written beside the target and renamed over it, so the file is never
  // half-written and is created with mode 0600 even if an older copy was wider.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function removeCredentials(path = credentialsPath()): void {
  rmSync(path, { force: true });
}
