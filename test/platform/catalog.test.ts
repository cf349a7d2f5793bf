// The catalogue is data an operator can replace; a bad file stops the server with a message naming the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog, CatalogError, defaultCatalogPath, loadCatalog } from '../../src/catalog/catalog.ts';
import { runCli } from '../../src/cli/main.ts';

const defaults = () => JSON.parse(readFileSync(defaultCatalogPath(), 'utf8'));

describe('catalogue', () => {
  it('has the default kinds, tiers and regions of DESIGN.md', () => {
    const catalog = loadCatalog();
    assert.deepEqual(catalog.authoringRegions, ['westus', 'westeurope', 'australiaeast']);
    assert.deepEqual(catalog.publishingRegionsOf('westeurope'), ['westeurope', 'northeurope', 'francecentral', 'uksouth']);
    assert.equal(catalog.authoringRegionOf('japaneast'), 'westus');
    assert.deepEqual(catalog.tier('LUIS', 'F0'), { name: 'F0', rate: { limit: 5, per: 'second' }, monthlyQuota: { prediction: 10000 }, expiresAfterUnusedDays: 90 });
    assert.deepEqual(catalog.tier('LUIS', 'S0')?.rate, { limit: 50, per: 'second' });
    assert.deepEqual(catalog.tier('ComputerVision', 'F0')?.rate, { limit: 20, per: 'minute' });
    assert.equal(catalog.tier('ComputerVision', 'F0')?.monthlyQuota.vision, 5000);
    assert.deepEqual(catalog.tier('LUIS.Authoring', 'F0')?.monthlyQuota, { authoring: 1000000, prediction: 1000 });
    assert.deepEqual(catalog.regionsOf(catalog.kind('LUIS')!).slice(0, 2), ['westus', 'westus2']);
  });

  it('makes a new kind a matter of data', () => {
    const data = defaults();
    data.kinds.push({ name: 'Speech', displayName: 'Speech', perAccount: false, regions: ['westus', 'uksouth'], tiers: [{ name: 'F0', rate: { limit: 1, per: 'second' }, monthlyQuota: { audio: 300 } }] });
    const catalog = buildCatalog(data);
    assert.deepEqual(catalog.regionsOf(catalog.kind('Speech')!), ['westus', 'uksouth']);
  });

  it('refuses a bad file with a message naming the field', () => {
    const cases: Array<[(d: any) => void, RegExp]> = [
      [(d) => { d.kinds[1].tiers[0].rate.limit = 0; }, /catalog\.kinds\.1\.tiers\.0\.rate\.limit/],
      [(d) => { d.kinds[2].tiers[0].rate.per = 'hour'; }, /catalog\.kinds\.2\.tiers\.0\.rate\.per/],
      [(d) => { delete d.authoringRegions; }, /catalog\.authoringRegions|authoringRegions/],
      [(d) => { d.kinds[1].tiers.push(d.kinds[1].tiers[0]); }, /tier "F0" appears twice/],
      [(d) => { d.kinds[2].regions = ['atlantis']; }, /catalog\.kinds\.2\.regions\.0: "atlantis"/],
    ];
    for (const [mutate, message] of cases) {
      const data = defaults();
      mutate(data);
      assert.throws(() => buildCatalog(data), (err: Error) => err instanceof CatalogError && message.test(err.message), String(message));
    }
  });

  it('stops `portico start` with the message when PORTICO_CATALOG is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-catalog-'));
    const file = join(dir, 'catalog.json');
    const data = defaults();
    data.kinds[0].tiers[0].monthlyQuota.authoring = -5;
    writeFileSync(file, JSON.stringify(data));
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { errors.push(args.join(' ')); };
    try {
      const code = await runCli(['start', '--catalog', file, '--data-dir', dir, '--port', '0']);
      assert.equal(code, 2);
    } finally {
      console.error = original;
    }
    assert.match(errors.join('\n'), /catalog\.kinds\.0\.tiers\.0\.monthlyQuota\.authoring/);
  });
});
