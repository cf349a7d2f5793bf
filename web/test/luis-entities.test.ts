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

import { checkAppFile, importProblem } from '../src/luis/importErrors.ts';

describe('import errors shown per field', () => {
  it('separates the field the server names from its problem', () => {
    expect(importProblem('The app is not valid: .intents[0].name: must be a string, got number'))
      .toEqual({ field: 'intents[0].name', problem: 'must be a string, got number' });
    expect(importProblem('The app is not valid: luis_schema_version: is required (a LUIS export carries it, e.g. "7.0.0")'))
      .toEqual({ field: 'luis_schema_version', problem: 'is required (a LUIS export carries it, e.g. "7.0.0")' });
  });

  it('keeps any other message whole', () => {
    expect(importProblem('body must be object')).toEqual({ problem: 'body must be object' });
  });

  it('refuses a file that is not one JSON object before sending it', () => {
    expect(checkAppFile([1, 2])).toMatch(/one LUIS app/);
    expect(checkAppFile('x')).toMatch(/one LUIS app/);
    expect(checkAppFile({ name: 'x' })).toBeUndefined();
  });
});
