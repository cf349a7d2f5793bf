// Categories of the 86-name taxonomy, each backed by evidence: people by count and
// framing, objects by their category, read text, drawn pictures and dark scenes.
import type { Category, ImageEvidence } from '../types.ts';
import type { CategoryName } from './category-taxonomy.ts';
import { peopleIn } from './people.ts';
import { CATEGORY_OF_OBJECT } from './scene.ts';

const PORTRAIT_FACE_SHARE = 0.04;
const TEXT_MIN_WORDS = 2;
const DARK_BRIGHTNESS = 0.1;
/** Weaker categories than this are left out, as Azure leaves out low scores. */
const MIN_SCORE = 0.3;

export function categoriesFrom(e: ImageEvidence): Category[] {
  const scores = new Map<CategoryName, number>();
  const add = (name: CategoryName, score: number) => {
    if (score > (scores.get(name) ?? 0)) scores.set(name, Math.min(1, score));
  };
  const area = e.metadata.width * e.metadata.height;

  const people = peopleIn(e);
  if (people.length >= 15) add('people_crowd', people[14].confidence);
  else if (people.length >= 7) add('people_many', people[6].confidence);
  else if (people.length >= 2) add('people_group', people[1].confidence);
  else if (people.length === 1) {
    const face = people[0].face?.faceRectangle;
    const portrait = face && (face.width * face.height) / area >= PORTRAIT_FACE_SHARE;
    add(portrait ? 'people_portrait' : 'people_', people[0].confidence);
  }

  for (const o of e.objects ?? []) {
    const name = CATEGORY_OF_OBJECT[o.object];
    if (name) add(name, o.confidence);
  }

  if (e.text && e.text.words.length >= TEXT_MIN_WORDS) add('text_', e.text.meanConfidence);

  const nothingSeen = people.length === 0 && (e.objects ?? []).length === 0 && !(e.text && e.text.words.length);
  if (nothingSeen && e.imageType && e.imageType.clipArtType >= 2) add('abstract_nonphoto', e.imageType.clipArtType / 3);
  if (nothingSeen && e.brightness !== undefined && e.brightness < DARK_BRIGHTNESS) add('dark_', 1 - e.brightness);

  return [...scores.entries()]
    .filter(([, score]) => score >= MIN_SCORE)
    .map(([name, score]) => ({ name, score: Math.round(score * 10000) / 10000 }))
    .sort((a, b) => b.score - a.score);
}
