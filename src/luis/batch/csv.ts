// A batch test's errors as CSV, one row per utterance it got wrong: what a
// reviewer sorts and filters in a spreadsheet.
import { csvDocument } from '../../util/csv.ts';
import type { SpanLabel } from './dataset.ts';
import type { BatchError } from './evaluate.ts';

/** `Entity[start..end] "text"`, with the text of the utterance the span covers. */
function spans(text: string, list: SpanLabel[]): string {
  return list.map((s) => `${s.entity}[${s.startPos}..${s.endPos}] "${text.slice(s.startPos, s.endPos + 1)}"`).join('; ');
}

export function errorsCsv(errors: BatchError[]): string {
  return csvDocument(
    ['Utterance', 'Labelled intent', 'Predicted intent', 'Score', 'Missed entities', 'Unexpected entities'],
    errors.map((e) => [e.text, e.labelledIntent, e.predictedIntent, e.score.toFixed(4), spans(e.text, e.missedEntities), spans(e.text, e.unexpectedEntities)]),
  );
}
