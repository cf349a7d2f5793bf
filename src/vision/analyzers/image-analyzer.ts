// Runs the pixel engines on one image, decoding it once: faces, objects, adult
// classification, colour and image type become ImageEvidence; areaOfInterest and
// thumbnails are placed on that evidence. Runs inside a pool worker.
import sharp from 'sharp';
import type { FormatEnum, OutputInfo, Sharp } from 'sharp';
import type { BoundingRect, ImageEvidence, ImageFormat, ImageMetadata } from '../types.ts';
import { openPixels } from '../image/intake.ts';
import { VisionError } from '../vision-error.ts';
import { analyzeColor } from './color.ts';
import { classifyImageType, measurePixels } from './image-type.ts';
import { loadFaceDetector, type FaceDetector } from './faces.ts';
import { CENTERNET_INPUT, loadObjectDetector, type ObjectDetector } from './objects.ts';
import { loadNsfwClassifier, NSFW_INPUT, type NsfwClassifier } from './adult.ts';
import { centreOn, focusOf, largestCrop } from './attention.ts';
import { loadTextRecognizer, type TextRecognizer } from '../text/tesseract.ts';
import { readText } from './text-reading.ts';

export interface AnalyzerModels { faces: FaceDetector; objects: ObjectDetector; nsfw: NsfwClassifier; text: TextRecognizer }

/** `text` reads words only when the picture looks drawn or printed (see wantsTextEvidence). */
export type EvidenceNeed = 'faces' | 'objects' | 'nsfw' | 'color' | 'imageType' | 'text';

export async function loadModels(): Promise<AnalyzerModels> {
  const text = loadTextRecognizer();
  // Sequential on purpose: the three tfjs models share one runtime that initialises once.
  const faces = await loadFaceDetector();
  const objects = await loadObjectDetector();
  const nsfw = await loadNsfwClassifier();
  return { faces, objects, nsfw, text: await text };
}

/**
 * Working resolution: face detection gains nothing above it, and at half of a
 * 1920 px photo libjpeg decodes at reduced scale (shrink-on-load), twice as fast.
 */
const WORKING_SIDE = 960;
const COLOR_SIDE = 100;
const TYPE_SIDE = 256;

interface Decoded { rgb: Buffer; width: number; height: number; metadata: ImageMetadata; source: Buffer }

