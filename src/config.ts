// One typed configuration object, from command-line flags and environment
// variables (flags win). Nothing else in Portico reads process.env.
import { resolve } from 'node:path';
import { parseIpRange, type IpRange } from './util/ip-range.ts';

export type RedisFailureMode = 'fail-open' | 'fail-closed';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The region a request belongs to when neither its host name nor its path names one. */
  region: string;
  /** Path of an operator's catalogue file; undefined means the built-in default. */
  catalogPath?: string;
  /** postgres://… to use PostgreSQL; undefined means SQLite in dataDir. */
  databaseUrl?: string;
  redisUrl?: string;
  redisFailureMode: RedisFailureMode;
  /** 64 hex chars; undefined means read or create dataDir/master.key. */
  masterKey?: string;
  /** Create the demo account, resources and sample LUIS app on an empty database. */
  demo: boolean;
  /** Public base URL printed in endpoints; defaults to http://host:port. */
  publicUrl?: string;
  logLevel: string;
  workers: number;
  /** Allow the Computer Vision URL fetcher to reach loopback and private addresses. */
  allowPrivateImageUrls: boolean;
  /** Bearer token that GET /metrics asks for; undefined means /metrics answers 404. */
  metricsToken?: string;
  /** Invalid subscription keys one client address may present in a minute before its unverified keys get 429. */
  invalidKeysPerMinute: number;
  /** Sign-ups one client address may make in an hour. */
  signupsPerAddressPerHour: number;
  /** A console session unused this long ends (ms). */
  sessionIdleMs: number;
  /** A console session ends this long after log-in, however much it is used (ms). */
  sessionMaxMs: number;
  /** Peers whose X-Forwarded-For is believed (reverse proxies, load balancers); empty: none, the TCP peer is the client. */
  trustedProxies: IpRange[];
  /** Host names `<subdomain>.<customDomain>` reach the resource with that custom subdomain name. */
  customDomain: string;
  /** Audit log events older than this are deleted (ms). */
  auditRetentionMs: number;
}

interface Setting {
  flag: string;
  env: string;
  help: string;
  default?: string;
  boolean?: boolean;
}

export const SETTINGS: Setting[] = [
  { flag: 'port', env: 'PORT', help: 'TCP port to listen on', default: '5080' },
  { flag: 'host', env: 'HOST', help: 'address to listen on', default: '127.0.0.1' },
  { flag: 'data-dir', env: 'PORTICO_DATA_DIR', help: 'folder for the SQLite database and the master key', default: './data' },
  { flag: 'region', env: 'PORTICO_REGION', help: 'region of requests whose host name and path name none', default: 'westus' },
  { flag: 'catalog', env: 'PORTICO_CATALOG', help: 'JSON file with kinds, tiers and regions replacing the built-in catalogue' },
  { flag: 'database-url', env: 'DATABASE_URL', help: 'postgres://user@host/db to use PostgreSQL instead of SQLite' },
  { flag: 'redis-url', env: 'REDIS_URL', help: 'redis://host:port to share limits and the key cache between processes' },
  { flag: 'redis-failure-mode', env: 'PORTICO_REDIS_FAILURE_MODE', help: 'fail-open (limit per process) or fail-closed (503) while Redis is unreachable', default: 'fail-open' },
  { flag: 'master-key', env: 'PORTICO_MASTER_KEY', help: '64 hex chars encrypting keys at rest; default: <data-dir>/master.key, created on first start' },
  { flag: 'public-url', env: 'PORTICO_PUBLIC_URL', help: 'base URL shown in endpoints (default http://<host>:<port>)' },
  { flag: 'log-level', env: 'LOG_LEVEL', help: 'pino log level', default: 'info' },
  { flag: 'workers', env: 'PORTICO_WORKERS', help: 'number of server processes (node:cluster)', default: '1' },
  { flag: 'allow-private-image-urls', env: 'PORTICO_ALLOW_PRIVATE_IMAGE_URLS', help: 'let image URLs point at loopback/private addresses', boolean: true },
  { flag: 'invalid-keys-per-minute', env: 'PORTICO_INVALID_KEYS_PER_MINUTE', help: 'invalid subscription keys a client address may present in a minute before keys not yet verified get 429', default: '60' },
  { flag: 'signups-per-address-per-hour', env: 'PORTICO_SIGNUPS_PER_ADDRESS_PER_HOUR', help: 'sign-ups one client address may make in an hour (raise it when many users share one NAT address)', default: '30' },
  { flag: 'metrics-token', env: 'PORTICO_METRICS_TOKEN', help: 'bearer token (16+ chars) that opens GET /metrics (Prometheus); unset: /metrics answers 404' },
  { flag: 'session-idle-hours', env: 'PORTICO_SESSION_IDLE_HOURS', help: 'hours without use after which a console session ends', default: '12' },
  { flag: 'session-max-days', env: 'PORTICO_SESSION_MAX_DAYS', help: 'days after log-in after which a console session ends however used', default: '30' },
  { flag: 'trusted-proxies', env: 'PORTICO_TRUSTED_PROXIES', help: 'comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For names the client; default: none, the TCP peer is the client' },
  { flag: 'custom-domain', env: 'PORTICO_CUSTOM_DOMAIN', help: 'domain under which <subdomain>.<domain> reaches the resource with that custom subdomain name', default: 'cognitiveservices.azure.com' },
  { flag: 'audit-retention-days', env: 'PORTICO_AUDIT_RETENTION_DAYS', help: 'days an account\'s audit log events are kept', default: '90' },
  { flag: 'no-demo', env: 'PORTICO_NO_DEMO', help: 'do not create the demo account on an empty database', boolean: true },
];

