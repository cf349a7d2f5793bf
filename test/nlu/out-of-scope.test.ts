import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SCORE_THRESHOLD, loadModel, MODEL_FORMAT_VERSION, ModelFormatError, parseLuisApp, predict, serializeModel, train,
} from '../../src/nlu/index.ts';
import { fitTemperature } from '../../src/nlu/intent/calibrate.ts';

// A pizza-ordering bot whose None intent has no examples at all.
const pizza = parseLuisApp({
  luis_schema_version: '7.0.0', name: 'pizza', culture: 'en-us',
  intents: [{ name: 'OrderPizza' }, { name: 'TrackOrder' }, { name: 'CancelOrder' }, { name: 'OpeningHours' }, { name: 'None' }],
  entities: [],
  utterances: [
    ...['i want to order a large pepperoni pizza', 'can i get two margherita pizzas', 'order a pizza with extra cheese please',
      'i would like a medium veggie pizza', 'get me a hawaiian pizza delivered', 'one small pizza with mushrooms and olives',
      'i want a pizza for dinner'].map((text) => ({ text, intent: 'OrderPizza', entities: [] })),
    ...['where is my order', 'how long until my pizza arrives', 'track my delivery', 'is my pizza on its way',
      'what is the status of my order', 'when will my food get here'].map((text) => ({ text, intent: 'TrackOrder', entities: [] })),
    ...['cancel my order', 'i do not want the pizza anymore', 'please cancel the delivery', 'stop my order',
      'cancel the pizza i just ordered'].map((text) => ({ text, intent: 'CancelOrder', entities: [] })),
    ...['what time do you open', 'are you open on sunday', 'when do you close tonight', 'what are your opening hours',
      'are you open late on fridays'].map((text) => ({ text, intent: 'OpeningHours', entities: [] })),
  ],
});

const understood = (p: ReturnType<typeof predict>) => p.topIntent !== 'None' && p.intents[0].score >= DEFAULT_SCORE_THRESHOLD;

describe('out-of-scope queries and calibrated scores', () => {
  const model = train(pizza, { seed: 1 });

  it('does not act on questions no intent covers, even when None has no examples', () => {
    for (const q of ['what is the capital of France', 'who won the football world cup in 2010', 'how do I fix a flat bicycle tyre',
      'tell me about quantum physics', 'xqzv blorft']) {
      const p = predict(model, q);
      assert.ok(!understood(p), `"${q}" was taken as ${p.topIntent} (${p.intents[0].score})`);
    }
  });

  it('still answers its intents above the default threshold', () => {
    const cases: Array<[string, string]> = [
      ['i want to order a pepperoni pizza', 'OrderPizza'], ['where is my pizza', 'TrackOrder'],
      ['please cancel my order', 'CancelOrder'], ['are you open on saturday', 'OpeningHours'],
    ];
    for (const [q, intent] of cases) {
      const p = predict(model, q);
      assert.equal(p.topIntent, intent, q);
      assert.ok(p.intents[0].score >= DEFAULT_SCORE_THRESHOLD, `"${q}" scored ${p.intents[0].score}`);
    }
  });

  it('fits the temperature by cross-validation deterministically for a seed', () => {
    const again = train(pizza, { seed: 1 });
    assert.equal(again.intent.temperature, model.intent.temperature);
    assert.notEqual(model.intent.temperature, 1);
    assert.deepEqual(predict(again, 'can i order a pizza').intents, predict(model, 'can i order a pizza').intents);
  });

  it('keeps the temperature through serialisation, in a new format version', () => {
    const loaded = loadModel(serializeModel(model));
    assert.equal(loaded.intent.temperature, model.intent.temperature);
    assert.deepEqual(predict(loaded, 'when do you open').intents, predict(model, 'when do you open').intents);
    assert.equal(MODEL_FORMAT_VERSION, 5);
    const old = serializeModel(model);
    new DataView(old.buffer).setUint32(4, 4, true);
    assert.throws(() => loadModel(old), ModelFormatError);
  });
});

describe('fitTemperature', () => {
  const logits = (z: number[]) => Float64Array.from(z);
  it('softens scores that are surer than their accuracy', () => {
    // confident margins of 6, but one answer in three is wrong
    const h = { logits: [logits([6, 0]), logits([6, 0]), logits([6, 0])], ys: [0, 0, 1] };
    assert.ok(fitTemperature(h) > 1);
  });
  it('sharpens scores that are less sure than their accuracy', () => {
    const h = { logits: Array.from({ length: 20 }, () => logits([1, 0, 0])), ys: Array.from({ length: 20 }, (_, i) => (i < 19 ? 0 : 1)) };
    assert.ok(fitTemperature(h) < 1);
  });
  it('is 1 without held-out utterances', () => assert.equal(fitTemperature({ logits: [], ys: [] }), 1));
});
