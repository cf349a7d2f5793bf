// HINT3 (../shared/data/nlu/hint3): three customer-support bots whose test sets are
// mostly out of scope (NO_NODES_DETECTED), and the metrics exactly as the paper's
// published/ files compute them, so our rows sit beside LUIS's, Dialogflow's, Rasa's
// and BERT's: an answer whose top score is under the threshold, or whose top intent
// is None, counts as NO_NODES_DETECTED, which is then one more label. Accuracy is over
// all test sentences; MCC is the multiclass Matthews correlation (Gorodkin's R_K, as
// scikit-learn computes it) over all labels; weighted F1 weights each true label's F1
// by its support.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, type Example } from './data.ts';

export const HINT3_SETS = ['sofmattress', 'curekart', 'powerplay11'] as const;
export type Hint3Set = (typeof HINT3_SETS)[number];
export const OUT_OF_SCOPE = 'NO_NODES_DETECTED';
export const HINT3_SYSTEMS = ['luis', 'dialogflow', 'rasa', 'bert'] as const;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function readSentences(file: string): Example[] {
  const [header, ...rows] = parseCsv(readFileSync(join(DATA_DIR, 'hint3', file), 'utf8'));
  if (header[0] !== 'sentence' || header[1] !== 'label') throw new Error(`${file}: expected the columns sentence,label`);
  return rows.filter((r) => r.length >= 2 && r[0].trim()).map(([text, intent]) => ({ text, intent, entities: [] }));
}

export interface Hint3Split { name: string; train: Example[]; test: Example[] }

export function loadHint3(set: Hint3Set, subset = false): Hint3Split {
  return {
    name: subset ? `${set}_subset` : set,
    train: readSentences(`train/${set}${subset ? '_subset' : ''}_train.csv`),
    test: readSentences(`test/${set}_test.csv`),
  };
}

export interface Hint3Row { threshold: number; accuracy: number; weightedF1: number; inScopeAccuracy: number; oosRecall: number; mcc: number }

/** The published row of a system at each threshold (0.1 … 0.9). */
export function publishedRows(system: string, split: string): Hint3Row[] {
  const [, ...rows] = parseCsv(readFileSync(join(DATA_DIR, 'hint3', 'published', `${system}_${split}.csv`), 'utf8'));
  return rows.filter((r) => r.length >= 6).map((r) => {
    const [threshold, accuracy, weightedF1, inScopeAccuracy, oosRecall, mcc] = r.map(Number);
    return { threshold, accuracy, weightedF1, inScopeAccuracy, oosRecall, mcc };
  });
}

/** The sweep as a CSV in the published/ files' own columns, so our rows can be read by the same tools. */
export function sweepCsv(rows: Hint3Row[]): string {
  const lines = rows.map((r) => [r.threshold.toFixed(1), r.accuracy, r.weightedF1, r.inScopeAccuracy, r.oosRecall, r.mcc].join(','));
  return ['Threshold,Accuracy,Weighted F1,Inscope Accuracy,OOS Recall,MCC', ...lines].join('\n') + '\n';
}

/** Writes `portico_<split>.csv` beside the other systems' names, in dir. */
export function writeSweep(dir: string, split: string, rows: Hint3Row[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `portico_${split}.csv`);
  writeFileSync(file, sweepCsv(rows));
  return file;
}

/** What a bot answers at a threshold: the top intent, or out of scope when it is None or scores under the threshold. */
export const answerAt = (topIntent: string, score: number, threshold: number) => (topIntent === 'None' || score < threshold ? OUT_OF_SCOPE : topIntent);

/** Multiclass Matthews correlation coefficient (R_K) of gold and predicted labels. */
export function matthews(gold: string[], predicted: string[]): number {
  const t = new Map<string, number>(), p = new Map<string, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    t.set(g, (t.get(g) ?? 0) + 1);
    p.set(predicted[i], (p.get(predicted[i]) ?? 0) + 1);
    if (g === predicted[i]) correct++;
  });
  const n = gold.length;
  let tp = 0, tt = 0, pp = 0;
  for (const k of new Set([...t.keys(), ...p.keys()])) {
    const tk = t.get(k) ?? 0, pk = p.get(k) ?? 0;
    tp += tk * pk; tt += tk * tk; pp += pk * pk;
  }
  const den = Math.sqrt((n * n - pp) * (n * n - tt));
  return den === 0 ? 0 : (correct * n - tp) / den;
}

export function weightedF1(gold: string[], predicted: string[]): number {
  const labels = new Set(gold);
  let sum = 0;
  for (const k of labels) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      if (predicted[i] === k && g === k) tp++;
      else if (predicted[i] === k) fp++;
      else if (g === k) fn++;
    });
    sum += (tp + fn) * (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  }
  return sum / gold.length;
}

export interface ScoredAnswer { gold: string; topIntent: string; score: number }

export function hint3Row(answers: ScoredAnswer[], threshold: number): Hint3Row {
  const gold = answers.map((a) => a.gold);
  const predicted = answers.map((a) => answerAt(a.topIntent, a.score, threshold));
  const inScope = answers.flatMap((a, i) => (a.gold === OUT_OF_SCOPE ? [] : [i]));
  const oos = answers.flatMap((a, i) => (a.gold === OUT_OF_SCOPE ? [i] : []));
  const share = (idx: number[]) => idx.filter((i) => predicted[i] === gold[i]).length / Math.max(1, idx.length);
  return {
    threshold,
    accuracy: share(answers.map((_, i) => i)),
    weightedF1: weightedF1(gold, predicted),
    inScopeAccuracy: share(inScope),
    oosRecall: share(oos),
    mcc: matthews(gold, predicted),
  };
}

export const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
