import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { intentNameExamples, nameWords } from '../../src/nlu/intent/names.ts';
import { parseLuisApp, predict, train } from '../../src/nlu/index.ts';

describe('intent names as training examples', () => {
  it('split camel case, acronyms, dots, underscores and spaces into words', () => {
    assert.deepEqual(nameWords('HomeAutomation.TurnOn'), ['Home', 'Automation', 'Turn', 'On']);
    assert.deepEqual(nameWords('getURLInfo'), ['get', 'URL', 'Info']);
    assert.deepEqual(nameWords('book_flight'), ['book', 'flight']);
    assert.deepEqual(nameWords('Software Recommendation'), ['Software', 'Recommendation']);
  });

  it('keep only the words no other intent name shares, and skip None', () => {
    const intents = ['None', 'SearchCreativeWork', 'SearchScreeningEvent', 'RateBook', 'BookRestaurant', 'Books.Rate'];
    assert.deepEqual(intentNameExamples(intents), [
      { intent: 1, text: 'Creative Work' },
      { intent: 2, text: 'Screening Event' },
      { intent: 4, text: 'Restaurant' },
    ]);
  });

  // Export Data has one utterance, which shares no content word with the queries below;
  // only its name says what it is about.
  const app = parseLuisApp({
    luis_schema_version: '7.0.0', name: 'accounts', culture: 'en-us',
    intents: [{ name: 'ExportData' }, { name: 'DeleteAccount' }, { name: 'ChangePassword' }, { name: 'None' }],
    entities: [],
    utterances: [
      { text: 'can i get a copy of everything i stored', intent: 'ExportData', entities: [] },
      { text: 'how do i delete my account', intent: 'DeleteAccount', entities: [] },
      { text: 'i want to remove my profile for good', intent: 'DeleteAccount', entities: [] },
      { text: 'close my account and erase my data', intent: 'DeleteAccount', entities: [] },
      { text: 'how can i change my password', intent: 'ChangePassword', entities: [] },
      { text: 'reset my password please', intent: 'ChangePassword', entities: [] },
      { text: 'i forgot my login secret', intent: 'ChangePassword', entities: [] },
      { text: 'what a lovely day', intent: 'None', entities: [] },
    ],
  });

  it('let an intent with a single utterance win queries that use the words of its name', () => {
    const withNames = train(app, { seed: 3 });
    const withoutNames = train(app, { seed: 3, intentNames: false });
    for (const query of ['how do i export my data', 'export all data to a file']) {
      assert.equal(predict(withNames, query).topIntent, 'ExportData', query);
      assert.notEqual(predict(withoutNames, query).topIntent, 'ExportData', query);
    }
  });

  it('count the words of names as known, so a query of them alone is not sent to None', () => {
    assert.equal(predict(train(app, { seed: 3 }), 'export').topIntent, 'ExportData');
    assert.equal(predict(train(app, { seed: 3, intentNames: false }), 'export').topIntent, 'None');
  });
});
