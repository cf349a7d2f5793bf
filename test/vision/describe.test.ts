// Tags, categories and captions come from evidence only: each rule below is fed
// hand-made evidence and must say exactly what that evidence supports, and nothing
// without it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tagsFrom } from '../../src/vision/describe/tags.ts';
import { categoriesFrom } from '../../src/vision/describe/categories.ts';
import { captionsFrom } from '../../src/vision/describe/captions.ts';
import { CATEGORY_TAXONOMY } from '../../src/vision/describe/category-taxonomy.ts';
import { CATEGORY_OF_OBJECT } from '../../src/vision/describe/scene.ts';
import { counted, plural } from '../../src/vision/describe/words.ts';
import type { DetectedFace, DetectedObject, ImageEvidence } from '../../src/vision/types.ts';

const metadata = { width: 1000, height: 800, format: 'Jpeg' as const };
const face = (left: number, gender: 'Male' | 'Female', age = 35, size = 120): DetectedFace =>
  ({ age, gender, faceRectangle: { left, top: 100, width: size, height: size }, detectionScore: 0.95, genderProbability: 0.9 });
const object = (name: string, x: number, y: number, w: number, h: number, confidence = 0.8): DetectedObject =>
  ({ object: name, confidence, rectangle: { x, y, w, h } });

describe('evidence-based description', () => {
  it('says nothing about an image with no evidence', () => {
    const e: ImageEvidence = { metadata, faces: [], objects: [], imageType: { clipArtType: 0, lineDrawingType: 0 } };
    assert.deepEqual(tagsFrom(e), []);
    assert.deepEqual(categoriesFrom(e), []);
    assert.deepEqual(captionsFrom(e), []);
  });

  it('describes one man holding a phone from a face, a person box and an overlapping phone', () => {
    const e: ImageEvidence = { metadata, faces: [face(400, 'Male', 35, 200)], objects: [object('person', 300, 50, 400, 700, 0.9), object('cell phone', 500, 400, 60, 100, 0.7)] };
    const tags = tagsFrom(e).map((t) => t.name);
    assert.deepEqual(tags.slice(0, 3), ['human face', 'person', 'man']);
    assert.ok(tags.includes('cell phone') && tags.includes('electronic device'));
    const captions = captionsFrom(e);
    assert.deepEqual(captions.map((c) => c.text), ['a man', 'a man holding a cell phone']);
    assert.ok(captions[1].confidence < captions[0].confidence, 'a sentence that says more is less sure');
    assert.equal(categoriesFrom(e)[0].name, 'people_portrait');
  });

  it('counts people from faces and person boxes without counting anyone twice', () => {
    const e: ImageEvidence = {
      metadata,
      faces: [face(100, 'Female'), face(400, 'Female'), face(700, 'Male')],
      objects: [object('person', 50, 50, 250, 700), object('person', 350, 50, 250, 700)],
    };
    assert.equal(captionsFrom(e)[0].text, 'a group of people');
    assert.deepEqual(categoriesFrom(e).map((c) => c.name), ['people_group']);
    assert.ok(tagsFrom(e).some((t) => t.name === 'group'));
  });

  it('names gender only for adults the network is sure of', () => {
    const child: ImageEvidence = { metadata, faces: [face(400, 'Male', 8)] };
    assert.equal(captionsFrom(child)[0].text, 'a person');
    assert.ok(!tagsFrom(child).some((t) => t.name === 'man'));
  });

  it('captions objects without people by count, and maps them onto the taxonomy', () => {
    const e: ImageEvidence = { metadata, objects: [object('dog', 0, 0, 100, 100, 0.9), object('dog', 200, 0, 100, 100, 0.85), object('cat', 400, 0, 100, 100, 0.6)] };
    assert.equal(captionsFrom(e)[0].text, 'two dogs and a cat');
    assert.deepEqual(categoriesFrom(e).map((c) => c.name), ['animal_dog', 'animal_cat']);
    const tags = tagsFrom(e).map((t) => t.name);
    assert.deepEqual(tags, ['animal', 'dog', 'mammal', 'cat']);
  });

  it('describes read text on its background colour', () => {
    const e: ImageEvidence = {
      metadata, faces: [], objects: [], imageType: { clipArtType: 3, lineDrawingType: 1 },
      color: { dominantColorBackground: 'White', dominantColorForeground: 'White', dominantColors: ['White'], accentColor: 'F4F4F4', isBWImg: true },
      colouredShare: 0, text: { words: ['Quarterly', 'report'], meanConfidence: 0.93 },
    };
    assert.deepEqual(captionsFrom(e), [{ text: 'text on a white background', confidence: 0.93 }]);
    assert.equal(categoriesFrom(e)[0].name, 'text_');
    assert.ok(tagsFrom(e).some((t) => t.name === 'text' && t.confidence === 0.93));
  });

  it('only ever names categories of the 86-category taxonomy', () => {
    assert.equal(CATEGORY_TAXONOMY.length, 86);
    assert.equal(new Set(CATEGORY_TAXONOMY).size, 86);
    for (const name of Object.values(CATEGORY_OF_OBJECT)) assert.ok((CATEGORY_TAXONOMY as readonly string[]).includes(name), name);
  });

  it('writes English plurals and counts', () => {
    assert.deepEqual(['bus', 'knife', 'sheep', 'person', 'cherry', 'car'].map(plural), ['buses', 'knives', 'sheep', 'people', 'cherries', 'cars']);
    assert.deepEqual([counted('apple', 1), counted('car', 3), counted('car', 9)], ['an apple', 'three cars', 'a group of cars']);
  });
});
