// The scoring of a batch test, on hand-made predictions with known answers:
// precision, recall and F1 per intent and per entity span, confusion pairs,
// the error list and its CSV, and the refusals of a bad dataset.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluatedEntities } from '../../../src/luis/batch/evaluate.ts';
import { parseBatchDataset, vocabularyOf, datasetFromUtterances, type VersionVocabulary } from '../../../src/luis/batch/dataset.ts';
import { errorsCsv } from '../../../src/luis/batch/csv.ts';
import { parseLuisApp } from '../../../src/nlu/index.ts';
import { ApiError } from '../../../src/http/errors.ts';

const vocabulary: VersionVocabulary = {
  intents: ['Book', 'Cancel', 'None'],
  entities: new Set(['City', 'number']),
  learned: new Set(['City']),
};

const dataset = parseBatchDataset([
  { text: 'book paris', intent: 'Book', entities: [{ entity: 'City', startPos: 5, endPos: 9 }] },
  { text: 'book 2 seats to rome', intent: 'Book', entities: [{ entity: 'City', startPos: 16, endPos: 19 }] },
  { text: 'cancel it', intent: 'Cancel', entities: [] },
  { text: 'stop, cancel', intent: 'Cancel', entities: [] },
  { text: 'hello', intent: 'None', entities: [] },
], vocabulary);

const report = evaluate(dataset, [
  { intent: 'Book', score: 0.9, entities: [{ entity: 'City', startPos: 5, endPos: 9 }] },
  // right intent, the city one character short, and a number nobody labelled
  { intent: 'Book', score: 0.8, entities: [{ entity: 'City', startPos: 16, endPos: 18 }, { entity: 'number', startPos: 5, endPos: 5 }] },
  { intent: 'Cancel', score: 0.7, entities: [] },
  { intent: 'Book', score: 0.6, entities: [{ entity: 'City', startPos: 0, endPos: 3 }] },
  { intent: 'Book', score: 0.5, entities: [] },
], vocabulary);

describe('batch test scoring', () => {
  it('scores each intent: Book 2 right of 4 predicted, Cancel 1 of 2 labelled, None never predicted', () => {
    const byName = Object.fromEntries(report.intents.map((i) => [i.intent, i]));
    assert.deepEqual(byName.Book, { intent: 'Book', labelled: 2, precision: 0.5, recall: 1, f1: 2 / 3, truePositives: 2, falsePositives: 2, falseNegatives: 0 });
    assert.deepEqual(byName.Cancel, { intent: 'Cancel', labelled: 2, precision: 1, recall: 0.5, f1: 2 / 3, truePositives: 1, falsePositives: 0, falseNegatives: 1 });
    assert.deepEqual(byName.None, { intent: 'None', labelled: 1, precision: null, recall: 0, f1: null, truePositives: 0, falsePositives: 0, falseNegatives: 1 });
    assert.equal(report.intentAccuracy, 3 / 5);
  });

  it('lists the confusion pairs, most frequent first', () => {
    assert.deepEqual(report.confusion, [
      { labelled: 'Cancel', predicted: 'Book', count: 1 },
      { labelled: 'None', predicted: 'Book', count: 1 },
    ]);
  });

  it('scores entities by exact span; a prebuilt the dataset never labels is not weighed', () => {
    assert.deepEqual(report.entities, [{ entity: 'City', labelled: 2, precision: 1 / 3, recall: 0.5, f1: 0.4, truePositives: 1, falsePositives: 2, falseNegatives: 1 }]);
    assert.deepEqual([...evaluatedEntities(dataset, vocabulary)], ['City']);
  });

  it('lists every utterance with a wrong intent or span, with what was labelled and what was predicted', () => {
    assert.equal(report.correctUtterances, 2);
    assert.deepEqual(report.errors.map((e) => [e.text, e.labelledIntent, e.predictedIntent]), [
      ['book 2 seats to rome', 'Book', 'Book'], ['stop, cancel', 'Cancel', 'Book'], ['hello', 'None', 'Book'],
    ]);
    assert.deepEqual(report.errors[0].missedEntities, [{ entity: 'City', startPos: 16, endPos: 19 }]);
    assert.deepEqual(report.errors[0].unexpectedEntities, [{ entity: 'City', startPos: 16, endPos: 18 }]);
  });

  it('exports the errors as CSV, quoting what needs quoting', () => {
    const lines = errorsCsv(report.errors).split('\r\n');
    assert.equal(lines[0], 'Utterance,Labelled intent,Predicted intent,Score,Missed entities,Unexpected entities');
    assert.equal(lines[1], 'book 2 seats to rome,Book,Book,0.8000,"City[16..19] ""rome""","City[16..18] ""rom"""');
    assert.equal(lines[2], '"stop, cancel",Cancel,Book,0.6000,,"City[0..3] ""stop"""');
    assert.equal(lines.length, 5, 'header, three errors, and the final line end');
  });
});

