// The pure parts of the engines: colour names, image type, object decoding and
// hierarchy, non-max suppression, BMP decoding, image intake and URL safety.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { analyzeColor, nameColor } from '../../src/vision/analyzers/color.ts';
import { classifyImageType, measurePixels } from '../../src/vision/analyzers/image-type.ts';
import { decodeDetections, OBJECT_MIN_CONFIDENCE } from '../../src/vision/analyzers/objects.ts';
import { suppressOverlaps } from '../../src/vision/analyzers/nms.ts';
import { adultInfoFrom } from '../../src/vision/analyzers/adult.ts';
import { centreOn, focusOf, largestCrop } from '../../src/vision/analyzers/attention.ts';
import { decodeBmp } from '../../src/vision/image/bmp.ts';
import { acceptImage, ANALYSIS_FORMATS } from '../../src/vision/image/intake.ts';
import { isInternalAddress } from '../../src/vision/image/fetch-url.ts';
import { MAX_IMAGE_BYTES } from '../../src/vision/image/limits.ts';
import { VisionError } from '../../src/vision/vision-error.ts';
import { clipArt, encodeBmp, lineDrawing, rawRgb, samplePhoto, solid } from './support/images.ts';

async function pixels(image: Buffer, side: number, fit: 'fill' | 'inside') {
  const { data, info } = await sharp(image).resize(side, side, { fit }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('colour', () => {
  it('names colours with Azure\'s 12-colour palette', () => {
    assert.equal(nameColor(0, 0, 0), 'Black');
    assert.equal(nameColor(255, 255, 255), 'White');
    assert.equal(nameColor(128, 128, 128), 'Gray');
    assert.equal(nameColor(220, 20, 30), 'Red');
    assert.equal(nameColor(30, 60, 220), 'Blue');
    assert.equal(nameColor(30, 180, 40), 'Green');
    assert.equal(nameColor(250, 220, 20), 'Yellow');
    assert.equal(nameColor(250, 140, 0), 'Orange');
    assert.equal(nameColor(120, 70, 30), 'Brown');
    assert.equal(nameColor(0, 128, 128), 'Teal');
    assert.equal(nameColor(128, 0, 160), 'Purple');
    assert.equal(nameColor(255, 150, 200), 'Pink');
  });

  it('takes the background from the border, the foreground from the centre, the accent from the most vivid hue', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="white"/><rect x="60" y="60" width="80" height="80" fill="#1E40E0"/></svg>';
    const { data, width, height } = await pixels(await sharp(Buffer.from(svg)).png().toBuffer(), 100, 'fill');
    const c = analyzeColor(data, width, height);
    assert.equal(c.dominantColorBackground, 'White');
    assert.equal(c.dominantColorForeground, 'Blue');
    assert.deepEqual(c.dominantColors, ['White', 'Blue']);
    const accent = c.accentColor.match(/../g)!.map((h) => parseInt(h, 16));
    [0x1e, 0x40, 0xe0].forEach((v, i) => assert.ok(Math.abs(accent[i] - v) <= 3, `accent ${c.accentColor}`));
    assert.equal(c.isBWImg, false);
  });

  it('calls a greyscale photo black and white, and a colour photo not', async () => {
    const grey = await pixels(await sharp(samplePhoto(2)).grayscale().jpeg().toBuffer(), 100, 'fill');
    assert.equal(analyzeColor(grey.data, grey.width, grey.height).isBWImg, true);
    const colour = await pixels(samplePhoto(3), 100, 'fill');
    assert.equal(analyzeColor(colour.data, colour.width, colour.height).isBWImg, false);
  });
});

describe('image type', () => {
  it('scores photographs as not clip art and not line drawings', async () => {
    for (const n of [1, 2, 3, 4, 5, 6] as const) {
      const p = await pixels(samplePhoto(n), 256, 'inside');
      assert.deepEqual(classifyImageType(measurePixels(p.data, p.width, p.height)), { clipArtType: 0, lineDrawingType: 0 }, `sample${n}`);
    }
  });

  it('scores flat-coloured shapes as good clip art, not a line drawing', async () => {
    const p = await pixels(await clipArt(), 256, 'inside');
    assert.deepEqual(classifyImageType(measurePixels(p.data, p.width, p.height)), { clipArtType: 3, lineDrawingType: 0 });
  });

  it('scores black strokes on white as a line drawing', async () => {
    const p = await pixels(await lineDrawing(), 256, 'inside');
    assert.equal(classifyImageType(measurePixels(p.data, p.width, p.height)).lineDrawingType, 1);
  });
});

describe('objects', () => {
  it('maps detector rows to boxes in image pixels with the v3.2 parent chain, dropping weak rows', () => {
    const rows = [
      [0, 0, 256, 256, 0.9, 16], // dog, top-left quarter of 512x512
      [256, 256, 512, 512, OBJECT_MIN_CONFIDENCE - 0.01, 2], // a car too weak to report
    ];
    const objects = decodeDetections(rows, 1000, 600);
    assert.deepEqual(objects, [{
      rectangle: { x: 0, y: 0, w: 500, h: 300 },
      object: 'dog',
      confidence: 0.9,
      parent: { object: 'mammal', confidence: 0.9, parent: { object: 'animal', confidence: 0.9 } },
    }]);
    assert.deepEqual(decodeDetections([[0, 0, 100, 100, 0.8, 2]], 512, 512)[0].parent, { object: 'Land vehicle', confidence: 0.8, parent: { object: 'Vehicle', confidence: 0.8 } });
  });

  it('suppresses overlapping boxes of one class but keeps overlapping boxes of different classes', () => {
    const a = { x1: 0, y1: 0, x2: 100, y2: 100, score: 0.9, classIndex: 0 };
    const b = { x1: 5, y1: 5, x2: 105, y2: 105, score: 0.8, classIndex: 0 };
    const c = { x1: 5, y1: 5, x2: 105, y2: 105, score: 0.7, classIndex: 1 };
    assert.deepEqual(suppressOverlaps([b, a, c], 0.5), [a, c]);
  });
});

describe('adult', () => {
  it('scores explicit classes as adult, and suggestive or explicit ones as racy; gore is not measured', () => {
    const info = adultInfoFrom({ Drawing: 0.05, Hentai: 0.1, Neutral: 0.05, Porn: 0.6, Sexy: 0.2 });
    assert.equal(info.isAdultContent, true);
    assert.ok(Math.abs(info.adultScore - 0.7) < 1e-9);
    assert.ok(Math.abs(info.racyScore - 0.9) < 1e-9);
    assert.equal(info.goreScore, 0);
    const sexy = adultInfoFrom({ Drawing: 0, Hentai: 0, Neutral: 0.3, Porn: 0.05, Sexy: 0.65 });
    assert.deepEqual([sexy.isAdultContent, sexy.isRacyContent], [false, true]);
  });
});

describe('attention', () => {
  it('focuses on the faces with a margin, and centres a crop on them within the image', () => {
    const face = (left: number, top: number) => ({ age: 30, gender: 'Female' as const, faceRectangle: { left, top, width: 100, height: 100 }, detectionScore: 0.9, genderProbability: 0.9 });
    const focus = focusOf([face(100, 100), face(300, 100)], [], 1000, 800)!;
    assert.deepEqual(focus, { x: 55, y: 85, w: 390, h: 130 });
    const crop = centreOn(focus, largestCrop(1000, 800, 1), 1000, 800);
    assert.deepEqual(crop, { x: 0, y: 0, w: 800, h: 800 });
    assert.equal(focusOf([], [], 1000, 800), undefined);
  });
});

describe('image intake', () => {
  const rules = { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS };

  it('accepts JPEG, PNG, GIF and BMP and reports format and size', async () => {
    assert.deepEqual((await acceptImage(samplePhoto(1), rules)).metadata, { width: 1920, height: 1280, format: 'Jpeg' });
    assert.deepEqual((await acceptImage(await solid(60, 70, 'red', 'gif'), rules)).metadata, { width: 60, height: 70, format: 'Gif' });
    const { data, width, height } = await rawRgb(await solid(64, 50, '#336699'));
    assert.deepEqual((await acceptImage(encodeBmp(data, width, height), rules)).metadata, { width: 64, height: 50, format: 'Bmp' });
  });

  it('refuses what breaks the rules with the Azure code', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: VisionError) => e.code);
    assert.equal(await code(acceptImage(Buffer.from('GIF89a but then nothing useful'), rules)), 'InvalidImageFormat');
    assert.equal(await code(acceptImage(await solid(49, 200, 'red'), rules)), 'InvalidImageSize');
    assert.equal(await code(acceptImage(samplePhoto(1), { ...rules, maxBytes: 1000 })), 'InvalidImageSize');
  });

  it('decodes bottom-up 24-bit BMP pixels exactly', async () => {
    const { data, width, height } = await rawRgb(await clipArt());
    const decoded = decodeBmp(encodeBmp(data, width, height));
    assert.deepEqual([decoded.width, decoded.height], [width, height]);
    assert.ok(decoded.data.equals(data));
  });
});

describe('URL safety', () => {
  it('treats loopback, private, link-local and unique-local addresses as internal', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      assert.equal(isInternalAddress(a), true, a);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) assert.equal(isInternalAddress(a), false, a);
  });
});
