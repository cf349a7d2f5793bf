// The intent model of an app may be an ensemble: one regression per candidate feature
// set (all features; without function words; without character n-grams), whose
// calibrated probabilities are averaged. Where the members disagree the top score falls,
// which is what a bot's threshold needs for queries no intent covers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel, parseLuisApp, predict, serializeModel, train } from '../../src/nlu/index.ts';
import { logOfMeanSoftmax } from '../../src/nlu/intent/features.ts';
import { softmaxInPlace } from '../../src/nlu/intent/classifier.ts';
import { ENSEMBLE_MAX_WORK, FIVE_FOLD_MAX_WORK } from '../../src/nlu/intent/fit.ts';

/** A support bot of `intents` intents, each with `per` utterances built from its own words and a few shared ones. */
function supportBot(intents: number, per: number) {
  const topics = ['refund', 'delivery', 'invoice', 'warranty', 'password', 'address', 'discount', 'size', 'colour', 'install',
    'cancel', 'upgrade', 'battery', 'screen', 'charger', 'pickup', 'voucher', 'receipt', 'account', 'subscription',
    'shipping', 'exchange', 'repair', 'manual', 'payment', 'points', 'gift', 'stock', 'order', 'tracking'];
  const frames = ['how do i get a {t}', 'i need help with my {t}', 'what about the {t}', 'question on {t} please',
    'can you tell me about {t}', 'is there any {t} option', 'my {t} is not working', 'where can i see the {t}',
    'help me with {t} today', 'i have a problem with {t}', 'tell me the {t} policy', 'need {t} information'];
  const utterances = [];
  for (let i = 0; i < intents; i++) {
    for (let j = 0; j < per; j++) utterances.push({ text: frames[(i + j) % frames.length].replace('{t}', topics[i]), intent: `Ask${topics[i]}`, entities: [] });
  }
  return parseLuisApp({
    luis_schema_version: '7.0.0', name: 'support', culture: 'en-us', entities: [],
    intents: [...topics.slice(0, intents).map((t) => ({ name: `Ask${t}` })), { name: 'None' }], utterances,
  });
}

describe('ensembles of intent regressions', () => {
  it('averages the members\' probabilities: where they disagree the top score falls', () => {
    const sure = Float64Array.from([4, 0, 0]), other = Float64Array.from([0, 4, 0]);
    const agree = softmaxInPlace(logOfMeanSoftmax([sure, sure]));
    const disagree = softmaxInPlace(logOfMeanSoftmax([sure, other]));
    assert.ok(Math.abs(agree[0] - softmaxInPlace(Float64Array.from(sure))[0]) < 1e-12);
    assert.ok(disagree[0] < 0.5 && Math.abs(disagree[0] - disagree[1]) < 1e-12);
  });

  // 20 intents × 16 utterances = 6,720 utterances × intents: above the five-fold bound, within the ensemble's
  const app = supportBot(20, 16);
  const work = app.utterances.length * app.intents.length;
  const model = train(app, { seed: 3 });

  it('makes an app between the five-fold bound and ENSEMBLE_MAX_WORK an ensemble of the three feature sets', () => {
    assert.ok(work > FIVE_FOLD_MAX_WORK && work <= ENSEMBLE_MAX_WORK, `work ${work}`);
    assert.equal(model.intent.members.length, 3);
    assert.deepEqual(model.intent.members.map((m) => [m.features.stopWords ?? false, m.features.charMax > 0]), [[false, true], [true, true], [false, false]]);
    const p = predict(model, 'i have a problem with my refund');
    assert.equal(p.topIntent, 'Askrefund');
  });

  it('is deterministic for a seed and survives serialisation unchanged', () => {
    const again = train(app, { seed: 3 });
    assert.equal(again.intent.temperature, model.intent.temperature);
    const loaded = loadModel(serializeModel(model));
    assert.equal(loaded.intent.members.length, 3);
    for (const q of ['where can i see the invoice', 'my battery is dead', 'what is the capital of france']) {
      assert.deepEqual(predict(again, q).intents, predict(model, q).intents, q);
      assert.deepEqual(predict(loaded, q).intents, predict(model, q).intents, q);
    }
  });

  it('keeps one regression where training them all would cost too much, or the feature set is fixed', () => {
    assert.equal(train(app, { seed: 3, intentFeatures: { charMin: 0, charMax: 0 } }).intent.members.length, 1);
    const large = supportBot(30, 60); // 1,800 utterances × 31 intents
    assert.ok(large.utterances.length * large.intents.length > ENSEMBLE_MAX_WORK);
    assert.equal(train(large, { seed: 3 }).intent.members.length, 1);
  });
});