export class ConfigError extends Error {}

export function configHelp(): string {
  const rows = SETTINGS.map((s) => {
    const name = s.boolean ? `--${s.flag}` : `--${s.flag} <value>`;
    const dflt = s.default ? ` (default ${s.default})` : '';
    return `  ${name.padEnd(34)} ${s.env.padEnd(30)} ${s.help}${dflt}`;
  });
  return ['Settings (flag, environment variable, meaning):', ...rows].join('\n');
}

/** Reads flags like `--port 5081`, `--port=5081` and boolean `--no-demo`; returns the raw values by env name. */
function readFlags(argv: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}"; see --help`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const setting = SETTINGS.find((s) => s.flag === name);
    if (!setting) throw new ConfigError(`unknown option --${name}; see --help`);
    if (setting.boolean) {
      values.set(setting.env, inline ?? 'true');
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`option --${name} needs a value`);
      values.set(setting.env, value);
    }
  }
  return values;
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** A comma-separated list of addresses and CIDR ranges; an entry that is neither fails with its name and position. */
function parseIpRanges(name: string, raw: string | undefined): IpRange[] {
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const range = parseIpRange(entry);
    if (!range) throw new ConfigError(`${name} must list IPv4/IPv6 addresses or CIDR ranges separated by commas; "${entry}" is neither`);
    return range;
  });
}

/** Host names as DNS allows them: dot-separated labels of letters, digits and inner hyphens. */
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): Config {
  const flags = readFlags(argv);
  const get = (envName: string): string | undefined => {
    const value = flags.get(envName) ?? env[envName];
    return value === '' ? undefined : value ?? SETTINGS.find((s) => s.env === envName)?.default;
  };
  const failureMode = get('PORTICO_REDIS_FAILURE_MODE');
  if (failureMode !== 'fail-open' && failureMode !== 'fail-closed') {
    throw new ConfigError(`PORTICO_REDIS_FAILURE_MODE must be fail-open or fail-closed, got "${failureMode}"`);
  }
  const masterKey = get('PORTICO_MASTER_KEY');
  if (masterKey !== undefined && !/^[0-9a-f]{64}$/i.test(masterKey)) {
    throw new ConfigError('PORTICO_MASTER_KEY must be 64 hexadecimal characters (32 bytes)');
  }
  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const region = get('PORTICO_REGION')!;
  if (!/^[a-z0-9]+$/.test(region)) throw new ConfigError(`PORTICO_REGION must be a region name like westus, got "${region}"`);
  const metricsToken = get('PORTICO_METRICS_TOKEN');
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    throw new ConfigError('PORTICO_METRICS_TOKEN must be at least 16 printable characters without spaces');
  }
  const customDomain = get('PORTICO_CUSTOM_DOMAIN')!.toLowerCase().replace(/^\.|\.$/g, '');
  if (!DOMAIN_PATTERN.test(customDomain)) throw new ConfigError(`PORTICO_CUSTOM_DOMAIN must be a domain name like cognitiveservices.example.com, got "${customDomain}"`);
  return {
    port: parseInteger('PORT', get('PORT')!, 0, 65535),
    host: get('HOST')!,
    dataDir: resolve(get('PORTICO_DATA_DIR')!),
    region,
    catalogPath: get('PORTICO_CATALOG'),
    databaseUrl,
    redisUrl: get('REDIS_URL'),
    redisFailureMode: failureMode,
    masterKey,
    demo: !parseBoolean('PORTICO_NO_DEMO', get('PORTICO_NO_DEMO')),
    publicUrl: get('PORTICO_PUBLIC_URL')?.replace(/\/+$/, ''),
    logLevel: get('LOG_LEVEL')!,
    workers: parseInteger('PORTICO_WORKERS', get('PORTICO_WORKERS')!, 1, 256),
    allowPrivateImageUrls: parseBoolean('PORTICO_ALLOW_PRIVATE_IMAGE_URLS', get('PORTICO_ALLOW_PRIVATE_IMAGE_URLS')),
    metricsToken,
    invalidKeysPerMinute: parseInteger('PORTICO_INVALID_KEYS_PER_MINUTE', get('PORTICO_INVALID_KEYS_PER_MINUTE')!, 1, 1_000_000_000),
    signupsPerAddressPerHour: parseInteger('PORTICO_SIGNUPS_PER_ADDRESS_PER_HOUR', get('PORTICO_SIGNUPS_PER_ADDRESS_PER_HOUR')!, 1, 1_000_000_000),
    sessionIdleMs: parseInteger('PORTICO_SESSION_IDLE_HOURS', get('PORTICO_SESSION_IDLE_HOURS')!, 1, 24 * 365) * 3_600_000,
    sessionMaxMs: parseInteger('PORTICO_SESSION_MAX_DAYS', get('PORTICO_SESSION_MAX_DAYS')!, 1, 3650) * 86_400_000,
    trustedProxies: parseIpRanges('PORTICO_TRUSTED_PROXIES', get('PORTICO_TRUSTED_PROXIES')),
    customDomain,
    auditRetentionMs: parseInteger('PORTICO_AUDIT_RETENTION_DAYS', get('PORTICO_AUDIT_RETENTION_DAYS')!, 1, 3650) * 86_400_000,
  };
}

/** The base URL clients reach this server at: PORTICO_PUBLIC_URL, else http://host:port. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  return config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
}
