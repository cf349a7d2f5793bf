// The official Image Analysis 4.0 REST client (@azure-rest/ai-vision-image-analysis),
// unchanged, against a real Portico server: image bytes and the error path.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import imageAnalysis, { isUnexpected } from '@azure-rest/ai-vision-image-analysis';
import { AzureKeyCredential } from '@azure/core-auth';
import { startVisionServer, type VisionTestServer } from './support/vision-server.ts';
import { samplePhoto, textImage } from './support/images.ts';

// The package is CommonJS with `exports.default`: under Node's ESM loader its default import is
// the exports object, so the client factory is its `default` (a bundler hands it over directly).
const createClient = imageAnalysis.default;

describe('Image Analysis 4.0 through the official REST client', () => {
  let vision: VisionTestServer;
  let client: ReturnType<typeof createClient>;

  before(async () => {
    vision = await startVisionServer();
    const { key1 } = await vision.resource();
    // A plain-HTTP test server: the client refuses http:// unless told it is allowed.
    client = createClient(vision.server.url, new AzureKeyCredential(key1), { allowInsecureConnection: true });
  });
  after(async () => vision?.close());

  it('analyses image bytes with every feature', async () => {
    const res = await client.path('/imageanalysis:analyze').post({
      body: samplePhoto(3),
      queryParameters: { features: ['caption', 'denseCaptions', 'read', 'tags', 'objects', 'people', 'smartCrops'], 'smartcrops-aspect-ratios': [1, 1.5] },
      contentType: 'application/octet-stream',
    });
    if (isUnexpected(res)) throw new Error(JSON.stringify(res.body));
    assert.equal(res.body.modelVersion, '2023-10-01');
    assert.ok(res.body.metadata.width > 0);
    assert.ok((res.body.peopleResult?.values.length ?? 0) > 0);
    assert.ok((res.body.tagsResult?.values.length ?? 0) > 0);
    assert.deepEqual(res.body.smartCropsResult?.values.map((v: { aspectRatio: number }) => v.aspectRatio), [1, 1.5]);
    assert.ok(res.body.captionResult?.text);
  });

  it('reads text', async () => {
    const res = await client.path('/imageanalysis:analyze').post({
      body: await textImage({ lines: ['Read by the official client'] }),
      queryParameters: { features: ['read'] },
      contentType: 'application/octet-stream',
    });
    if (isUnexpected(res)) throw new Error(JSON.stringify(res.body));
    assert.equal(res.body.readResult?.blocks[0].lines[0].text, 'Read by the official client');
  });

  it('surfaces the 4.0 error body for an unsupported language', async () => {
    const res = await client.path('/imageanalysis:analyze').post({
      body: samplePhoto(3),
      queryParameters: { features: ['caption'], language: 'ja' },
      contentType: 'application/octet-stream',
    });
    assert.ok(isUnexpected(res));
    assert.equal(res.status, '400');
    assert.equal(res.body.error.code, 'InvalidRequest');
    assert.equal(res.body.error.innererror?.code, 'NotSupportedLanguage');
  });
});
