// The Image Analysis 4.0 result, shaped from what the vision engines found: the
// same evidence, tags, captions, people and text reading that v3.2 answers
// from, in the 4.0 wire format (boundingBox {x,y,w,h}, boundingPolygon points).
import type { BoundingRect, ImageCaption, ImageEvidence } from '../types.ts';
import type { ReadLine } from '../text/text-layout.ts';
import { tagsFrom } from '../describe/tags.ts';
import { captionsFrom } from '../describe/captions.ts';
import { peopleIn } from '../describe/people.ts';
import { centreOn, focusOf, largestCrop } from '../analyzers/attention.ts';

export interface Box { x: number; y: number; w: number; h: number }
export interface Point { x: number; y: number }
export interface Caption4 { text: string; confidence: number }
export interface DenseCaption4 extends Caption4 { boundingBox: Box }
export interface Tag4 { name: string; confidence: number }
export interface Word4 { text: string; boundingPolygon: Point[]; confidence: number }
export interface Line4 { text: string; boundingPolygon: Point[]; words: Word4[] }
export interface CropRegion4 { aspectRatio: number; boundingBox: Box }

/** Regions of the image that get a dense caption of their own, besides the whole image (Azure: up to 10 in all). */
const DENSE_REGIONS = 9;
const REGION_OBJECT_CONFIDENCE = 0.5;
/** With no aspect ratio asked for, Azure picks one from 0.5 to 2.0. */
const AUTO_MIN_ASPECT = 0.5, AUTO_MAX_ASPECT = 2;

export const box = (r: BoundingRect): Box => ({ x: Math.max(0, Math.round(r.x)), y: Math.max(0, Math.round(r.y)), w: Math.max(0, Math.round(r.w)), h: Math.max(0, Math.round(r.h)) });
const round = (n: number) => Math.round(n * 10000) / 10000;

/** "a man holding a cup" → "a person holding a cup", as gender-neutral-caption=true asks. */
export function genderNeutral(text: string): string {
  return text
    .replace(/\ba man and a woman\b/g, 'two people')
    .replace(/\b(men|women)\b/g, 'people')
    .replace(/\b(man|woman)\b/g, 'person')
    .replace(/\b(boys|girls)\b/g, 'children')
    .replace(/\b(boy|girl)\b/g, 'child');
}

function caption(c: ImageCaption, neutral: boolean): Caption4 {
  return { text: neutral ? genderNeutral(c.text) : c.text, confidence: round(c.confidence) };
}

export function tagsResult(e: ImageEvidence): { values: Tag4[] } {
  return { values: tagsFrom(e).map((t) => ({ name: t.name, confidence: t.confidence })) };
}

export function objectsResult(e: ImageEvidence) {
  return { values: (e.objects ?? []).map((o) => ({ boundingBox: box(o.rectangle), tags: [{ name: o.object, confidence: o.confidence }] })) };
}

export function peopleResult(e: ImageEvidence) {
  return { values: peopleIn(e).map((p) => ({ boundingBox: box(p.box), confidence: round(p.confidence) })) };
}

/** The best whole-image caption; undefined when the engines found nothing to say (never an invented sentence). */
export function captionResult(e: ImageEvidence, neutral: boolean): Caption4 | undefined {
  const [best] = captionsFrom(e);
  return best ? caption(best, neutral) : undefined;
}

const centreInside = (outer: BoundingRect, inner: BoundingRect) => {
  const cx = inner.x + inner.w / 2, cy = inner.y + inner.h / 2;
  return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
};

/** The evidence that lies in one region: the captioner, run on it, describes that region only. */
function regionEvidence(e: ImageEvidence, region: BoundingRect): ImageEvidence {
  return {
    metadata: e.metadata,
    faces: (e.faces ?? []).filter((f) => centreInside(region, { x: f.faceRectangle.left, y: f.faceRectangle.top, w: f.faceRectangle.width, h: f.faceRectangle.height })),
    objects: (e.objects ?? []).filter((o) => centreInside(region, o.rectangle)),
  };
}

