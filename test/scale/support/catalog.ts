// The default catalogue plus a ScaleTest kind whose tiers have the limits the
// scale tests measure against (written to a file for PORTICO_CATALOG).
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCALE_KIND = 'ScaleTest';

export const TIERS = {
  /** 50 calls a second, no quota: the shared-rate test. */
  rate50: 'R50',
  /** 1,000 calls a month, a rate far above what the tests send. */
  quota1000: 'Q1K',
  /** A large quota with a high rate: counting tests. */
  quotaLarge: 'QBIG',
  /** No limit the load can reach: throughput and metering tests. */
  unlimited: 'FAST',
} as const;

const DEFAULT_CATALOG = fileURLToPath(new URL('../../../src/catalog/default-catalog.json', import.meta.url));

export function writeScaleCatalog(): string {
  const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG, 'utf8'));
  catalog.kinds.push({
    name: SCALE_KIND,
    displayName: 'Scale test service',
    perAccount: false,
    regions: 'all',
    tiers: [
      { name: TIERS.rate50, rate: { limit: 50, per: 'second' }, monthlyQuota: {} },
      { name: TIERS.quota1000, rate: { limit: 100000, per: 'second' }, monthlyQuota: { vision: 1000 } },
      { name: TIERS.quotaLarge, rate: { limit: 100000, per: 'second' }, monthlyQuota: { vision: 10000000 } },
      { name: TIERS.unlimited, rate: { limit: 10000000, per: 'second' }, monthlyQuota: {} },
    ],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'portico-scale-catalog-')), 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}