describe('batch datasets', () => {
  const refusal = (json: unknown): string => {
    try {
      parseBatchDataset(json, vocabulary);
    } catch (err) {
      assert.ok(err instanceof ApiError);
      assert.equal(err.statusCode, 400);
      return err.message;
    }
    assert.fail('the dataset was accepted');
  };

  it('refuses what is not the batch format, naming the utterance and the field', () => {
    assert.match(refusal({ text: 'x' }), /JSON array/);
    assert.match(refusal([]), /no utterances/);
    assert.match(refusal([{ text: 'book it', intent: 'Fly', entities: [] }]), /utterance \[0\] \("book it"\): intent "Fly" is not an intent of this version/);
    assert.match(refusal([{ text: 'book it', intent: 'Book', entities: [{ entity: 'Town', startPos: 0, endPos: 3 }] }]), /entities\[0\]\.entity "Town" is not an entity/);
    assert.match(refusal([{ text: 'book it', intent: 'Book', entities: [{ entity: 'City', startPos: 5, endPos: 7 }] }]), /entities\[0\]\.endPos 7 is past the end of the text \(7 characters\)/);
    assert.match(refusal([{ text: 'book it', intent: 'Book', entities: [{ entity: 'City', startPos: 5, endPos: 4 }] }]), /endPos must be an integer not below startPos/);
    assert.match(refusal([{ text: 'a', intent: 'Book' }, { text: ' A ', intent: 'None' }]), /utterance \[1\] \(" A "\): text repeats utterance \[0\]/);
    assert.match(refusal([{ text: 'a', intent: 'Book', role: 'x' }]), /role is not part of the batch format/);
    assert.match(refusal(Array.from({ length: 1001 }, (_, i) => ({ text: `u${i}`, intent: 'None' }))), /1001 utterances; a batch test takes at most 1000/);
  });

  it('knows the names a version offers: ML children, hierarchical children, composites and the rest', () => {
    const app = parseLuisApp({
      luis_schema_version: '7.0.0', versionId: '0.1', name: 'v', desc: '', culture: 'en-us',
      intents: [{ name: 'None' }, { name: 'Order' }],
      entities: [{ name: 'Pizza', roles: [], children: [{ name: 'Size', children: [] }] }],
      hierarchicals: [{ name: 'Place', children: ['From', 'To'], roles: [] }],
      composites: [{ name: 'Trip', children: ['Place::From'], roles: [] }],
      closedLists: [{ name: 'Crust', subLists: [{ canonicalForm: 'thin', list: [] }], roles: [] }],
      regex_entities: [], prebuiltEntities: [{ name: 'number', roles: [] }], patternAnyEntities: [], patterns: [], phraselists: [],
      utterances: [{ text: 'a large pizza', intent: 'Order', entities: [{ entity: 'Pizza', startPos: 2, endPos: 12, children: [{ entity: 'Size', startPos: 2, endPos: 6 }] }] }],
    });
    const v = vocabularyOf(app);
    assert.deepEqual([...v.learned].sort(), ['Pizza', 'Place::From', 'Place::To', 'Size', 'Trip']);
    assert.deepEqual([...v.entities].sort(), ['Crust', 'Pizza', 'Place', 'Place::From', 'Place::To', 'Size', 'Trip', 'number']);
    assert.deepEqual(datasetFromUtterances(app.utterances), [{ text: 'a large pizza', intent: 'Order', entities: [{ entity: 'Pizza', startPos: 2, endPos: 12 }, { entity: 'Size', startPos: 2, endPos: 6 }] }]);
  });
});
