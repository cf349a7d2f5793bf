// Calls to a Cognitive Services API (LUIS, CLU) with a subscription key, as any
// client of that API would make them; the server's error message becomes a
// CliError.
import { CliError } from './command.ts';

/** A body sent as it is, as text (a .lu file), rather than as JSON. */
export class PlainText {
  constructor(readonly text: string) {}
}

export interface KeyResponse<T> {
  body: T;
  headers: Headers;
}

export class KeyClient {
  constructor(readonly base: string, readonly key: string) {}

  /** `path` is under `base`, or a whole URL (an operation-location to poll). */
  async request<T>(method: string, path: string, body?: unknown, key = this.key): Promise<KeyResponse<T>> {
    const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': key };
    if (body !== undefined) headers['content-type'] = body instanceof PlainText ? 'text/plain; charset=utf-8' : 'application/json';
    const url = /^https?:\/\//.test(path) ? path : `${this.base}${path}`;
    let res: Response;
    try {
      const sent = body === undefined ? undefined : body instanceof PlainText ? body.text : JSON.stringify(body);
      res = await fetch(url, { method, headers, body: sent });
    } catch (err) {
      throw new CliError(`cannot reach Portico at ${this.base}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* CSV or text */ }
    if (!res.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
      throw new CliError(message ?? `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    return { body: parsed as T, headers: res.headers };
  }

  async call<T>(method: string, path: string, body?: unknown, key = this.key): Promise<T> {
    return (await this.request<T>(method, path, body, key)).body;
  }
}
