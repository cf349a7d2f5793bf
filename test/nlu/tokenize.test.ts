import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/nlu/index.ts';

const spans = (text: string) => tokenize(text).map((t) => [t.text, t.start, t.end]);

describe('tokenize', () => {
  it('keeps exact UTF-16 offsets of every token into the original text', () => {
    const text = '  Book a flight\tto Paris, please!';
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
    assert.deepEqual(tokenize(text).map((t) => t.text), ['Book', 'a', 'flight', 'to', 'Paris', ',', 'please', '!']);
  });

  it('keeps combining accents inside their word and folds them away in the normalised form', () => {
    const text = 'cafe\u0301 Beyoncé';
    assert.deepEqual(spans(text), [['cafe\u0301', 0, 5], ['Beyoncé', 6, 13]]);
    assert.deepEqual(tokenize(text).map((t) => t.norm), ['cafe', 'beyonce']);
  });

  it('makes each emoji (with skin tone, ZWJ sequence or flag) one token with surrogate-pair offsets', () => {
    const text = 'pizza 🍕 for 👩‍👩‍👧 and 👍🏽 🇫🇷!';
    const toks = tokenize(text);
    assert.deepEqual(toks.map((t) => t.text), ['pizza', '🍕', 'for', '👩‍👩‍👧', 'and', '👍🏽', '🇫🇷', '!']);
    for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
    assert.equal(toks[1].start, 6);
    assert.equal(toks[1].end, 8);
  });

  it('splits apostrophes and hyphens out of words, as LUIS does', () => {
    assert.deepEqual(tokenize("don't co-worker").map((t) => t.text), ['don', "'", 't', 'co', '-', 'worker']);
  });

  it('splits CJK text per character', () => {
    assert.deepEqual(tokenize('我想订机票 ok').map((t) => t.text), ['我', '想', '订', '机', '票', 'ok']);
  });

  it('treats replacement characters from broken encodings as ordinary symbols', () => {
    const toks = tokenize('Pop Punk \ufffd\ufffd');
    assert.deepEqual(toks.map((t) => t.text), ['Pop', 'Punk', '\ufffd', '\ufffd']);
  });
});
