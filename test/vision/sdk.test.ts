// The official @azure/cognitiveservices-computervision client, unmodified, against a
// real Portico server: every operation, on real photographs and rendered images.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { ComputerVisionClient } from '@azure/cognitiveservices-computervision';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { startVisionServer, serveImages, type VisionTestServer } from './support/vision-server.ts';
import { clipArt, lineDrawing, samplePhoto, textImage } from './support/images.ts';
import { makePdf } from './support/pdf.ts';
import { CATEGORY_TAXONOMY } from '../../src/vision/describe/category-taxonomy.ts';

const ALL_FEATURES = ['Categories', 'Tags', 'Description', 'Faces', 'ImageType', 'Color', 'Adult', 'Objects', 'Brands'] as any[];
const TEXT_LINES = ['Portico reads printed words', 'Invoice number 4721 due Friday'];

function clientFor(key: string, endpoint: string): ComputerVisionClient {
  return new ComputerVisionClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': key } }), endpoint);
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function pollRead(client: ComputerVisionClient, operationLocation: string) {
  const id = operationLocation.split('/').pop()!;
  // Polls count against the S1 rate (10 calls/s), as every gateway call does: poll gently.
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const result = await client.getReadResult(id);
    if (result.status === 'succeeded' || result.status === 'failed') return result;
  }
  throw new Error('read did not finish');
}

