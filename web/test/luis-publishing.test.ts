import { describe, expect, it } from 'vitest';
import { allowedPublishRegions, publishRegionsProblem, publishedRegions, slotEndpoint } from '../src/luis/publishing.ts';
import { createPacer, delayBeforeNext } from '../src/luis/pacer.ts';
import { ApiError } from '../src/api/client.ts';

const authoringRegions = { westus: ['westus', 'eastus'], westeurope: ['westeurope', 'northeurope'] };

describe("publishing regions follow the app's authoring region", () => {
  it('offers the publishing regions of the authoring region only', () => {
    expect(allowedPublishRegions(authoringRegions, 'westeurope')).toEqual(['westeurope', 'northeurope']);
    expect(allowedPublishRegions(authoringRegions, 'nowhere')).toEqual([]);
  });

  it('refuses a region of another authoring region, naming it and the allowed ones', () => {
    expect(publishRegionsProblem(['westus', 'eastus'], ['westus', 'westeurope'], 'westus'))
      .toBe('An app authored in westus cannot be published to westeurope; its publishing regions are westus, eastus.');
  });

  it('asks for at least one region and accepts allowed ones', () => {
    expect(publishRegionsProblem(['westus'], [], 'westus')).toBe('Choose at least one region to publish to.');
    expect(publishRegionsProblem(['westus', 'eastus'], ['eastus'], 'westus')).toBeUndefined();
  });

  it("reads a slot's regions from the app info", () => {
    const app = { id: 'a', name: 'n', culture: 'en-us', endpoints: { PRODUCTION: { versionId: '0.1', isStaging: false, endpointUrl: 'u', region: 'westus', endpointRegion: 'westus, eastus' } } };
    expect(publishedRegions(slotEndpoint(app, false))).toEqual(['westus', 'eastus']);
    expect(publishedRegions(slotEndpoint(app, true))).toEqual([]);
  });
});

describe('pacing calls made with one authoring key', () => {
  it('lets calls start at once until the limit in the window is reached', () => {
    expect(delayBeforeNext([], 1000, 5, 1000)).toBe(0);
    expect(delayBeforeNext([100, 200, 300, 400], 500, 5, 1000)).toBe(0);
  });

  it('waits until the oldest call of the window has left it', () => {
    expect(delayBeforeNext([100, 200, 300, 400, 500], 600, 5, 1000)).toBe(500);
    expect(delayBeforeNext([0, 100, 200, 300, 400, 500], 1050, 5, 1000)).toBe(50);
  });

  it('retries a call refused with 429 after the Retry-After it names, then gives the answer', async () => {
    const pace = createPacer(100, 1000, 0);
    let calls = 0;
    const started = Date.now();
    const answer = await pace(async () => {
      calls++;
      if (calls === 1) throw new ApiError(429, '429', 'slow down', 0);
      return 'ok';
    });
    expect(answer).toBe('ok');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('does not retry other errors', async () => {
    const pace = createPacer(100, 1000, 0);
    let calls = 0;
    await expect(pace(async () => { calls++; throw new ApiError(400, 'BadArgument', 'bad'); })).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });

  it('spaces a burst of calls so that no more than the limit start within the window', async () => {
    const pace = createPacer(2, 200, 0);
    const starts: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => pace(async () => { starts.push(Date.now()); })));
    expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(195);
    expect(starts[3] - starts[1]).toBeGreaterThanOrEqual(195);
  });
});
