// A Portico server with the echo service, to run in a child process: the
// crash test kills it with SIGKILL and restarts it on the same data folder,
// and the gateway benchmark keeps its load generator out of the server's event
// loop. Run: node --import tsx test/support/echo-server-process.ts <dataDir> [postgres://…]
// It prints one JSON line: the URL, a key of the resource "echo" and the
// account's login (the same on every start over the same data).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/main.ts';
import { defaultCatalogPath, loadCatalog } from '../../src/catalog/catalog.ts';
import { echoService } from './echo-service.ts';

export const ECHO_ACCOUNT = { email: 'echo@portico.test', password: 'echo server password' };
export const ECHO_RESOURCE = 'echo';
/** A ComputerVision tier whose rate limit load cannot reach, so every call is admitted and still goes through the limiter. */
export const UNLIMITED_TIER = 'LOAD';

export interface EchoServerInfo {
  url: string;
  key: string;
  resource: string;
  email: string;
  password: string;
}

/** The default catalogue plus the LOAD tier, written into the data folder. */
function writeLoadCatalog(dataDir: string): string {
  const catalog = structuredClone(loadCatalog(defaultCatalogPath()).data);
  const vision = catalog.kinds.find((k) => k.name === 'ComputerVision');
  if (!vision) throw new Error('the default catalogue has no ComputerVision kind');
  vision.tiers.push({ name: UNLIMITED_TIER, rate: { limit: 1_000_000_000, per: 'second' }, monthlyQuota: {} });
  const path = join(dataDir, 'load-catalog.json');
  writeFileSync(path, JSON.stringify(catalog, null, 2));
  return path;
}

export async function startEchoServer(dataDir: string, databaseUrl?: string): Promise<{ server: RunningServer; info: EchoServerInfo }> {
  const config = loadConfig([
    '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--no-demo', '--log-level', 'warn',
    '--catalog', writeLoadCatalog(dataDir), ...(databaseUrl ? ['--database-url', databaseUrl] : []),
  ], {});
  const server = await startServer(config, { logger: false, services: [echoService()] });
  const { accounts, resources } = server.platform;
  const login = await accounts.logIn(ECHO_ACCOUNT.email, ECHO_ACCOUNT.password).catch(() => undefined);
  const account = login?.account ?? (await accounts.signUp(ECHO_ACCOUNT.email, ECHO_ACCOUNT.password));
  const existing = (await resources.list(account.id)).find((r) => r.name === ECHO_RESOURCE);
  if (!existing) await resources.create(account.id, { name: ECHO_RESOURCE, kind: 'ComputerVision', tier: UNLIMITED_TIER, region: config.region });
  const { key1 } = await resources.keys(account.id, ECHO_RESOURCE);
  return { server, info: { url: server.url, key: key1, resource: ECHO_RESOURCE, ...ECHO_ACCOUNT } };
}

/** Starts, prints the info line, and closes cleanly on SIGTERM/SIGINT. */
export async function runEchoServerProcess(argv: string[]): Promise<RunningServer> {
  const [dataDir, databaseUrl] = argv;
  if (!dataDir) throw new Error('usage: echo-server-process.ts <dataDir> [postgres://…]');
  const { server, info } = await startEchoServer(dataDir, databaseUrl);
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = () => { server.close().then(() => process.exit(0), () => process.exit(1)); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runEchoServerProcess(process.argv.slice(2));
