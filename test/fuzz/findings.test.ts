// Regressions of what the fuzz test found, one case each, so that each stays
// fixed even when the seed changes (docs/fuzzing.md lists them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVisionServer, type VisionTestServer } from '../vision/support/vision-server.ts';
import { png } from './hostile-files.ts';
import { deeplyNested } from './inputs.ts';
import { makePdf } from '../vision/support/pdf.ts';
import { call, luisSuite } from '../luis/support.ts';

/** A 200 × 200 PNG whose header checksum is wrong: tesseract's decoder gives up on it without a reason. */
function pngWithBadChecksum(): Buffer {
  const bytes = Buffer.from(png(200, 200));
  bytes[30] ^= 0xff; // inside the IHDR CRC
  return bytes;
}

describe('fuzz findings', () => {
  let vision: VisionTestServer;
  let key: string;
  before(async () => {
    vision = await startVisionServer();
    ({ key1: key } = await vision.resource());
  });
  after(async () => vision?.close());

  it('OCR of a damaged PNG is a 400 InvalidImageFormat naming the damage, not a 500', async () => {
    const res = await vision.server.fetch('/vision/v3.2/ocr', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' }, body: new Uint8Array(pngWithBadChecksum()) });
    const body = await res.json();
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(body.error.innererror.code, 'InvalidImageFormat');
    assert.match(body.error.message, /cannot be decoded/);
  });

  it("the process's first PDF is taken as fast as the next (pdf.js is loaded when the service starts)", async () => {
    const page = { width: 612, height: 792, text: [{ x: 72, y: 700, size: 12, text: 'first' }] };
    const started = Date.now();
    const res = await vision.server.fetch('/vision/v3.2/read/analyze', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/pdf' }, body: new Uint8Array(makePdf([page])) });
    assert.equal(res.status, 202);
    // Loading pdf.js in the request took 3.5 s on an idle machine, over 5 s on a busy one.
    assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`);
  });
});

describe('fuzz findings in LUIS authoring', () => {
  const luis = luisSuite();

  it('publish settings keep only the three settings: a deeply nested extra field is neither stored nor a 500', async () => {
    const created = await call(luis.server, 'POST', '/luis/api/v2.0/apps/', luis.user.authoring.westus, { name: 'settings', culture: 'en-us' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const path = `/luis/api/v2.0/apps/${created.body}/publishsettings`;
    const body = `{"speech":true,"extra":${deeplyNested(10_000, true)}}`;
    const res = await luis.server.fetch(path, { method: 'PUT', headers: { 'Ocp-Apim-Subscription-Key': luis.user.authoring.westus, 'content-type': 'application/json' }, body });
    assert.equal(res.status, 200, await res.text());
    const settings = await call(luis.server, 'GET', path, luis.user.authoring.westus);
    assert.deepEqual(settings.body, { id: created.body, sentimentAnalysis: false, speech: true, spellChecker: false });
  });
});
