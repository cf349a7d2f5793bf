// Read on PDF documents: a page's own text is read exactly, a scanned page by
// OCR of its rendering; sizes and boxes are in inches, as Azure gives them for PDFs.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startVisionServer, type VisionTestServer } from './support/vision-server.ts';
import { textImage } from './support/images.ts';
import { makePdf } from './support/pdf.ts';
import { textLines } from '../../src/vision/document/pdf.ts';

const LETTER = { width: 612, height: 792 };

describe('grouping a PDF page\'s text into lines', () => {
  const item = (str: string, x: number, y: number, size = 12, width = str.length * size * 0.5) =>
    ({ str, transform: [size, 0, 0, size, x, y], width, height: size, dir: 'ltr', fontName: 'F1', hasEOL: false });

  it('joins runs on one baseline left to right, orders lines top to bottom, and places words by their share of the run', () => {
    const lines = textLines([item('world', 150, 700), item('Total due', 72, 500), item('Hello', 72, 700.5)], 792);
    assert.deepEqual(lines.map((l) => l.text), ['Hello world', 'Total due']);
    const [hello, world] = lines[0].words;
    assert.equal(hello.boundingBox[0], 1, 'Hello starts one inch from the left');
    assert.ok(world.boundingBox[0] > hello.boundingBox[2], 'world starts after Hello ends');
    const [, due] = lines[1].words;
    assert.equal(due.boundingBox[0], 1 + (6 * 6) / 72, 'due starts after "Total " (6 of 9 characters)');
    for (const w of lines.flatMap((l) => l.words)) assert.equal(w.confidence, 1);
  });

  it('finds no lines on a page without text', () => {
    assert.deepEqual(textLines([item('   ', 72, 700)], 792), []);
  });
});

describe('Read on PDF documents', () => {
  let vision: VisionTestServer;
  let key: string;

  async function read(body: Buffer, query = '', type = 'application/pdf'): Promise<any> {
    const started = await vision.server.fetch(`/vision/v3.2/read/analyze${query}`, {
      method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': type }, body: new Uint8Array(body),
    });
    assert.equal(started.status, 202, await started.text());
    const location = new URL(started.headers.get('operation-location')!);
    for (let i = 0; i < 600; i++) {
      const res = await vision.server.fetch(location.pathname, { headers: { 'Ocp-Apim-Subscription-Key': key } });
      const result = await res.json();
      if (result.status === 'succeeded' || result.status === 'failed') return result;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the read operation did not finish');
  }

  before(async () => { vision = await startVisionServer(); });
  after(async () => vision?.close());
  // A fresh S1 resource per test keeps each test's submissions and polls under the 10 calls/s rate.
  beforeEach(async () => { key = (await vision.resource()).key1; });

  it('reads the text of each page of a PDF made by software, in inches, exactly', async () => {
    const pdf = makePdf([
      { ...LETTER, text: [{ x: 72, y: 700, size: 24, text: 'Invoice 2026-0042' }, { x: 72, y: 650, size: 12, text: 'Total due: 1,250.00 EUR' }] },
      { ...LETTER, text: [{ x: 144, y: 396, size: 18, text: 'Thank you (for your order)' }] },
    ]);
    const result = await read(pdf);
    assert.equal(result.status, 'succeeded', JSON.stringify(result));
    const [first, second] = result.analyzeResult.readResults;
    assert.deepEqual([first.page, first.unit, first.width, first.height, first.angle], [1, 'inch', 8.5, 11, 0]);
    assert.deepEqual(first.lines.map((l: any) => l.text), ['Invoice 2026-0042', 'Total due: 1,250.00 EUR']);
    assert.deepEqual(second.lines.map((l: any) => l.text), ['Thank you (for your order)']);
    const [x0, y0, , , x2, y2] = second.lines[0].boundingBox;
    assert.equal(x0, 2, 'the line starts two inches from the left');
    assert.ok(y0 < 5.5 && y2 > 5.5, `the line straddles the baseline at 5.5 inches from the top (${y0}..${y2})`);
    assert.ok(x2 > x0 && x2 < 8.5);
    assert.deepEqual(first.lines[1].words.map((w: any) => w.text), ['Total', 'due:', '1,250.00', 'EUR']);
  });

  it('reads only the pages asked for, and takes the PDF as application/octet-stream too', async () => {
    const pdf = makePdf([1, 2, 3].map((n) => ({ ...LETTER, text: [{ x: 72, y: 700, size: 14, text: `Page number ${n}` }] })));
    const result = await read(pdf, '?pages=2-3', 'application/octet-stream');
    assert.deepEqual(result.analyzeResult.readResults.map((p: any) => [p.page, p.lines[0].text]), [[2, 'Page number 2'], [3, 'Page number 3']]);
  });

  it('reads a scanned page (an image without text) by OCR, with boxes in inches', async () => {
    const lines = ['Scanned letter', 'Dear customer'];
    const png = await textImage({ lines, fontSize: 48, width: 1275 });
    const { width, height } = (await sharp(png).metadata()) as { width: number; height: number };
    const jpeg = await sharp(png).flatten({ background: 'white' }).jpeg({ quality: 95 }).toBuffer();
    // 150 dpi: the picture fills a page of width/150 × height/150 inches.
    const pdf = makePdf([{ width: (width / 150) * 72, height: (height / 150) * 72, jpeg, pixels: { width, height } }]);
    const result = await read(pdf);
    assert.equal(result.status, 'succeeded', JSON.stringify(result));
    const page = result.analyzeResult.readResults[0];
    assert.equal(page.unit, 'inch');
    assert.deepEqual([page.width, page.height], [Math.round((width / 150) * 10_000) / 10_000, Math.round((height / 150) * 10_000) / 10_000]);
    assert.deepEqual(page.lines.map((l: any) => l.text), lines);
    for (const v of page.lines.flatMap((l: any) => l.boundingBox)) assert.ok(v >= 0 && v <= page.width + 0.01, `${v} is on the page`);
    assert.ok(page.lines[0].words.every((w: any) => w.confidence > 0.5 && w.confidence < 1), 'OCR words carry their confidence');
  });

  it('refuses a damaged PDF when it is submitted, with InvalidImageFormat', async () => {
    const res = await vision.server.fetch('/vision/v3.2/read/analyze', {
      method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(Buffer.from('%PDF-1.4\nthis is not really a PDF\n%%EOF\n', 'latin1')),
    });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error.code, 'InvalidImageFormat');
    assert.match(body.error.message, /not a valid PDF document/);
  });

  it('names PDF among the formats Read takes when refusing another', async () => {
    const res = await vision.server.fetch('/vision/v3.2/read/analyze', {
      method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')),
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error.message, /Supported formats: JPEG, PNG, BMP, TIFF, PDF/);
  });
});
