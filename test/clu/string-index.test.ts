// Offsets in the three string index types CLU answers in, for the text before
// an entity: ASCII (counted without segmenting), CR LF (one grapheme of two
// code units), astral code points and combining marks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexIn } from '../../src/clu/runtime/response.ts';

describe('CLU string index types', () => {
  const at = (text: string, before: string) => {
    assert.ok(text.startsWith(before));
    return { utf16: indexIn(text, before.length, 'Utf16CodeUnit'), codePoints: indexIn(text, before.length, 'UnicodeCodePoint'), graphemes: indexIn(text, before.length, 'TextElements_v8') };
  };

  it('counts ASCII text the same in all three', () => {
    assert.deepEqual(at('turn on the lamp', 'turn on the '), { utf16: 12, codePoints: 12, graphemes: 12 });
    assert.deepEqual(at('a\tb\nlamp', 'a\tb\n'), { utf16: 4, codePoints: 4, graphemes: 4 });
  });

  it('counts CR LF as one text element', () => {
    assert.deepEqual(at('lights\r\non', 'lights\r\n'), { utf16: 8, codePoints: 8, graphemes: 7 });
  });

  it('counts an astral emoji with a skin tone and a combining accent apart', () => {
    assert.deepEqual(at('👍🏽 e\u0301 lamp', '👍🏽 e\u0301 '), { utf16: 8, codePoints: 6, graphemes: 4 });
  });
});
