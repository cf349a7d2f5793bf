// Image Analysis 4.0 (POST /computervision/imageanalysis:analyze) over real HTTP:
// every feature on real photographs and rendered text, the 4.0 error body, the
// key rules, and every operation of the published 2023-10-01 contract routed.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVisionServer, type VisionTestServer } from './support/vision-server.ts';
import { samplePhoto, solid, textImage } from './support/images.ts';
import { NO_ROUTE, specOperations } from '../support/spec-routes.ts';

const ALL = 'caption,denseCaptions,read,tags,objects,people,smartCrops';

describe('Image Analysis 4.0 over HTTP', () => {
  let vision: VisionTestServer;
  let key: string;

  const analyze = async (query: string, init: { key?: string; body?: Buffer | string; type?: string } = {}) => {
    const res = await vision.server.fetch(`/computervision/imageanalysis:analyze?${query}`, {
      method: 'POST',
      headers: { ...(init.key !== undefined ? { 'Ocp-Apim-Subscription-Key': init.key } : {}), 'content-type': init.type ?? 'application/octet-stream' },
      body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body ?? samplePhoto(1)),
    });
    return { status: res.status, body: await res.json().catch(() => ({})), headers: res.headers };
  };

  async function expectError(query: string, init: Parameters<typeof analyze>[1], inner: string | undefined) {
    const res = await analyze(query, { key, ...init });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'InvalidRequest');
    assert.equal(res.body.error.innererror?.code, inner, JSON.stringify(res.body));
    return res.body;
  }

  before(async () => { vision = await startVisionServer(); });
  after(async () => vision?.close());
  beforeEach(async () => { key = (await vision.resource()).key1; });

  it('answers every feature on a photograph of three people', async () => {
    const res = await analyze(`api-version=2023-10-01&features=${ALL}`, { key });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body;
    assert.equal(r.modelVersion, '2023-10-01');
    assert.deepEqual(r.metadata, { width: 1920, height: 1280 });
    assert.match(r.captionResult.text, /people|man|woman/);
    assert.ok(r.captionResult.confidence > 0 && r.captionResult.confidence <= 1);
    assert.deepEqual(r.denseCaptionsResult.values[0].boundingBox, { x: 0, y: 0, w: 1920, h: 1280 });
    assert.ok(r.denseCaptionsResult.values.length >= 2 && r.denseCaptionsResult.values.length <= 10);
    assert.ok(r.peopleResult.values.length >= 3);
    assert.ok(r.tagsResult.values.some((t: any) => t.name === 'person'));
    assert.ok(r.objectsResult.values.every((o: any) => o.tags.length === 1 && Number.isInteger(o.boundingBox.w)));
    assert.equal(r.smartCropsResult.values.length, 1);
    assert.ok(r.smartCropsResult.values[0].aspectRatio >= 0.5 && r.smartCropsResult.values[0].aspectRatio <= 2);
    assert.ok(Array.isArray(r.readResult.blocks));
  });

  it('reads printed text into one block of lines with four-point polygons and word confidences', async () => {
    const res = await analyze('api-version=2023-10-01&features=read', { key, body: await textImage({ lines: ['Portico reads printed words', 'Invoice number 4721'] }) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [block] = res.body.readResult.blocks;
    assert.deepEqual(block.lines.map((l: any) => l.text), ['Portico reads printed words', 'Invoice number 4721']);
    for (const line of block.lines) {
      assert.equal(line.boundingPolygon.length, 4);
      for (const w of line.words) { assert.equal(w.boundingPolygon.length, 4); assert.ok(w.confidence > 0.5); }
    }
    assert.equal(res.body.captionResult, undefined);
  });

  it('gives gender-neutral captions and crops of each asked aspect ratio', async () => {
    const res = await analyze('api-version=2023-10-01&features=caption,denseCaptions,smartCrops&gender-neutral-caption=true&smartcrops-aspect-ratios=0.75,1.8', { key });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const texts = [res.body.captionResult.text, ...res.body.denseCaptionsResult.values.map((v: any) => v.text)];
    assert.ok(texts.every((t) => !/\b(man|woman|men|women)\b/.test(t)), texts.join(' | '));
    assert.deepEqual(res.body.smartCropsResult.values.map((v: any) => v.aspectRatio), [0.75, 1.8]);
    for (const { aspectRatio, boundingBox: b } of res.body.smartCropsResult.values) {
      assert.ok(Math.abs(b.w / b.h - aspectRatio) < 0.01);
      assert.ok(b.x + b.w <= 1920 && b.y + b.h <= 1280);
    }
  });

  it('takes the image from a JSON {"url"} body too (loopback refused here as InvalidImageUrl)', async () => {
    await expectError('api-version=2023-10-01&features=tags', { body: JSON.stringify({ url: 'http://127.0.0.1:1/a.jpg' }), type: 'application/json' }, 'InvalidImageUrl');
  });

  it('refuses a missing or unknown feature, a bad api-version, languages and aspect ratios it cannot serve', async () => {
    const missing = await expectError('api-version=2023-10-01', {}, undefined);
    assert.match(missing.error.message, /'features'/);
    const unknown = await expectError('api-version=2023-10-01&features=tags,faces', {}, 'NotSupportedVisualFeature');
    assert.equal(unknown.error.message, 'Analyze query is invalid.');
    assert.match(unknown.error.innererror.message, /faces/);
    assert.match((await expectError('features=tags', {}, undefined)).error.message, /api-version/);
    assert.match((await expectError('api-version=2024-02-01&features=tags', {}, undefined)).error.message, /2024-02-01/);
    assert.match((await expectError('api-version=2023-10-01&features=caption&language=ja', {}, 'NotSupportedLanguage')).error.innererror.message, /caption/);
    await expectError('api-version=2023-10-01&features=smartCrops&smartcrops-aspect-ratios=2.5', {}, 'BadArgument');
    await expectError('api-version=2023-10-01&features=tags&model-version=yesterday', {}, 'BadArgument');
    // Language only matters where words are generated.
    assert.equal((await analyze('api-version=2023-10-01&features=people&language=ja', { key })).status, 200);
  });

  it('refuses a custom model name with 404: no custom models exist here', async () => {
    const res = await analyze('api-version=2023-10-01&model-name=mine', { key });
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /mine/);
  });

  it('refuses data that is not an image, an empty body, tiny images and other content types', async () => {
    const bad = await expectError('api-version=2023-10-01&features=tags', { body: Buffer.from('not a picture at all, really') }, 'InvalidImageFormat');
    assert.equal(bad.error.message, 'Image format is not valid.');
    const empty = await expectError('api-version=2023-10-01&features=tags', { body: Buffer.alloc(0) }, undefined);
    assert.match(empty.error.message, /20971520 bytes/);
    await expectError('api-version=2023-10-01&features=tags', { body: await solid(40, 60, 'red') }, 'InvalidImageSize');
    await expectError('api-version=2023-10-01&features=tags', { body: 'hello', type: 'text/plain' }, undefined);
    const res = await analyze('api-version=2023-10-01&features=tags', { key, body: Buffer.from('not a picture at all, really') });
    assert.equal(res.headers.get('x-ms-error-code'), 'InvalidImageFormat');
  });

  it('answers 401 without a key and to a key of another kind', async () => {
    const none = await analyze(`api-version=2023-10-01&features=tags`);
    assert.equal(none.status, 401);
    assert.match(none.body.error.message, /missing subscription key/);
    const luis = await vision.resource('LUIS', 'S0');
    assert.equal((await analyze('api-version=2023-10-01&features=tags', { key: luis.key1 })).status, 401);
  });

  it('meters a call as vision.imageAnalysis.analyze on the vision meter', async () => {
    const f0 = (await vision.resource('ComputerVision', 'F0')).key1;
    assert.equal((await analyze('api-version=2023-10-01&features=tags,objects', { key: f0 })).status, 200);
    const { platform } = vision.server;
    await platform.recorder.drain();
    const { resource } = (await platform.directory.resolve(f0))!;
    const today = new Date().toISOString().slice(0, 10);
    const report = await platform.usage.report(resource, today, today);
    assert.deepEqual(report.quotas.map((q) => [q.meter, q.used]), [['vision', 1]]);
    assert.ok(JSON.stringify(report.days[0]).includes('vision.imageAnalysis.analyze'));
  });

  it('routes every operation of the published 4.0 contract (paths and x-ms-paths overloads)', async () => {
    const operations = specOperations('imageanalysis-v4.0-2023-10-01.json', '/computervision', () => 'x');
    assert.equal(operations.length, 2);
    const unrouted: string[] = [];
    for (const op of operations) {
      const res = await vision.server.fetch(`${op.url}${op.url.includes('?') ? '&' : '?'}api-version=2023-10-01&features=tags`, { method: op.method, headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' }, body: new Uint8Array(samplePhoto(2)) });
      const body = await res.json().catch(() => ({}));
      if (res.status === 404 && NO_ROUTE.test(body?.error?.message ?? '')) unrouted.push(`${op.method} ${op.path}`);
      else assert.equal(res.status, 200, JSON.stringify(body));
    }
    assert.deepEqual(unrouted, []);
  });
});
