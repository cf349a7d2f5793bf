// Captions assembled from templates over the evidence ("a group of people", "a man
// holding a cell phone", "text on a white background", "a drawing of a house").
// A caption's confidence is the product of the confidences of the evidence it
// states, so a sentence is never surer than what it rests on.
import type { BoundingRect, DetectedObject, ImageCaption, ImageEvidence } from '../types.ts';
import { genderWord, peopleIn, type Person } from './people.ts';
import { counted, withArticle } from './words.ts';

/** Objects less sure than this are not put into sentences. */
const CAPTION_OBJECT_CONFIDENCE = 0.5;
const DRAWING_SCORE = 0.5;

const HELD = new Set(['cell phone', 'cup', 'wine glass', 'bottle', 'umbrella', 'book', 'remote control', 'tennis racket', 'baseball bat',
  'frisbee', 'knife', 'fork', 'spoon', 'scissors', 'toothbrush', 'hair drier', 'handbag', 'teddy bear', 'kite', 'sports ball', 'donut', 'hot dog', 'sandwich', 'banana', 'apple', 'orange']);
const SAT_ON = new Set(['chair', 'couch', 'bench', 'bed', 'toilet']);
const RIDDEN = new Set(['bicycle', 'motorcycle', 'horse', 'skateboard', 'surfboard', 'skis', 'snowboard', 'elephant']);

function overlaps(a: BoundingRect, b: BoundingRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function verbFor(object: string): string {
  if (HELD.has(object)) return 'holding';
  if (SAT_ON.has(object)) return 'sitting on';
  if (RIDDEN.has(object)) return 'riding';
  return 'with';
}

function subjectOf(people: Person[]): { text: string; confidence: number } {
  if (people.length === 1) {
    const g = genderWord(people[0]);
    return g ? { text: `a ${g.word}`, confidence: g.confidence } : { text: 'a person', confidence: people[0].confidence };
  }
  if (people.length === 2) {
    const [a, b] = people.map(genderWord);
    const sure = Math.min(people[0].confidence, people[1].confidence);
    if (a && b && a.word !== b.word) return { text: 'a man and a woman', confidence: a.confidence * b.confidence };
    if (a && b) return { text: `two ${a.word === 'man' ? 'men' : 'women'}`, confidence: a.confidence * b.confidence };
    return { text: 'two people', confidence: sure };
  }
  return { text: 'a group of people', confidence: people[2].confidence };
}

function peopleCaptions(people: Person[], things: DetectedObject[]): ImageCaption[] {
  const subject = subjectOf(people);
  const captions: ImageCaption[] = [{ text: subject.text, confidence: subject.confidence }];
  const touching = things.filter((o) => people.some((p) => overlaps(p.box, o.rectangle)));
  for (const o of touching.slice(0, 2)) {
    captions.push({ text: `${subject.text} ${verbFor(o.object)} ${withArticle(o.object)}`, confidence: subject.confidence * o.confidence });
  }
  return captions;
}

/** "a dog", "two cars", "a dog and a cat", with the weakest member's confidence. */
function thingsCaption(things: DetectedObject[]): ImageCaption | undefined {
  const byName = new Map<string, DetectedObject[]>();
  for (const o of things) byName.set(o.object, [...(byName.get(o.object) ?? []), o]);
  const groups = [...byName.entries()].sort((a, b) => Math.max(...b[1].map((o) => o.confidence)) - Math.max(...a[1].map((o) => o.confidence))).slice(0, 2);
  if (groups.length === 0) return undefined;
  const text = groups.map(([name, list]) => counted(name, list.length)).join(' and ');
  const confidence = groups.reduce((c, [, list]) => c * Math.max(...list.map((o) => o.confidence)), 1);
  return { text, confidence };
}

export function captionsFrom(e: ImageEvidence): ImageCaption[] {
  const people = peopleIn(e);
  const things = (e.objects ?? []).filter((o) => o.object !== 'person' && o.confidence >= CAPTION_OBJECT_CONFIDENCE);
  const candidates: ImageCaption[] = [];

  const drawing = e.nsfw && e.nsfw.Drawing >= DRAWING_SCORE ? e.nsfw.Drawing : undefined;
  const lineDrawing = e.imageType?.lineDrawingType === 1;

  if (people.length > 0) candidates.push(...peopleCaptions(people, things));
  const scene = thingsCaption(things);
  if (scene) {
    if (drawing !== undefined) candidates.push({ text: `a drawing of ${scene.text}`, confidence: scene.confidence * drawing });
    else if (people.length === 0) candidates.push(scene);
  }
  if (e.text && e.text.words.length > 0) {
    const background = e.color?.dominantColorBackground.toLowerCase();
    const text = background ? `text on a ${background} background` : 'text';
    candidates.push({ text, confidence: e.text.meanConfidence });
  }
  if (candidates.length === 0 && (lineDrawing || drawing !== undefined)) {
    const confidence = drawing ?? (e.imageType ? e.imageType.clipArtType / 3 : 0);
    if (confidence > 0) candidates.push({ text: lineDrawing ? 'a black and white line drawing' : 'a drawing', confidence });
  }
  return candidates
    .map((c) => ({ text: c.text, confidence: Math.round(c.confidence * 10000) / 10000 }))
    .sort((a, b) => b.confidence - a.confidence);
}
