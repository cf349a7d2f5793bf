// Every error path of the Computer Vision routes over real HTTP, with Azure's status
// codes and the v3.2 error body {"error":{"code","message","innererror":{"code","message"}}}.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startVisionServer, serveImages, type VisionTestServer } from './support/vision-server.ts';
import { encodeBmp, rawRgb, samplePhoto, solid } from './support/images.ts';
import { NO_ROUTE, specOperations } from '../support/spec-routes.ts';

describe('Computer Vision errors', () => {
  let vision: VisionTestServer;
  let key: string;
  let images: Awaited<ReturnType<typeof serveImages>>;

  const call = (path: string, init: { key?: string; body?: Buffer | string; type?: string; method?: string } = {}) =>
    vision.server.fetch(`/vision/v3.2${path}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.key !== undefined ? { 'Ocp-Apim-Subscription-Key': init.key } : {}),
        ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/octet-stream' } : {}),
      },
      body: typeof init.body === 'string' ? init.body : init.body && new Uint8Array(init.body),
    });

  async function expectInner(res: Response, status: number, inner: string) {
    const body = await res.json();
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(body.error.innererror?.code, inner, JSON.stringify(body));
    assert.equal(body.error.code, status >= 500 ? 'InternalServerError' : 'InvalidRequest');
    assert.ok(body.error.message.length > 10);
    return body;
  }

  before(async () => {
    vision = await startVisionServer();
    images = await serveImages({ '/photo.jpg': { body: samplePhoto(1), type: 'image/jpeg' } });
  });
  after(async () => { await images?.close(); await vision?.close(); });
  // A fresh S1 resource per test keeps each test under the 10 calls/s rate.
  beforeEach(async () => { key = (await vision.resource()).key1; });

  it('answers 401 without a key', async () => {
    const res = await call('/analyze', { body: samplePhoto(1) });
    assert.equal(res.status, 401);
    assert.match((await res.json()).error.message, /missing subscription key/);
  });

  it('answers 401 to a LUIS key: it is not a Computer Vision key', async () => {
    const luis = await vision.resource('LUIS', 'S0');
    const res = await call('/analyze', { key: luis.key1, body: samplePhoto(1) });
    assert.equal(res.status, 401);
  });

  it('refuses data that is not an image with InvalidImageFormat', async () => {
    await expectInner(await call('/analyze', { key, body: Buffer.from('this is not a picture at all') }), 400, 'InvalidImageFormat');
  });

  it('refuses an empty body with InvalidImageFormat', async () => {
    await expectInner(await call('/analyze', { key, body: Buffer.alloc(0) }), 400, 'InvalidImageFormat');
  });

  it('refuses a WebP image: not among the supported formats', async () => {
    const webp = await sharp(samplePhoto(1)).resize(200).webp().toBuffer();
    const body = await expectInner(await call('/tag', { key, body: webp }), 400, 'InvalidImageFormat');
    assert.match(body.error.message, /JPEG, PNG, GIF, BMP/);
  });

  it('refuses an image over 4 MB with InvalidImageSize', async () => {
    const big = await sharp({ create: { width: 2600, height: 2600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();
    assert.ok(big.length > 4 * 1024 * 1024);
    const body = await expectInner(await call('/analyze', { key, body: big }), 400, 'InvalidImageSize');
    assert.match(body.error.message, /4194304/);
  });

  it('refuses an image under 50x50 pixels with InvalidImageSize', async () => {
    const body = await expectInner(await call('/analyze', { key, body: await solid(40, 60, 'red') }), 400, 'InvalidImageSize');
    assert.match(body.error.message, /40x60/);
  });

  it('refuses a URL that does not answer with an image with InvalidImageUrl', async () => {
    // Loopback is refused first: this server does not allow private addresses.
    const refused = await expectInner(await call('/analyze', { key, body: JSON.stringify({ url: `${images.url}/photo.jpg` }), type: 'application/json' }), 400, 'InvalidImageUrl');
    assert.match(refused.error.message, /internal address/);
    await expectInner(await call('/analyze', { key, body: JSON.stringify({ url: 'ftp://example.com/a.jpg' }), type: 'application/json' }), 400, 'InvalidImageUrl');
    await expectInner(await call('/analyze', { key, body: JSON.stringify({ link: 'x' }), type: 'application/json' }), 400, 'InvalidImageUrl');
    await expectInner(await call('/analyze', { key, body: JSON.stringify({ url: 'http://nonexistent.invalid/a.jpg' }), type: 'application/json' }), 400, 'InvalidImageUrl');
  });

  it('refuses an unknown visual feature with NotSupportedVisualFeature', async () => {
    const body = await expectInner(await call('/analyze?visualFeatures=Tags,Celebrity', { key, body: samplePhoto(1) }), 400, 'NotSupportedVisualFeature');
    assert.match(body.error.message, /Celebrity/);
  });

  it('refuses bad details, languages without a model, and a bad model-version', async () => {
    await expectInner(await call('/analyze?details=Faces', { key, body: samplePhoto(1) }), 400, 'InvalidDetails');
    await expectInner(await call('/analyze?language=ja', { key, body: samplePhoto(1) }), 400, 'NotSupportedLanguage');
    await expectInner(await call('/ocr?language=de', { key, body: samplePhoto(1) }), 400, 'NotSupportedLanguage');
    await expectInner(await call('/analyze?model-version=yesterday', { key, body: samplePhoto(1) }), 400, 'BadArgument');
  });

  it('refuses thumbnail sizes outside 1..1024 with InvalidThumbnailSize', async () => {
    await expectInner(await call('/generateThumbnail?width=0&height=50', { key, body: samplePhoto(1) }), 400, 'InvalidThumbnailSize');
    await expectInner(await call('/generateThumbnail?width=2000&height=50', { key, body: samplePhoto(1) }), 400, 'InvalidThumbnailSize');
    await expectInner(await call('/generateThumbnail?width=100', { key, body: samplePhoto(1) }), 400, 'InvalidThumbnailSize');
  });

  it('refuses other content types with 415 UnsupportedMediaType', async () => {
    await expectInner(await call('/analyze', { key, body: 'hello', type: 'text/plain' }), 415, 'UnsupportedMediaType');
  });

  it('takes the image from a multipart/form-data body too', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(samplePhoto(1))], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await vision.server.fetch('/vision/v3.2/analyze?visualFeatures=Faces', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key }, body: form });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.faces.length, 3);
  });

  it('analyses a BMP image, which sharp alone cannot decode', async () => {
    const { data, width, height } = await rawRgb(await sharp(samplePhoto(1)).resize(480).toBuffer());
    const res = await call('/analyze?visualFeatures=Faces,Color', { key, body: encodeBmp(data, width, height) });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.metadata, { width, height, format: 'Bmp' });
    assert.equal(body.faces.length, 3);
  });

  it('Read refuses bad input with the Read error shape (code without innererror)', async () => {
    const res = await call('/read/analyze', { key, body: Buffer.from('not an image, not a pdf') });
    const body = await res.json();
    assert.equal(res.status, 400);
    assert.equal(body.error.code, 'InvalidImageFormat');
    const pages = await call('/read/analyze?pages=2-3', { key, body: samplePhoto(1) });
    assert.equal((await pages.json()).error.code, 'InvalidPageRange');
  });

  it('counts polls of a Read result against the rate but not against the monthly quota', async () => {
    const f0 = await vision.resource('ComputerVision', 'F0');
    const started = await call('/read/analyze', { key: f0.key1, body: samplePhoto(1) });
    assert.equal(started.status, 202);
    const id = started.headers.get('operation-location')!.split('/').pop()!;
    for (let i = 0; i < 3; i++) assert.equal((await call(`/read/analyzeResults/${id}`, { key: f0.key1, method: 'GET' })).status, 200);
    const { platform } = vision.server;
    await platform.recorder.drain();
    const { resource } = (await platform.directory.resolve(f0.key1))!;
    const today = new Date().toISOString().slice(0, 10);
    const report = await platform.usage.report(resource, today, today);
    assert.deepEqual(report.quotas.map((q) => [q.meter, q.used]), [['vision', 1]]);
    assert.equal(report.days[0].calls, 4);
  });

  it('answers 404 for a read operation that does not exist', async () => {
    const res = await call('/read/analyzeResults/00000000-0000-0000-0000-000000000000', { key, method: 'GET' });
    assert.equal(res.status, 404);
  });

  it('lists no domain models and refuses analysing with one', async () => {
    const list = await call('/models', { key, method: 'GET' });
    assert.deepEqual(await list.json(), { models: [] });
    await expectInner(await call('/models/celebrities/analyze', { key, body: samplePhoto(1) }), 400, 'InvalidModel');
  });

  it('routes every operation of the published v3.2 and Read specs', async () => {
    const operations = ['computervision-v3.2.json', 'computervision-v3.2-read.json']
      .flatMap((file) => specOperations(file, '', (name) => (name === 'model' ? 'celebrities' : '00000000-0000-0000-0000-000000000000')));
    // 11 paths and their 9 stream overloads (x-ms-paths), which are the same routes.
    assert.equal(operations.length, 20);
    const unrouted: string[] = [];
    for (const op of operations) {
      const res = await call(op.url, { key, method: op.method, ...(op.method === 'POST' ? { body: 'x' } : {}) });
      const body = await res.json().catch(() => ({}));
      if (res.status === 404 && NO_ROUTE.test(body?.error?.message ?? '')) unrouted.push(`${op.method} ${op.path}`);
    }
    assert.deepEqual(unrouted, []);
  });

  it('answers 429 to the 21st call in a minute on the free tier', async () => {
    const free = (await vision.resource('ComputerVision', 'F0')).key1;
    vision.clock.hold();
    try {
      for (let i = 0; i < 20; i++) assert.equal((await call('/models', { key: free, method: 'GET' })).status, 200, `call ${i + 1}`);
      const res = await call('/models', { key: free, method: 'GET' });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    } finally {
      vision.clock.release();
    }
  });
});
