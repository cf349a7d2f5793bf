// Text layout and Read operations: unsure words are dropped, boxes take the two wire
// shapes, turned pages map back, and Read results belong to one resource for 48 h.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ocrRegions, readLines, readableBlocks } from '../../src/vision/text/text-layout.ts';
import { runsSideways, unturn } from '../../src/vision/analyzers/text-reading.ts';
import { readAngle } from '../../src/vision/vision-engine.ts';
import { ReadOperations, READ_RESULT_LIFETIME_MS } from '../../src/vision/read/read-operations.ts';
import { openStore } from '../../src/store/database.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pages, visualFeatures } from '../../src/vision/http/query.ts';
import type { RecognizedPage } from '../../src/vision/text/tesseract.ts';

const word = (text: string, confidence: number, x0: number) => ({ text, confidence, box: { x0, y0: 10, x1: x0 + 40, y1: 30 } });
const page: RecognizedPage = {
  skewRadians: 0,
  blocks: [
    { box: { x0: 0, y0: 0, x1: 999, y1: 999 }, lines: [{ box: { x0: 0, y0: 0, x1: 999, y1: 999 }, words: [word('Hello', 0.96, 10), word('~', 0.2, 60), word('world', 0.9, 110)] }] },
    { box: { x0: 0, y0: 0, x1: 9, y1: 9 }, lines: [{ box: { x0: 0, y0: 0, x1: 9, y1: 9 }, words: [word('%!', 0.1, 0)] }] },
  ],
};

describe('text layout', () => {
  it('drops unsure words and empty blocks, and shrinks boxes to the words kept', () => {
    const blocks = readableBlocks(page);
    assert.equal(blocks.length, 1);
    assert.deepEqual(blocks[0].lines[0].words.map((w) => w.text), ['Hello', 'world']);
    assert.deepEqual(blocks[0].box, { x0: 10, y0: 10, x1: 150, y1: 30 });
  });

  it('writes OCR boxes as "x,y,w,h" and Read boxes as eight numbers clockwise from the top-left', () => {
    const blocks = readableBlocks(page);
    assert.equal(ocrRegions(blocks)[0].lines[0].words[0].boundingBox, '10,10,40,20');
    const [line] = readLines(blocks);
    assert.equal(line.text, 'Hello world');
    assert.deepEqual(line.words[0].boundingBox, [10, 10, 50, 10, 50, 30, 10, 30]);
  });

  it('maps a point read on a page turned 90° clockwise back onto the page as given', () => {
    // Given page 200 wide, 100 high; turned, it is 100 wide, 200 high. Its top-left corner
    // ends up at the turned page's top-right.
    const back = unturn(90, 100, 200);
    assert.deepEqual(back(100, 0), [0, 0]);
    assert.deepEqual(back(0, 200), [200, 100]);
    assert.deepEqual(unturn(180, 200, 100)(0, 0), [200, 100]);
    assert.deepEqual(unturn(270, 100, 200)(0, 200), [0, 0]);
  });
});

describe('orientation', () => {
  it('notices lines that run up the page, and normalises Read angles to (-180, 180]', () => {
    const tall = { x0: 0, y0: 0, x1: 30, y1: 400 };
    assert.equal(runsSideways([{ box: tall, lines: [{ box: tall, words: [{ text: 'Portico', confidence: 0.9, box: tall }] }] }]), true);
    assert.equal(runsSideways(readableBlocks(page)), false);
    assert.deepEqual([-180, 180, -270, 90, 0.004].map(readAngle), [180, 180, 90, 90, 0]);
  });
});

describe('read operations', () => {
  it('are visible to their resource only, and are forgotten after 48 hours', async () => {
    let now = 1_000_000;
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-reads-')) });
    const reads = new ReadOperations(store.db, () => now);
    try {
      const op = await reads.create('resource-a');
      assert.equal((await reads.find(op.id, 'resource-a'))?.status, 'notStarted');
      assert.equal(await reads.find(op.id, 'resource-b'), undefined);
      await reads.update(op, { status: 'failed', failure: { code: 'InvalidImage', message: 'no text' } });
      assert.deepEqual((await reads.find(op.id, 'resource-a'))?.failure, { code: 'InvalidImage', message: 'no text' });
      now += READ_RESULT_LIFETIME_MS - 1;
      assert.ok(await reads.find(op.id, 'resource-a'));
      now += 1;
      assert.equal(await reads.find(op.id, 'resource-a'), undefined);
    } finally {
      reads.close();
      await store.close();
    }
  });
});

describe('query parameters', () => {
  it('reads visualFeatures case-insensitively and defaults to Categories', () => {
    assert.deepEqual(visualFeatures({ visualFeatures: 'tags,FACES,Tags' }), ['Tags', 'Faces']);
    assert.deepEqual(visualFeatures({}), ['Categories']);
  });

  it('expands page ranges and refuses pages that do not exist', () => {
    assert.deepEqual(pages({ pages: '1,3-4' }, 5), [1, 3, 4]);
    assert.deepEqual(pages({}, 2), [1, 2]);
    assert.throws(() => pages({ pages: '2' }, 1), /InvalidPageRange|not a valid page/);
  });
});
