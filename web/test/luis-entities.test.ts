import { describe, expect, it } from 'vitest';
import { entityKindOf, parseSubLists } from '../src/luis/entityTypes.ts';

describe('entity types', () => {
  it('deletes each type through its own collection of the authoring API', () => {
    expect(entityKindOf('Entity Extractor')?.segment).toBe('entities');
    expect(entityKindOf('List Entity Extractor')?.segment).toBe('closedlists');
    expect(entityKindOf('Prebuilt Entity Extractor')?.segment).toBe('prebuilts');
    expect(entityKindOf('Pattern.Any Entity Extractor')?.segment).toBe('patternanyentities');
    expect(entityKindOf('Regex Entity Extractor')?.segment).toBe('regexentities');
  });

  it('leaves intents out of the entity list', () => {
    expect(entityKindOf('Intent Classifier')).toBeUndefined();
  });
});

describe('the values of a list entity, one per line', () => {
  it('reads "value: synonym, synonym" lines and bare values', () => {
    expect(parseSubLists('on: turn on, switch on\n\n off \n')).toEqual({
      subLists: [{ canonicalForm: 'on', list: ['turn on', 'switch on'] }, { canonicalForm: 'off', list: [] }],
    });
  });

  it('says which line has no value, and asks for at least one', () => {
    expect(parseSubLists('on: turn on\n: lonely')).toEqual({ error: 'Line 2 has no value before the colon.' });
    expect(parseSubLists('  \n')).toEqual({ error: 'Enter at least one value, one per line: value: synonym, synonym' });
  });
});