describe('Computer Vision through the official SDK', () => {
  let vision: VisionTestServer;
  let client: ComputerVisionClient;
  let images: Awaited<ReturnType<typeof serveImages>>;
  let text: Buffer;

  before(async () => {
    vision = await startVisionServer({ PORTICO_ALLOW_PRIVATE_IMAGE_URLS: 'true' });
    const { key1 } = await vision.resource();
    client = clientFor(key1, vision.server.url);
    text = await textImage({ lines: TEXT_LINES });
    images = await serveImages({ '/people.jpg': { body: samplePhoto(1), type: 'image/jpeg' }, '/text.png': { body: text, type: 'image/png' } });
  });
  after(async () => { await images?.close(); await vision?.close(); });

  it('analyzeImageInStream with every visual feature describes a photo of three women', async () => {
    const r = await client.analyzeImageInStream(samplePhoto(1), { visualFeatures: ALL_FEATURES, details: ['Celebrities', 'Landmarks'] as any });
    assert.deepEqual(r.metadata, { width: 1920, height: 1280, format: 'Jpeg' });
    assert.equal(r.modelVersion, '2021-04-01');
    assert.match(r.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(r.faces?.length, 3);
    for (const f of r.faces!) {
      assert.equal(f.gender, 'Female');
      assert.ok(f.age! > 12 && f.age! < 60, `age ${f.age}`);
      assert.ok(f.faceRectangle!.left! >= 0 && f.faceRectangle!.left! + f.faceRectangle!.width! <= 1920);
    }
    assert.ok(r.objects!.some((o) => o.object === 'person'), JSON.stringify(r.objects));
    const tagNames = r.tags!.map((t) => t.name);
    assert.ok(tagNames.includes('person') && tagNames.includes('woman'), tagNames.join());
    assert.equal(r.description!.captions![0].text, 'a group of people');
    assert.ok(r.categories!.length > 0 && r.categories!.every((c) => (CATEGORY_TAXONOMY as readonly string[]).includes(c.name!)));
    assert.equal(r.categories![0].name, 'people_group');
    assert.equal(r.adult!.isAdultContent, false);
    assert.ok(r.adult!.adultScore! < 0.1);
    assert.equal(r.imageType!.clipArtType, 0);
    assert.equal(r.imageType!.lineDrawingType, 0);
    assert.match(r.color!.accentColor!, /^[0-9A-F]{6}$/);
    assert.equal(r.color!.isBWImg, false);
    assert.deepEqual(r.brands, []);
  });

  it('analyzeImage fetches the image by URL', async () => {
    const r = await client.analyzeImage(`${images.url}/people.jpg`, { visualFeatures: ['Faces', 'Color'] as any });
    assert.equal(r.faces?.length, 3);
    assert.ok(r.color);
    assert.equal(r.tags, undefined, 'features not asked for are left out');
  });

  it('describeImageInStream captions a text image from what it read', async () => {
    const r = await client.describeImageInStream(text, { maxCandidates: 3 });
    assert.equal(r.captions![0].text, 'text on a white background');
    assert.ok(r.tags!.includes('text'));
  });

  it('describeImage on a line drawing says it is a line drawing', async () => {
    const r = await client.describeImageInStream(await lineDrawing());
    assert.equal(r.captions![0].text, 'a black and white line drawing');
  });

  it('tagImageInStream tags clip art as clipart and nothing it cannot see', async () => {
    const r = await client.tagImageInStream(await clipArt());
    assert.deepEqual(r.tags!.map((t) => t.name), ['clipart']);
    assert.equal(r.metadata!.format, 'Png');
  });

  it('detectObjectsInStream finds the people with boxes inside the image', async () => {
    const r = await client.detectObjectsInStream(samplePhoto(1));
    const people = r.objects!.filter((o) => o.object === 'person');
    assert.ok(people.length >= 2, JSON.stringify(r.objects));
    for (const o of r.objects!) {
      const { x = -1, y = -1, w = 0, h = 0 } = o.rectangle ?? {};
      assert.ok(o.confidence! >= 0.4);
      assert.ok(x >= 0 && y >= 0 && x + w <= 1920 && y + h <= 1280);
    }
  });

  it('generateThumbnailInStream returns an image of exactly the asked size, smart-cropped on the faces', async () => {
    const r = await client.generateThumbnailInStream(120, 80, samplePhoto(2), { smartCropping: true });
    const bytes = await streamToBuffer(r.readableStreamBody!);
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.width, meta.height, meta.format], [120, 80, 'jpeg']);
  });

  it('getAreaOfInterestInStream returns a rectangle around the faces inside the image', async () => {
    const detected = await client.analyzeImageInStream(samplePhoto(1), { visualFeatures: ['Faces'] as any });
    const r = await client.getAreaOfInterestInStream(samplePhoto(1));
    const { x = -1, y = -1, w = 0, h = 0 } = r.areaOfInterest ?? {};
    const a = { x, y, w, h };
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.w <= 1920 && a.y + a.h <= 1280);
    for (const f of detected.faces!) {
      const cx = f.faceRectangle!.left! + f.faceRectangle!.width! / 2, cy = f.faceRectangle!.top! + f.faceRectangle!.height! / 2;
      assert.ok(cx >= a.x && cx <= a.x + a.w && cy >= a.y && cy <= a.y + a.h, 'every face is in the area');
    }
  });

  it('recognizePrintedTextInStream returns the rendered words exactly, with boxes', async () => {
    const r = await client.recognizePrintedTextInStream(true, text, { language: 'en' });
    assert.equal(r.language, 'en');
    assert.equal(r.orientation, 'Up');
    const lines = r.regions!.flatMap((g) => g.lines!.map((l) => l.words!.map((w) => w.text).join(' ')));
    assert.deepEqual(lines, TEXT_LINES);
    for (const w of r.regions![0].lines![0].words!) assert.match(w.boundingBox!, /^\d+,\d+,\d+,\d+$/);
  });

  it('detects that text lies on its side: orientation and Read angle say which way, words come back upright', async () => {
    const turned = await sharp(text).rotate(90).png().toBuffer();
    const r = await client.recognizePrintedTextInStream(true, turned);
    assert.equal(r.orientation, 'Right');
    assert.deepEqual(r.regions!.flatMap((g) => g.lines!.map((l) => l.words!.map((w) => w.text).join(' '))), TEXT_LINES);
    const read = await pollRead(client, (await client.readInStream(turned)).operationLocation);
    const page = read.analyzeResult!.readResults[0];
    assert.equal(page.angle, 90);
    assert.deepEqual([page.width, page.height], [(await sharp(turned).metadata()).width, (await sharp(turned).metadata()).height]);
    assert.deepEqual(page.lines.map((l) => l.text), TEXT_LINES);
  });

  it('recognizePrintedText by URL reads the same words', async () => {
    const r = await client.recognizePrintedText(false, `${images.url}/text.png`);
    assert.equal(r.orientation, 'NotDetected');
    assert.deepEqual(r.regions!.flatMap((g) => g.lines!.map((l) => l.words!.map((w) => w.text).join(' '))), TEXT_LINES);
  });

  it('readInStream answers 202 with an Operation-Location, and getReadResult returns the lines', async () => {
    const started = await client.readInStream(text);
    assert.match(started.operationLocation, new RegExp(`^${vision.server.url}/vision/v3.2/read/analyzeResults/[0-9a-f-]{36}$`));
    const result = await pollRead(client, started.operationLocation);
    assert.equal(result.status, 'succeeded');
    const page = result.analyzeResult!.readResults[0];
    assert.equal(page.page, 1);
    assert.equal(page.unit, 'pixel');
    assert.deepEqual(page.lines.map((l) => l.text), TEXT_LINES);
    for (const w of page.lines[0].words) {
      assert.equal(w.boundingBox.length, 8);
      assert.ok(w.confidence > 0.5 && w.confidence <= 1);
    }
  });

  it('readInStream takes a PDF: each page in inches, its text read exactly', async () => {
    const pdf = makePdf([{ width: 612, height: 792, text: [{ x: 72, y: 700, size: 20, text: TEXT_LINES[0] }, { x: 72, y: 660, size: 20, text: TEXT_LINES[1] }] }]);
    const result = await pollRead(client, (await client.readInStream(pdf)).operationLocation);
    const page = result.analyzeResult!.readResults[0];
    assert.deepEqual([page.unit, page.width, page.height], ['inch', 8.5, 11]);
    assert.deepEqual(page.lines.map((l) => l.text), TEXT_LINES);
  });

  it('read by URL works the same way', async () => {
    const started = await client.read(`${images.url}/text.png`);
    const result = await pollRead(client, started.operationLocation);
    assert.deepEqual(result.analyzeResult!.readResults[0].lines.map((l) => l.text), TEXT_LINES);
  });

  it('keeps read results to the resource that made them: another resource\'s key gets 404', async () => {
    const started = await client.readInStream(text);
    await pollRead(client, started.operationLocation);
    const other = clientFor((await vision.resource()).key1, vision.server.url);
    await assert.rejects(other.getReadResult(started.operationLocation.split('/').pop()!), (e: any) => e.statusCode === 404);
  });
});
