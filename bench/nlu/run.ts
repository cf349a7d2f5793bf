// `npm run bench:nlu`: trains and tests Portico's NLU engine and NLP.js
// (node-nlp) on the same splits in one run, and prints them beside the
// published figures (../shared/data/nlu/PUBLISHED_SCORES.md).
import { NlpManager } from 'node-nlp';
import { DEFAULT_SCORE_THRESHOLD, predict, serializeModel, loadModel, train, type Model, type Prediction } from '../../src/nlu/index.ts';
import { expectedCalibrationError, reliability, type Calibrated } from './calibration.ts';
import { loadBraun, loadSnips, toLuisApp, type Example, type Split } from './data.ts';
import { HINT3_SETS, HINT3_SYSTEMS, OUT_OF_SCOPE, THRESHOLDS, hint3Row, loadHint3, publishedRows, writeSweep, type Hint3Row, type ScoredAnswer } from './hint3.ts';
import { syntheticApp } from './synthetic.ts';

const quick = process.argv.includes('--quick');
// `--only braun,snips,hint3,speed` runs those sections (the full run takes over an hour on 2 busy cores)
const SECTIONS = ['braun', 'snips', 'hint3', 'speed'] as const;
/** Our HINT3 threshold sweeps, one CSV per training set, in the published/ files' format. */
const SWEEP_DIR = new URL('./hint3-sweep/', import.meta.url).pathname;
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? process.argv[process.argv.indexOf('--only') + 1];
const only = process.argv.some((a) => a.startsWith('--only')) ? new Set(onlyArg?.split(',')) : new Set<string>(SECTIONS);
for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}" (sections: ${SECTIONS.join(', ')})`);

interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts) => (c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const pct = (x: number) => x.toFixed(3);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

interface RunResult {
  intentCorrect: number;
  total: number;
  /** Braun method: intents (None ignored) and entities (type + text) pooled */
  braun: Counts;
  /** exact-span slot counts, overall and per intent */
  slots: Counts;
  slotsByIntent: Map<string, Counts>;
  trainMs: number;
  latencies: number[];
  modelBytes: number;
  loadMs: number;
  /** top score of each test utterance and whether its top intent was right */
  calibration: Calibrated[];
}

function learnedEntities(p: Prediction): Array<{ entity: string; start: number; end: number; text: string }> {
  return p.entities.filter((e) => e.kind === 'simple' || e.kind === 'machineLearned').map((e) => ({ entity: e.entity, start: e.startIndex, end: e.endIndex, text: e.text }));
}

function matchCounts<T>(gold: T[], pred: T[], key: (x: T) => string): Counts {
  const left = new Map<string, number>();
  for (const g of gold) left.set(key(g), (left.get(key(g)) ?? 0) + 1);
  let tp = 0;
  for (const p of pred) {
    const n = left.get(key(p)) ?? 0;
    if (n > 0) { tp++; left.set(key(p), n - 1); }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

function runOurs(split: Split): RunResult {
  const app = toLuisApp(split.name, split.train);
  const t0 = performance.now();
  const trained = train(app, { seed: 1 });
  const trainMs = performance.now() - t0;
  const bytes = serializeModel(trained);
  const t1 = performance.now();
  const model: Model = loadModel(bytes);
  const loadMs = performance.now() - t1;
  const r: RunResult = { intentCorrect: 0, total: 0, braun: zero(), slots: zero(), slotsByIntent: new Map(), trainMs, latencies: [], modelBytes: bytes.length, loadMs, calibration: [] };
  for (const ex of split.test) {
    const s = performance.now();
    const p = predict(model, ex.text);
    r.latencies.push(performance.now() - s);
    r.calibration.push({ score: p.intents[0].score, correct: p.topIntent === ex.intent });
    score(r, ex, p.topIntent, learnedEntities(p));
  }
  return r;
}

function score(r: RunResult, ex: Example, predicted: string, entities: Array<{ entity: string; start: number; end: number; text: string }> | null) {
  r.total++;
  if (predicted === ex.intent) r.intentCorrect++;
  const intentCounts: Counts = predicted === ex.intent
    ? { tp: ex.intent === 'None' ? 0 : 1, fp: 0, fn: 0 }
    : { tp: 0, fp: predicted === 'None' ? 0 : 1, fn: ex.intent === 'None' ? 0 : 1 };
  if (!entities) return;
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  r.braun = add(r.braun, add(intentCounts, matchCounts(ex.entities, entities, (e) => `${e.entity}|${norm(e.text)}`)));
  const slotCounts = matchCounts(ex.entities, entities, (e) => `${e.entity}|${e.start}|${e.end}`);
  r.slots = add(r.slots, slotCounts);
  r.slotsByIntent.set(ex.intent, add(r.slotsByIntent.get(ex.intent) ?? zero(), slotCounts));
}

async function runNlpJs(split: Split): Promise<RunResult> {
  const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false, autoLoad: false, modelFileName: '/dev/null' });
  for (const ex of split.train) manager.addDocument('en', ex.text, ex.intent);
  const t0 = performance.now();
  await manager.train();
  const trainMs = performance.now() - t0;
  const r: RunResult = { intentCorrect: 0, total: 0, braun: zero(), slots: zero(), slotsByIntent: new Map(), trainMs, latencies: [], modelBytes: JSON.stringify(manager.export(true)).length, loadMs: NaN, calibration: [] };
  for (const ex of split.test) {
    const s = performance.now();
    const res = await manager.process('en', ex.text);
    r.latencies.push(performance.now() - s);
    // NLP.js answers "None" when nothing scores above its threshold
    const intent = res.intent === 'None' || !res.intent ? 'None' : res.intent;
    r.calibration.push({ score: res.score ?? 0, correct: intent === ex.intent });
    score(r, ex, intent, null);
  }
  return r;
}

const PUBLISHED_INTENT_F1: Record<string, Record<string, number>> = {
  Chatbot: { LUIS: 0.98, Watson: 0.97, 'NLP.js': 0.99, RASA: 0.98, Snips: 0.96 },
  AskUbuntu: { LUIS: 0.90, Watson: 0.92, 'NLP.js': 0.93, RASA: 0.86, Snips: 0.83 },
  WebApplications: { LUIS: 0.81, Watson: 0.83, 'NLP.js': 0.83, RASA: 0.74, Snips: 0.78 },
  Overall: { LUIS: 0.91, Watson: 0.92, 'NLP.js': 0.93, RASA: 0.88, Snips: 0.89 },
};
const PUBLISHED_BRAUN_F1: Record<string, string> = {
  Chatbot: 'Snips 0.92, Rasa 0.93 (Rasa in paper 0.944)',
  AskUbuntu: 'Snips 0.82, Rasa 0.78-0.84',
  WebApplications: 'Snips 0.65, Rasa 0.59-0.61',
  Overall: 'Snips 0.87, Rasa 0.86',
};

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The top intent and score of each HINT3 test sentence (gold NO_NODES_DETECTED for out of scope). */
function hint3Ours(split: Split): { answers: ScoredAnswer[]; trainMs: number; latencies: number[] } {
  const t0 = performance.now();
  const model = train(toLuisApp(split.name, split.train), { seed: 1 });
  const trainMs = performance.now() - t0;
  const latencies: number[] = [];
  const answers = split.test.map((ex) => {
    const s = performance.now();
    const p = predict(model, ex.text);
    latencies.push(performance.now() - s);
    return { gold: ex.intent, topIntent: p.topIntent, score: p.intents[0].score };
  });
  return { answers, trainMs, latencies };
}

async function hint3NlpJs(split: Split): Promise<ScoredAnswer[]> {
  const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false, autoLoad: false, modelFileName: '/dev/null' });
  for (const ex of split.train) manager.addDocument('en', ex.text, ex.intent);
  await manager.train();
  const out: ScoredAnswer[] = [];
  for (const ex of split.test) {
    const res = await manager.process('en', ex.text);
    out.push({ gold: ex.intent, topIntent: !res.intent ? 'None' : res.intent, score: res.score ?? 0 });
  }
  return out;
}

/** The row with the highest MCC (the published files' best row is chosen the same way). */
const bestRow = (rows: Hint3Row[]) => rows.reduce((a, b) => (b.mcc > a.mcc ? b : a));
const sweep = (answers: ScoredAnswer[]) => THRESHOLDS.map((t) => hint3Row(answers, t));
const hint3Cells = (r: Hint3Row) => [r.threshold.toFixed(1), pct(r.accuracy), pct(r.mcc), pct(r.inScopeAccuracy), pct(r.oosRecall), pct(r.weightedF1)];

function calibrationRow(name: string, system: string, xs: Calibrated[]): string[] {
  const acc = xs.filter((x) => x.correct).length / xs.length, conf = xs.reduce((s, x) => s + x.score, 0) / xs.length;
  return [name, system, `${xs.length}`, pct(acc), pct(conf), pct(expectedCalibrationError(xs))];
}

/** Non-empty bins of the reliability diagram: score range, utterances, mean top score, accuracy. */
function reliabilityCells(xs: Calibrated[]): string {
  return reliability(xs).filter((b) => b.count).map((b) => `${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b.count} × ${pct(b.confidence)} → ${pct(b.accuracy)}`).join('; ');
}

