// HTTP calls to a Portico server's console API (/api), turning its error
// bodies into CliErrors that carry the server's own message.
import { CliError, UsageError } from './command.ts';
import { readCredentials, type Credentials } from './credentials.ts';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:5080';

/** Checks and normalises an endpoint URL: http(s), no trailing slash. */
export function normaliseEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint must be a URL like ${DEFAULT_ENDPOINT}; got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http:// or https:// URL; got "${raw}"`);
  return url.toString().replace(/\/+$/, '');
}

/** The server to talk to: --endpoint, else the one saved at login, else the default. */
export function chooseEndpoint(flag: string | undefined, saved: Credentials | undefined): string {
  return normaliseEndpoint(flag ?? saved?.endpoint ?? DEFAULT_ENDPOINT);
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

export class ConsoleClient {
  constructor(readonly endpoint: string, private readonly token?: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new CliError(`cannot reach Portico at ${this.endpoint}: ${describeNetworkError(err)}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
    if (!response.ok) {
      const message = (parsed as { error?: { message?: unknown } } | undefined)?.error?.message;
      const reason = typeof message === 'string' ? message : `HTTP ${response.status} ${response.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`;
      const hint = response.status === 401 && this.token ? ' Run "portico login".' : '';
      throw new CliError(`${reason}${hint}`);
    }
    if (text && parsed === undefined) throw new CliError(`${this.endpoint} did not answer with JSON; is it a Portico server?`);
    return parsed as T;
  }
}

/** A client for commands that need a signed-in account: the saved token, if it was issued by the chosen server. */
export function signedInClient(endpointFlag: string | undefined): ConsoleClient {
  const saved = readCredentials();
  const endpoint = chooseEndpoint(endpointFlag, saved);
  if (!saved) throw new CliError(`not signed in: run "portico login${endpointFlag ? ` --endpoint ${endpoint}` : ''}" first`);
  if (normaliseEndpoint(saved.endpoint) !== endpoint) {
    throw new CliError(`signed in to ${saved.endpoint}, not ${endpoint}: run "portico login --endpoint ${endpoint}"`);
  }
  return new ConsoleClient(endpoint, saved.token);
}
