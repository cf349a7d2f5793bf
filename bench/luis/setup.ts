// What the LUIS-backed benchmarks share: an operator's catalogue with the
// rates raised (so a 500 req/s load is measured, not refused by a tier's
// limit), JSON calls, and a LUIS app imported, trained and published through
// the authoring API.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The default catalogue with every tier of the named kinds (by prefix) raised to a rate no load reaches. */
export function benchCatalog(dir: string, kindPrefixes: string[] = ['LUIS']): string {
  const catalog = JSON.parse(readFileSync(new URL('../../src/catalog/default-catalog.json', import.meta.url), 'utf8'));
  for (const kind of catalog.kinds) if (kindPrefixes.some((p) => kind.name.startsWith(p))) for (const tier of kind.tiers) tier.rate.limit = 1_000_000;
  const path = join(dir, 'bench-catalog.json');
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

export async function json(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Imports a LUIS app, trains its active version (timed) and publishes it to production. */
export async function importAndTrain(base: string, key: string, app: unknown, name: string): Promise<{ appId: string; importMs: number; trainMs: number }> {
  const h = { 'Ocp-Apim-Subscription-Key': key };
  const t0 = performance.now();
  const appId = await json(`${base}/luis/api/v2.0/apps/import?appName=${encodeURIComponent(name)}`, 'POST', app, h);
  const t1 = performance.now();
  const versionId = (await json(`${base}/luis/api/v2.0/apps/${appId}`, 'GET', undefined, h)).activeVersion;
  const trainUrl = `${base}/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}/train`;
  await json(trainUrl, 'POST', undefined, h);
  for (;;) {
    const status: any[] = await json(trainUrl, 'GET', undefined, h);
    if (status.some((m) => m.details.status === 'Fail')) throw new Error(`training failed: ${JSON.stringify(status[0])}`);
    if (status.every((m) => m.details.status === 'Success')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const t2 = performance.now();
  await json(`${base}/luis/api/v2.0/apps/${appId}/publish`, 'POST', { versionId, isStaging: false, region: 'westus' }, h);
  return { appId, importMs: t1 - t0, trainMs: t2 - t1 };
}

/** Signs a fresh account up and answers its bearer-token header. */
export async function benchAccount(base: string): Promise<Record<string, string>> {
  const email = `bench-${Date.now()}@example.com`;
  await json(`${base}/api/signup`, 'POST', { email, password: 'bench password 1' });
  const { token } = await json(`${base}/api/login`, 'POST', { email, password: 'bench password 1' });
  return { authorization: `Bearer ${token}` };
}