async function main() {
  const braunRows: string[][] = [];
  const braunEntityRows: string[][] = [];
  const perfRows: string[][] = [];
  let oursAll: RunResult | null = null, nlpAll: RunResult | null = null;
  const merge = (a: RunResult | null, b: RunResult): RunResult => (a ? { ...a, intentCorrect: a.intentCorrect + b.intentCorrect, total: a.total + b.total, braun: add(a.braun, b.braun), calibration: [...a.calibration, ...b.calibration] } : { ...b });
  const perf = (name: string, system: string, r: RunResult) => perfRows.push([name, system, `${r.trainMs.toFixed(0)} ms`, `${quantile(r.latencies, 0.5).toFixed(2)} ms`, `${quantile(r.latencies, 0.99).toFixed(2)} ms`, `${(r.modelBytes / 1024).toFixed(0)} KiB`]);

  const calibrationRows: string[][] = [];
  const reliabilityRows: string[][] = [];
  const calibrated = (name: string, ours: RunResult, nlp: RunResult) => {
    calibrationRows.push(calibrationRow(name, 'ours', ours.calibration), calibrationRow(name, 'NLP.js', nlp.calibration));
    reliabilityRows.push([name, reliabilityCells(ours.calibration)]);
  };
  if (only.has('braun')) {
    for (const corpus of ['Chatbot', 'AskUbuntu', 'WebApplications'] as const) {
      const split = loadBraun(corpus);
      const ours = runOurs(split);
      const nlp = await runNlpJs(split);
      oursAll = merge(oursAll, ours);
      nlpAll = merge(nlpAll, nlp);
      const pub = PUBLISHED_INTENT_F1[corpus];
      braunRows.push([corpus, `${split.train.length}/${split.test.length}`, pct(ours.intentCorrect / ours.total), pct(nlp.intentCorrect / nlp.total), pct(pub.LUIS), pct(pub['NLP.js']), pct(pub.Watson), `${(ours.intentCorrect / ours.total / pub.LUIS).toFixed(2)}x`]);
      braunEntityRows.push([corpus, pct(f1(ours.braun)), PUBLISHED_BRAUN_F1[corpus]]);
      perf(corpus, 'ours', ours);
      perf(corpus, 'NLP.js', nlp);
    }
    const pubAll = PUBLISHED_INTENT_F1.Overall;
    braunRows.push(['Overall', `${oursAll!.total}`, pct(oursAll!.intentCorrect / oursAll!.total), pct(nlpAll!.intentCorrect / nlpAll!.total), pct(pubAll.LUIS), pct(pubAll['NLP.js']), pct(pubAll.Watson), `${(oursAll!.intentCorrect / oursAll!.total / pubAll.LUIS).toFixed(2)}x`]);
    braunEntityRows.push(['Overall', pct(f1(oursAll!.braun)), PUBLISHED_BRAUN_F1.Overall]);

    console.log('\n## Braun corpora: intent micro-F1 (train training:true, test training:false)\n');
    console.log(table(['corpus', 'train/test', 'ours', 'NLP.js (same run)', 'LUIS (pub.)', 'NLP.js (pub.)', 'Watson (pub.)', 'ours/LUIS'], braunRows));
    console.log('\n## Braun corpora: intent+entity micro-F1, Braun method (None ignored)\n');
    console.log(table(['corpus', 'ours', 'published'], braunEntityRows));
    calibrated('Braun (3 corpora pooled)', oursAll!, nlpAll!);
  }

  const snipsRows: string[][] = [];
  if (only.has('snips')) {
    for (const per of quick ? [70] : [undefined, 70]) {
      const split = loadSnips(per);
      const ours = runOurs(split);
      const nlp = await runNlpJs(split);
      const meanSlotF1 = [...ours.slotsByIntent.values()].reduce((s, c) => s + f1(c), 0) / ours.slotsByIntent.size;
      snipsRows.push([split.name, `${split.train.length}/${split.test.length}`, pct(ours.intentCorrect / ours.total), pct(nlp.intentCorrect / nlp.total), pct(f1(ours.slots)), pct(meanSlotF1), per ? 'LUIS 0.703, Snips 0.826, API.ai 0.744' : 'Snips 0.940 (per-intent engines)']);
      perf(split.name, 'ours', ours);
      perf(split.name, 'NLP.js', nlp);
      calibrated(split.name, ours, nlp);
    }
    console.log('\n## SNIPS 2017 (7 intents in one app; test = validate files)\n');
    console.log(table(['split', 'train/test', 'intent acc ours', 'intent acc NLP.js', 'slot F1 ours (micro)', 'slot F1 ours (mean of intents)', 'published slot F1'], snipsRows));
  }

  // HINT3: mostly out-of-scope test sets, figures as the paper's published/ files compute them
  if (only.has('hint3')) {
    const hint3Rows: string[][] = [];
    const sweepRows: string[][] = [];
    for (const set of HINT3_SETS) {
      for (const subset of [false, true]) {
        const split = loadHint3(set, subset);
        const ours = hint3Ours(split);
        const nlp = sweep(await hint3NlpJs(split));
        const rows = sweep(ours.answers);
        const atDefault = rows.find((r) => r.threshold === DEFAULT_SCORE_THRESHOLD)!;
        hint3Rows.push([split.name, `ours, default threshold`, ...hint3Cells(atDefault)]);
        hint3Rows.push([split.name, `ours, best threshold`, ...hint3Cells(bestRow(rows))]);
        hint3Rows.push([split.name, `NLP.js (same run), best`, ...hint3Cells(bestRow(nlp))]);
        for (const system of HINT3_SYSTEMS) hint3Rows.push([split.name, `${system} (pub.), best`, ...hint3Cells(bestRow(publishedRows(system, split.name)))]);
        for (const r of rows) sweepRows.push([split.name, ...hint3Cells(r)]);
        writeSweep(SWEEP_DIR, split.name, rows);
        const inScope = ours.answers.filter((a) => a.gold !== OUT_OF_SCOPE).map((a) => ({ score: a.score, correct: a.topIntent === a.gold }));
        calibrationRows.push(calibrationRow(`HINT3 ${split.name} (in scope)`, 'ours', inScope));
        reliabilityRows.push([`HINT3 ${split.name} (in scope)`, reliabilityCells(inScope)]);
        if (!subset) perfRows.push([`HINT3 ${split.name}`, 'ours', `${ours.trainMs.toFixed(0)} ms`, `${quantile(ours.latencies, 0.5).toFixed(2)} ms`, `${quantile(ours.latencies, 0.99).toFixed(2)} ms`, '']);
      }
    }
    const hint3Headers = ['threshold', 'accuracy', 'MCC', 'in-scope acc.', 'OOS recall', 'weighted F1'];
    console.log(`\n## HINT3: ours at the default threshold (${DEFAULT_SCORE_THRESHOLD}) and at our best, beside each system's best row by MCC\n`);
    console.log(table(['set', 'system', ...hint3Headers], hint3Rows));
    console.log(`\n## HINT3: our threshold sweep (columns as published/; also written to ${SWEEP_DIR}portico_<set>.csv)\n`);
    console.log(table(['set', ...hint3Headers], sweepRows));
  }
  if (calibrationRows.length) {
    console.log('\n## Calibration of the top score (ECE, 15 bins; SNIPS and Braun: every test utterance; HINT3: in-scope test sentences)\n');
    console.log(table(['dataset', 'system', 'utterances', 'accuracy', 'mean top score', 'ECE'], calibrationRows));
    console.log('\n## Reliability (ours; non-empty bins: utterances × mean top score → accuracy)\n');
    console.log(table(['dataset', 'bins'], reliabilityRows));
  }

  if (only.has('speed')) {
    // speed goals on synthetic apps of the stated sizes
    const big = syntheticApp(64, 10_000, 7);
    let t0 = performance.now();
    const bigModel = train(big, { seed: 1 });
    const bigTrainMs = performance.now() - t0;
    const bigBytes = serializeModel(bigModel);
    const hundred = train(syntheticApp(100, 3000, 11), { seed: 1 });
    const hundredBytes = serializeModel(hundred);
    const loads: number[] = [];
    for (let i = 0; i < 20; i++) { t0 = performance.now(); loadModel(hundredBytes); loads.push(performance.now() - t0); }
    const twenty = train(syntheticApp(20, 1000, 5), { seed: 1 });
    const queries = syntheticApp(20, 300, 99).utterances.map((u) => u.text);
    for (const q of queries.slice(0, 50)) predict(twenty, q); // warm-up
    const lat: number[] = [];
    for (const q of queries) { t0 = performance.now(); predict(twenty, q); lat.push(performance.now() - t0); }
    perfRows.push(['synthetic 64 intents / 10,000 utt.', 'ours', `${bigTrainMs.toFixed(0)} ms`, '', '', `${(bigBytes.length / 1024).toFixed(0)} KiB`]);
    perfRows.push(['synthetic 20 intents / 1,000 utt.', 'ours', '', `${quantile(lat, 0.5).toFixed(3)} ms`, `${quantile(lat, 0.99).toFixed(3)} ms`, '']);
    perfRows.push(['synthetic 100 intents / 3,000 utt.: loadModel', 'ours', '', `load p50 ${quantile(loads, 0.5).toFixed(1)} ms`, `max ${Math.max(...loads).toFixed(1)} ms`, `${(hundredBytes.length / 1024).toFixed(0)} KiB`]);
  }
  if (perfRows.length) {
    console.log('\n## Speed and size (this machine; predict latency measured per test query after load)\n');
    console.log(table(['dataset', 'system', 'train', 'predict p50', 'predict p99', 'model size'], perfRows));
  }
}

await main();