/**
 * Dense captions: the whole image's caption first, then one per person and
 * confident object, each from the captioner over the evidence inside that
 * region. No whole-image caption → no dense captions (the first must describe the image).
 */
export function denseCaptionsResult(e: ImageEvidence, neutral: boolean): { values: DenseCaption4[] } | undefined {
  const whole = captionResult(e, neutral);
  if (!whole) return undefined;
  const values: DenseCaption4[] = [{ ...whole, boundingBox: { x: 0, y: 0, w: e.metadata.width, h: e.metadata.height } }];
  const regions = [
    ...peopleIn(e).map((p) => ({ rect: p.box, confidence: p.confidence })),
    ...(e.objects ?? []).filter((o) => o.object !== 'person' && o.confidence >= REGION_OBJECT_CONFIDENCE).map((o) => ({ rect: o.rectangle, confidence: o.confidence })),
  ].sort((a, b) => b.confidence - a.confidence);
  const seen = new Set<string>();
  for (const region of regions) {
    if (values.length > DENSE_REGIONS) break;
    const [best] = captionsFrom(regionEvidence(e, region.rect));
    if (!best) continue;
    const c = caption(best, neutral);
    const boundingBox = box(region.rect);
    const key = `${c.text}|${boundingBox.x},${boundingBox.y},${boundingBox.w},${boundingBox.h}`;
    if (seen.has(key)) continue;
    seen.add(key);
    values.push({ ...c, boundingBox });
  }
  return { values };
}

/** Read's 8-number quadrilateral as four points. */
const polygon = (quad: number[]): Point[] => [0, 2, 4, 6].map((i) => ({ x: Math.max(0, Math.round(quad[i])), y: Math.max(0, Math.round(quad[i + 1])) }));

/** All text in one block, as Azure 4.0 gives it; no text → no block. */
export function readResult(lines: ReadLine[]): { blocks: Array<{ lines: Line4[] }> } {
  const out = lines.filter((l) => l.words.length > 0).map((l) => ({
    text: l.text,
    boundingPolygon: polygon(l.boundingBox),
    words: l.words.map((w) => ({ text: w.text, boundingPolygon: polygon(w.boundingBox), confidence: w.confidence })),
  }));
  return { blocks: out.length > 0 ? [{ lines: out }] : [] };
}

/**
 * Crops of each asked aspect centred on what matters: the faces, else the main
 * objects (as v3.2's smart thumbnails), else `attention` (the square sharp's
 * attention strategy picked). Without asked ratios, one crop whose aspect
 * follows the focus (or the image), kept within 0.5..2.
 */
export function smartCropsResult(e: ImageEvidence, aspects: readonly number[], attention: BoundingRect | undefined): { values: CropRegion4[] } {
  const { width, height } = e.metadata;
  const found = focusOf(e.faces ?? [], e.objects ?? [], width, height);
  const focus = found ?? attention ?? { x: 0, y: 0, w: width, h: height };
  const auto = aspects.length === 0;
  // Without a focus the attention square says where, not what shape: the crop keeps the image's shape.
  const autoAspect = Math.min(AUTO_MAX_ASPECT, Math.max(AUTO_MIN_ASPECT, found ? found.w / found.h : width / height));
  return {
    values: (auto ? [autoAspect] : aspects).map((aspect) => {
      const crop = centreOn(focus, largestCrop(width, height, aspect), width, height);
      return { aspectRatio: auto ? Math.round((crop.w / crop.h) * 100) / 100 : aspect, boundingBox: box(crop) };
    }),
  };
}

/** Whether smart crops need sharp's attention square: only when neither faces nor objects give a focus. */
export function needsAttention(e: ImageEvidence): boolean {
  return !focusOf(e.faces ?? [], e.objects ?? [], e.metadata.width, e.metadata.height);
}
