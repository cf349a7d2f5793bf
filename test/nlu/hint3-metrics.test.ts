import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerAt, hint3Row, matthews, OUT_OF_SCOPE, parseCsv, publishedRows, sweepCsv, weightedF1 } from '../../bench/nlu/hint3.ts';

// The figures bench:nlu sets beside LUIS's, Dialogflow's, Rasa's and BERT's must be computed as theirs were.
describe('HINT3 metrics (bench/nlu/hint3.ts)', () => {
  it('compute the Matthews correlation as scikit-learn does, binary and multiclass', () => {
    // scikit-learn's documented example: matthews_corrcoef([+1, +1, +1, -1], [+1, -1, +1, +1]) = -0.333...
    assert.ok(Math.abs(matthews(['a', 'a', 'a', 'b'], ['a', 'b', 'a', 'a']) + 1 / 3) < 1e-12);
    assert.equal(matthews(['x', 'y', 'z'], ['x', 'y', 'z']), 1);
    assert.equal(matthews(['x', 'x'], ['x', 'x']), 0, 'one label only: undefined, reported 0 as scikit-learn does');
    // multiclass R_K, by hand: c = 4 correct, s = 5, t = (2, 2, 1), p = (2, 1, 2)
    const r = (4 * 5 - (2 * 2 + 2 * 1 + 1 * 2)) / Math.sqrt((25 - (4 + 1 + 4)) * (25 - (4 + 4 + 1)));
    assert.ok(Math.abs(matthews(['a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'c', 'c']) - r) < 1e-12);
  });

  it('count a None top intent, or a score under the threshold, as out of scope', () => {
    assert.equal(answerAt('None', 0.99, 0.5), OUT_OF_SCOPE);
    assert.equal(answerAt('EMI', 0.49, 0.5), OUT_OF_SCOPE);
    assert.equal(answerAt('EMI', 0.5, 0.5), 'EMI');
  });

  it('split a row into in-scope accuracy and out-of-scope recall', () => {
    const row = hint3Row([
      { gold: 'EMI', topIntent: 'EMI', score: 0.9 },
      { gold: 'EMI', topIntent: 'COD', score: 0.8 },
      { gold: OUT_OF_SCOPE, topIntent: 'COD', score: 0.3 },
      { gold: OUT_OF_SCOPE, topIntent: 'COD', score: 0.7 },
    ], 0.5);
    assert.deepEqual([row.accuracy, row.inScopeAccuracy, row.oosRecall], [0.5, 0.5, 0.5]);
    assert.ok(Math.abs(row.weightedF1 - weightedF1(['EMI', 'EMI', OUT_OF_SCOPE, OUT_OF_SCOPE], ['EMI', 'COD', OUT_OF_SCOPE, 'COD'])) < 1e-12);
  });

  it('write our sweep in the columns of the published files, which read back the same', () => {
    const rows = publishedRows('luis', 'sofmattress');
    assert.equal(rows.length, 9);
    const [header, ...lines] = parseCsv(sweepCsv(rows)).filter((r) => r.length > 1);
    assert.deepEqual(header, ['Threshold', 'Accuracy', 'Weighted F1', 'Inscope Accuracy', 'OOS Recall', 'MCC']);
    assert.deepEqual(lines.map((l) => Number(l[5])), rows.map((r) => r.mcc));
  });

  it('parse quoted CSV fields with commas, quotes and line breaks', () => {
    assert.deepEqual(parseCsv('sentence,label\n"Hi, ""there""\nfriend",GREET\n'), [['sentence', 'label'], ['Hi, "there"\nfriend', 'GREET']]);
  });
});
