import { describe, expect, it } from 'vitest';
import { addLabel, charSegments, endpointUrl, tokenSegments, trainingSummary } from '../src/luis/labels.ts';

describe('labelling an utterance by selecting text', () => {
  const text = 'book a flight to new york';

  it('labels the selected characters with inclusive LUIS indices', () => {
    expect(addLabel(text, [], 'Location', 17, 25)).toEqual([{ entityName: 'Location', startCharIndex: 17, endCharIndex: 24 }]);
  });

  it('trims spaces that the selection caught at its edges', () => {
    expect(addLabel(text, [], 'Location', 16, 25)).toEqual([{ entityName: 'Location', startCharIndex: 17, endCharIndex: 24 }]);
  });

  it('works whichever way the selection was dragged', () => {
    expect(addLabel(text, [], 'Location', 25, 17)).toEqual(addLabel(text, [], 'Location', 17, 25));
  });

  it('replaces a label that the new one overlaps and keeps the others', () => {
    const first = addLabel(text, [], 'Verb', 0, 4);
    const both = addLabel(text, addLabel(text, first, 'City', 17, 20), 'Location', 17, 25);
    expect(both).toEqual([
      { entityName: 'Verb', startCharIndex: 0, endCharIndex: 3 },
      { entityName: 'Location', startCharIndex: 17, endCharIndex: 24 },
    ]);
  });

  it('ignores an empty or blank selection', () => {
    expect(addLabel(text, [], 'Location', 4, 4)).toEqual([]);
    expect(addLabel(text, [], 'Location', 4, 5)).toEqual([]);
  });

  it('shows the labelled text as segments', () => {
    expect(charSegments(text, addLabel(text, [], 'Location', 17, 25))).toEqual([
      { text: 'book a flight to ' },
      { text: 'new york', entity: 'Location' },
    ]);
  });

  it('shows stored examples, labelled by tokens, the same way', () => {
    expect(tokenSegments(['book', 'to', 'new', 'york', 'today'], [{ entityName: 'Location', startTokenIndex: 2, endTokenIndex: 3 }])).toEqual([
      { text: 'book to' },
      { text: 'new york', entity: 'Location' },
      { text: 'today' },
    ]);
  });
});

describe('training progress', () => {
  const model = (status: string) => ({ details: { status } });

  it('counts models done and says when all are trained', () => {
    expect(trainingSummary([model('Success'), model('InProgress')])).toEqual({ done: 1, total: 2, state: 'training' });
    expect(trainingSummary([model('Success'), model('UpToDate')])).toEqual({ done: 2, total: 2, state: 'trained' });
  });

  it('reports a failure when any model failed', () => {
    expect(trainingSummary([model('Success'), model('Fail')]).state).toBe('failed');
  });

  it('is untrained before anything was queued', () => {
    expect(trainingSummary([]).state).toBe('untrained');
  });

  it('does not call a never-trained version failed (each model reports Fail with the reason NeedsTraining)', () => {
    const never = { details: { status: 'Fail', failureReason: 'NeedsTraining: this version has not been trained yet; POST .../train' } };
    expect(trainingSummary([never, never])).toEqual({ done: 0, total: 2, state: 'untrained' });
    expect(trainingSummary([never, { details: { status: 'Fail', failureReason: 'FewLabels' } }]).state).toBe('failed');
  });
});

describe('the ready-to-paste endpoint URL', () => {
  it('puts the app, the key and an empty q= on the resource endpoint', () => {
    expect(endpointUrl('http://127.0.0.1:5080/westeurope/', 'app-1', 'k'.repeat(32))).toBe(
      `http://127.0.0.1:5080/westeurope/luis/v2.0/apps/app-1?staging=false&verbose=true&timezoneOffset=0&subscription-key=${'k'.repeat(32)}&q=`,
    );
  });
});

import { lineBoxes, ocrText, parseBox } from '../src/vision/ocrBoxes.ts';

describe('OCR boxes drawn over the image', () => {
  const result = {
    regions: [{
      boundingBox: '10,20,200,60',
      lines: [
        { boundingBox: '10,20,200,25', words: [{ boundingBox: '10,20,80,25', text: 'Hello' }, { boundingBox: '100,20,110,25', text: 'world' }] },
        { boundingBox: '10,55,90,25', words: [{ boundingBox: '10,55,90,25', text: 'again' }] },
      ],
    }],
  };

  it('reads "x,y,width,height" boxes and refuses malformed ones', () => {
    expect(parseBox('1,2,3,4')).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(parseBox('1,2,3')).toBeUndefined();
    expect(parseBox('a,2,3,4')).toBeUndefined();
  });

  it('gives one box per line with its words as text', () => {
    expect(lineBoxes(result)).toEqual([
      { x: 10, y: 20, width: 200, height: 25, text: 'Hello world' },
      { x: 10, y: 55, width: 90, height: 25, text: 'again' },
    ]);
    expect(ocrText(result)).toBe('Hello world\nagain');
  });
});
