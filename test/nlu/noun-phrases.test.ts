import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findKeyPhrases, findPersonNames } from '../../src/nlu/entity/noun-phrases.ts';

const spans = (ms: Array<{ start: number; end: number; text: string }>) => ms.map((m) => [m.text, m.start, m.end]);

describe('prebuilt personName', () => {
  it('finds each person apart, with offsets into the original text across accents and emoji', () => {
    assert.deepEqual(spans(findPersonNames('Tell Bob, Alice and José Müller that 😀 the meeting moved.')),
      [['Bob', 5, 7], ['Alice', 10, 14], ['José Müller', 20, 30]]);
  });

  it('finds no one in a sentence without people, and nothing outside English', () => {
    assert.deepEqual(findPersonNames('what is the weather in the mountains'), []);
    assert.deepEqual(findPersonNames('dile a Juan que llego tarde', 'es-es'), []);
  });
});

describe('prebuilt keyPhrase', () => {
  it('gives noun phrases without their determiners, possessives and pronouns', () => {
    assert.deepEqual(spans(findKeyPhrases('What is the holiday policy for new employees?')),
      [['holiday policy', 12, 25], ['new employees', 31, 43]]);
    assert.deepEqual(spans(findKeyPhrases('add Madonna to my workout playlist')), [['Madonna', 4, 10], ['workout playlist', 18, 33]]);
  });

  it('finds nothing in a query of function words, and nothing outside English', () => {
    assert.deepEqual(findKeyPhrases('is it?'), []);
    assert.deepEqual(findKeyPhrases('la política de vacaciones', 'es-es'), []);
  });
});
