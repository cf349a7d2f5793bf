// Where the interesting part of an image is: the faces when there are any, else the
// confident objects, else what sharp's attention strategy (luminance, saturation
// and skin-tone salience) points at. Used by areaOfInterest and smart thumbnails.
import type { BoundingRect, DetectedFace, DetectedObject } from '../types.ts';

/** Objects less sure than this do not steer a crop. */
const FOCUS_OBJECT_CONFIDENCE = 0.5;
const FOCUS_MAX_OBJECTS = 3;
/** Margin around the focus, as a share of its size, so that a crop does not cut heads off. */
const FOCUS_MARGIN = 0.15;

function union(rects: BoundingRect[]): BoundingRect {
  const x1 = Math.min(...rects.map((r) => r.x)), y1 = Math.min(...rects.map((r) => r.y));
  const x2 = Math.max(...rects.map((r) => r.x + r.w)), y2 = Math.max(...rects.map((r) => r.y + r.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

export function clampRect(r: BoundingRect, width: number, height: number): BoundingRect {
  const x = Math.max(0, Math.min(width - 1, Math.round(r.x)));
  const y = Math.max(0, Math.min(height - 1, Math.round(r.y)));
  return { x, y, w: Math.max(1, Math.min(width - x, Math.round(r.w))), h: Math.max(1, Math.min(height - y, Math.round(r.h))) };
}

/** The box that the faces (or, without faces, the main objects) occupy, with a margin; undefined without either. */
export function focusOf(faces: readonly DetectedFace[], objects: readonly DetectedObject[], width: number, height: number): BoundingRect | undefined {
  let rects: BoundingRect[] = faces.map((f) => ({ x: f.faceRectangle.left, y: f.faceRectangle.top, w: f.faceRectangle.width, h: f.faceRectangle.height }));
  if (rects.length === 0) {
    rects = objects
      .filter((o) => o.confidence >= FOCUS_OBJECT_CONFIDENCE)
      .sort((a, b) => b.confidence * b.rectangle.w * b.rectangle.h - a.confidence * a.rectangle.w * a.rectangle.h)
      .slice(0, FOCUS_MAX_OBJECTS)
      .map((o) => o.rectangle);
  }
  if (rects.length === 0) return undefined;
  const u = union(rects);
  const mx = u.w * FOCUS_MARGIN, my = u.h * FOCUS_MARGIN;
  return clampRect({ x: u.x - mx, y: u.y - my, w: u.w + 2 * mx, h: u.h + 2 * my }, width, height);
}

/** The largest rectangle of the given aspect (width/height) that fits in the image. */
export function largestCrop(width: number, height: number, aspect: number): { w: number; h: number } {
  if (width / height > aspect) return { w: Math.max(1, Math.min(width, Math.round(height * aspect))), h: height };
  return { w: width, h: Math.max(1, Math.min(height, Math.round(width / aspect))) };
}

/** Places a crop of size w×h so that its centre is as close to the focus's centre as the image allows. */
export function centreOn(focus: BoundingRect, crop: { w: number; h: number }, width: number, height: number): BoundingRect {
  const cx = focus.x + focus.w / 2, cy = focus.y + focus.h / 2;
  const x = Math.max(0, Math.min(width - crop.w, Math.round(cx - crop.w / 2)));
  const y = Math.max(0, Math.min(height - crop.h, Math.round(cy - crop.h / 2)));
  return { x, y, w: crop.w, h: crop.h };
}
