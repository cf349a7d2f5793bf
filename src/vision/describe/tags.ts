// Tags from evidence only: what the object and face engines found (with their
// parents), scene words implied by those objects, text that was read, and what the
// pixels measure (drawing, clip art, black and white). No evidence, no tag.
import type { ImageEvidence, ImageTag } from '../types.ts';
import { objectLineage } from '../analyzers/object-taxonomy.ts';
import { genderWord, peopleIn } from './people.ts';
import { INDOOR_OBJECTS, OUTDOOR_OBJECTS } from './scene.ts';

/** nsfwjs's Drawing class at or above this marks a drawing. */
const DRAWING_SCORE = 0.5;
const round = (n: number) => Math.round(n * 10000) / 10000;

export function tagsFrom(e: ImageEvidence): ImageTag[] {
  const best = new Map<string, number>();
  const add = (name: string, confidence: number) => {
    if (confidence > (best.get(name) ?? 0)) best.set(name, Math.min(1, confidence));
  };

  const people = peopleIn(e);
  for (const p of people) {
    add('person', p.confidence);
    const g = genderWord(p);
    if (g) add(g.word, g.confidence);
  }
  for (const f of e.faces ?? []) add('human face', f.detectionScore);
  if (people.length >= 3) add('group', people[2].confidence);

  for (const o of e.objects ?? []) {
    for (const name of objectLineage(o.object)) add(name.toLowerCase(), o.confidence);
    if (INDOOR_OBJECTS.has(o.object)) add('indoor', o.confidence);
    if (OUTDOOR_OBJECTS.has(o.object)) add('outdoor', o.confidence);
  }

  if (e.text && e.text.words.length > 0) add('text', e.text.meanConfidence);
  if (e.nsfw && e.nsfw.Drawing >= DRAWING_SCORE) add('drawing', e.nsfw.Drawing);
  if (e.imageType && e.imageType.clipArtType >= 2) add('clipart', e.imageType.clipArtType / 3);
  if (e.imageType?.lineDrawingType === 1) add('line art', Math.max(e.nsfw?.Drawing ?? 0, e.imageType.clipArtType / 3));
  if (e.color?.isBWImg && e.colouredShare !== undefined) add('black and white', 1 - e.colouredShare);

  return [...best.entries()]
    .map(([name, confidence]) => ({ name, confidence: round(confidence) }))
    .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
}
