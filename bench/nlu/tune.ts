// Chooses the intent classifier's defaults by 5-fold cross-validation on the
// Braun *training* splits only (the test splits are never looked at here).
import { predict, train } from '../../src/nlu/index.ts';
import { loadBraun, toLuisApp, type Example } from './data.ts';

const corpora = (['Chatbot', 'AskUbuntu', 'WebApplications'] as const).map((c) => loadBraun(c).train);

function cvAccuracy(examples: Example[], opts: Parameters<typeof train>[1]): number {
  const folds = 5;
  let correct = 0;
  for (let f = 0; f < folds; f++) {
    const tr = examples.filter((_, i) => i % folds !== f), te = examples.filter((_, i) => i % folds === f);
    const model = train(toLuisApp('cv', tr.map((e) => ({ ...e, entities: [] }))), opts);
    for (const e of te) if (predict(model, e.text).topIntent === e.intent) correct++;
  }
  return correct;
}

const total = corpora.reduce((s, c) => s + c.length, 0);
const grid: Array<[string, Parameters<typeof train>[1]]> = [];
for (const l2 of [1e-5, 1e-4, 1e-3])
  for (const [cn, chars] of [['none', { charMin: 0, charMax: 0 }], ['3-5', { charMin: 3, charMax: 5 }], ['2-4', { charMin: 2, charMax: 4 }]] as const)
    for (const bigrams of [true, false])
      for (const lr of [0.5])
        grid.push([`l2=${l2} chars=${cn} bigrams=${bigrams}`, { l2, intentFeatures: { ...chars, bigrams } }]);
for (const [name, opts] of grid) {
  const correct = corpora.reduce((s, c) => s + cvAccuracy(c, opts), 0);
  console.log(`${(correct / total).toFixed(3)}  ${name}`);
}