async function decode(bytes: Buffer, metadata: ImageMetadata): Promise<Decoded> {
  try {
    const { data, info } = await openPixels(bytes, metadata.format)
      .removeAlpha()
      .toColourspace('srgb')
      .resize({ width: WORKING_SIDE, height: WORKING_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height, metadata, source: bytes };
  } catch (e) {
    if (e instanceof VisionError) throw e;
    throw new VisionError('InvalidImageFormat', `Input data is not a valid image: the ${metadata.format.toUpperCase()} data cannot be decoded (${(e as Error).message}).`);
  }
}

function resized(d: Decoded, width: number, height: number, fit: 'fill' | 'inside'): Promise<{ data: Buffer; info: OutputInfo }> {
  return sharp(d.rgb, { raw: { width: d.width, height: d.height, channels: 3 } })
    .resize({ width, height, fit })
    .raw()
    .toBuffer({ resolveWithObject: true });
}

async function evidenceOf(models: AnalyzerModels, d: Decoded, needs: ReadonlySet<EvidenceNeed>): Promise<ImageEvidence> {
  const { metadata } = d;
  const evidence: ImageEvidence = { metadata };
  if (needs.has('faces')) evidence.faces = await models.faces.detect(d.rgb, d.width, d.height, metadata.width / d.width);
  if (needs.has('objects')) {
    const { data } = await resized(d, CENTERNET_INPUT, CENTERNET_INPUT, 'fill');
    evidence.objects = await models.objects.detect(data, metadata.width, metadata.height);
  }
  if (needs.has('nsfw')) {
    const { data } = await resized(d, NSFW_INPUT, NSFW_INPUT, 'fill');
    evidence.nsfw = await models.nsfw.classify(data);
  }
  if (needs.has('color')) {
    const { data, info } = await resized(d, COLOR_SIDE, COLOR_SIDE, 'fill');
    evidence.color = analyzeColor(data, info.width, info.height);
  }
  if (needs.has('imageType')) {
    const { data, info } = await resized(d, TYPE_SIDE, TYPE_SIDE, 'inside');
    const stats = measurePixels(data, info.width, info.height);
    evidence.imageType = classifyImageType(stats);
    evidence.brightness = stats.brightness;
    evidence.colouredShare = stats.colouredShare;
  }
  if (needs.has('text') && evidence.imageType && looksPrintedOrDrawn(evidence)) {
    const reading = await readText(models.text, d.source, metadata, { detectOrientation: false });
    const words = reading.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    evidence.text = { words: words.map((w) => w.text), meanConfidence: words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0 };
  }
  return evidence;
}

/**
 * Reading text costs as much as the other engines together, and photographs seldom
 * carry text worth describing, so only drawn, printed or colourless pictures are read.
 */
export function looksPrintedOrDrawn(e: ImageEvidence): boolean {
  return (e.imageType?.clipArtType ?? 0) >= 1 || e.imageType?.lineDrawingType === 1 || e.color?.isBWImg === true;
}

export async function gatherEvidence(models: AnalyzerModels, bytes: Buffer, metadata: ImageMetadata, needs: ReadonlySet<EvidenceNeed>): Promise<ImageEvidence> {
  return evidenceOf(models, await decode(bytes, metadata), needs);
}

/** sharp's attention crop of the given size (in working pixels) over the decoded image. */
async function attentionCrop(d: Decoded, w: number, h: number): Promise<{ x: number; y: number }> {
  const { info } = await sharp(d.rgb, { raw: { width: d.width, height: d.height, channels: 3 } })
    .resize({ width: w, height: h, fit: 'cover', position: 'attention' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { x: -(info.cropOffsetLeft ?? 0), y: -(info.cropOffsetTop ?? 0) };
}

/** A crop of the given aspect placed on the faces/objects, or where attention points when there are none. */
async function smartCrop(models: AnalyzerModels, d: Decoded, aspect: number): Promise<{ crop: BoundingRect; focus?: BoundingRect }> {
  const { width, height } = d.metadata;
  const evidence = await evidenceOf(models, d, new Set(['faces', 'objects']));
  const focus = focusOf(evidence.faces ?? [], evidence.objects ?? [], width, height);
  const size = largestCrop(width, height, aspect);
  if (focus) return { crop: centreOn(focus, size, width, height), focus };
  const scale = d.width / width;
  const inWorking = largestCrop(d.width, d.height, aspect);
  const at = await attentionCrop(d, inWorking.w, inWorking.h);
  // sharp reports negative offsets for cover crops; attentionCrop flips them.
  const x = Math.min(width - size.w, Math.max(0, Math.round(Math.abs(at.x) / scale)));
  const y = Math.min(height - size.h, Math.max(0, Math.round(Math.abs(at.y) / scale)));
  return { crop: { x, y, w: size.w, h: size.h } };
}

/**
 * The area that matters most: the faces/objects with a margin when there are any,
 * else the square that sharp's attention strategy picks.
 */
export async function areaOfInterest(models: AnalyzerModels, bytes: Buffer, metadata: ImageMetadata): Promise<BoundingRect> {
  const d = await decode(bytes, metadata);
  const { crop, focus } = await smartCrop(models, d, 1);
  return focus ?? crop;
}

export interface ThumbnailRequest { width: number; height: number; smartCropping: boolean }

const OUTPUT_FORMAT: Record<ImageFormat, { format: keyof FormatEnum; contentType: string }> = {
  Jpeg: { format: 'jpeg', contentType: 'image/jpeg' },
  Png: { format: 'png', contentType: 'image/png' },
  Gif: { format: 'gif', contentType: 'image/gif' },
  Bmp: { format: 'png', contentType: 'image/png' },
  Tiff: { format: 'png', contentType: 'image/png' },
};

export async function thumbnail(models: AnalyzerModels, bytes: Buffer, metadata: ImageMetadata, req: ThumbnailRequest): Promise<{ bytes: Buffer; contentType: string }> {
  const out = OUTPUT_FORMAT[metadata.format];
  let pipeline: Sharp;
  if (req.smartCropping) {
    const d = await decode(bytes, metadata);
    const { crop } = await smartCrop(models, d, req.width / req.height);
    pipeline = openPixels(bytes, metadata.format).extract({ left: crop.x, top: crop.y, width: crop.w, height: crop.h }).resize(req.width, req.height, { fit: 'fill' });
  } else {
    // Without smart cropping the picture keeps its centre, as a plain cover resize does.
    pipeline = openPixels(bytes, metadata.format).resize(req.width, req.height, { fit: 'cover', position: 'centre' });
  }
  try {
    return { bytes: await pipeline.toFormat(out.format).toBuffer(), contentType: out.contentType };
  } catch (e) {
    throw new VisionError('InvalidImageFormat', `Input data is not a valid image: it cannot be decoded (${(e as Error).message}).`);
  }
}

