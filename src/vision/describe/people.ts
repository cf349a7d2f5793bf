// Who is in the picture, merged from the two engines that see people: face boxes
// (with age and gender) and the object detector's "person" boxes.
import type { BoundingRect, DetectedFace, ImageEvidence } from '../types.ts';

export interface Person {
  box: BoundingRect;
  confidence: number;
  face?: DetectedFace;
}

/** Gender is named only for adults and when the network is this sure of it. */
const GENDER_CONFIDENCE = 0.7;
const ADULT_AGE = 18;

function faceBox(f: DetectedFace): BoundingRect {
  const r = f.faceRectangle;
  return { x: r.left, y: r.top, w: r.width, h: r.height };
}

function contains(outer: BoundingRect, inner: BoundingRect): boolean {
  const cx = inner.x + inner.w / 2, cy = inner.y + inner.h / 2;
  return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
}

/** One entry per person: a detected person box takes the face whose centre lies in it; faces left over are people too. */
export function peopleIn(e: ImageEvidence): Person[] {
  const faces = [...(e.faces ?? [])];
  const people: Person[] = [];
  for (const o of (e.objects ?? []).filter((o) => o.object === 'person')) {
    const i = faces.findIndex((f) => contains(o.rectangle, faceBox(f)));
    const face = i >= 0 ? faces.splice(i, 1)[0] : undefined;
    people.push({ box: o.rectangle, confidence: Math.max(o.confidence, face?.detectionScore ?? 0), face });
  }
  for (const face of faces) people.push({ box: faceBox(face), confidence: face.detectionScore, face });
  return people.sort((a, b) => b.confidence - a.confidence);
}

/** 'man' or 'woman' with the confidence of that word, when the face says so clearly enough. */
export function genderWord(p: Person): { word: 'man' | 'woman'; confidence: number } | undefined {
  const f = p.face;
  if (!f || f.age < ADULT_AGE || f.genderProbability < GENDER_CONFIDENCE) return undefined;
  return { word: f.gender === 'Male' ? 'man' : 'woman', confidence: f.detectionScore * f.genderProbability };
}
