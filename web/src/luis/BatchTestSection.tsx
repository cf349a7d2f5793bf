// Batch testing: upload a file of labelled utterances, score it against this
// version's latest training or a published slot, and read the result: per
// intent and per entity precision, recall and F1, the confusion pairs and the
// utterances it got wrong (downloadable as CSV). Tests are kept per version.
import { useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import type { BatchTarget, BatchTest, Scores, SpanLabel } from './api.ts';
import { versionKey, type Ctx } from './ctx.ts';
import { downloadText, readJsonFile } from './useLuis.ts';

const percent = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const TARGETS: [BatchTarget, string][] = [['version', 'This version (latest training)'], ['production', 'Production slot'], ['staging', 'Staging slot']];
const spans = (text: string, list: SpanLabel[]) => list.map((s) => `${s.entity} “${text.slice(s.startPos, s.endPos + 1)}”`).join(', ');

/** Wide tables scroll sideways on a phone instead of spilling out of their card. */
function Scrolls({ children }: { children: ReactNode }) {
  return <div className="card-flush">{children}</div>;
}

function ScoresTable({ label, rows }: { label: string; rows: [string, Scores][] }) {
  return (
    <Scrolls><table className="table compact" aria-label={label}>
      <thead><tr><th scope="col">{label.replace(/ scores$/, '')}</th><th scope="col" className="num">Labelled</th><th scope="col" className="num">Precision</th><th scope="col" className="num">Recall</th><th scope="col" className="num">F1</th></tr></thead>
      <tbody>
        {rows.map(([name, s]) => (
          <tr key={name}><td>{name}</td><td className="num">{s.labelled}</td><td className="num">{percent(s.precision)}</td><td className="num">{percent(s.recall)}</td><td className="num">{percent(s.f1)}</td></tr>
        ))}
      </tbody>
    </table></Scrolls>
  );
}

function BatchTestResult({ ctx, test }: { ctx: Ctx; test: BatchTest }) {
  const { report } = test;
  const download = useMutation({
    mutationFn: async () => downloadText(`batch-test-${test.id}-errors.csv`, await ctx.client.batchTestErrorsCsv(ctx.appId, test.versionId, test.id), 'text/csv'),
  });
  return (
    <section className="card" aria-label={`Batch test ${test.name}`}>
      <h2>{test.name}</h2>
      <p className="muted">
        {test.target === 'version' ? `Version ${test.versionId}` : `The ${test.target} slot (version ${test.versionId})`} · {new Date(test.createdDateTime).toLocaleString()}
      </p>
      <p data-testid="batch-summary"><strong>{percent(test.intentAccuracy)}</strong> of {test.utterances} utterances got their intent; {report.correctUtterances} had no error at all.</p>
      <h3>Intents</h3>
      <ScoresTable label="Intent scores" rows={report.intents.map((i) => [i.intent, i])} />
      {report.entities.length > 0 && <><h3>Entities (exact spans)</h3><ScoresTable label="Entity scores" rows={report.entities.map((e) => [e.entity, e])} /></>}
      {report.confusion.length > 0 && <h3>Confusion pairs</h3>}
      {report.confusion.length > 0 && (
        <Scrolls><table className="table compact" aria-label="Confusion pairs">
          <thead><tr><th scope="col">Labelled</th><th scope="col">Predicted</th><th scope="col" className="num">Utterances</th></tr></thead>
          <tbody>{report.confusion.map((c) => <tr key={`${c.labelled}→${c.predicted}`}><td>{c.labelled}</td><td>{c.predicted}</td><td className="num">{c.count}</td></tr>)}</tbody>
        </table></Scrolls>
      )}
      <div className="page-header-row">
        <h3>Errors ({report.errors.length})</h3>
        {report.errors.length > 0 && <button type="button" className="button" onClick={() => download.mutate()}>Download errors (CSV)</button>}
      </div>
      <ErrorMessage error={download.error} />
      {report.errors.length > 0 && (
        <Scrolls><table className="table compact" aria-label="Errors">
          <thead><tr><th scope="col">Utterance</th><th scope="col">Labelled</th><th scope="col">Predicted</th><th scope="col" className="hide-narrow">Entities missed</th><th scope="col" className="hide-narrow">Entities not labelled</th></tr></thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={e.text}>
                <td>{e.text}</td><td>{e.labelledIntent}</td><td>{e.predictedIntent} <span className="muted small">{e.score.toFixed(2)}</span></td>
                <td className="hide-narrow">{spans(e.text, e.missedEntities)}</td><td className="hide-narrow">{spans(e.text, e.unexpectedEntities)}</td>
              </tr>
            ))}
          </tbody>
        </table></Scrolls>
      )}
    </section>
  );
}

export function BatchTestSection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<BatchTarget>('version');
  const [name, setName] = useState('');
  const [shown, setShown] = useState('');
  const tests = useQuery({ queryKey: versionKey(ctx, 'batchtests'), queryFn: () => ctx.client.batchTests(ctx.appId, ctx.version) });
  const selected = shown || tests.data?.[0]?.id || '';
  const test = useQuery({
    queryKey: [...versionKey(ctx, 'batchtest'), selected],
    queryFn: () => ctx.client.batchTest(ctx.appId, ctx.version, selected),
    enabled: Boolean(selected) && Boolean(tests.data?.some((t) => t.id === selected)),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: versionKey(ctx, 'batchtests') });
  const run = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error('Choose a batch file (.json or .lu).');
      // A .lu file goes as it is (text/plain); the server reads its utterances.
      const dataset = file.name.endsWith('.lu') ? new Blob([await file.text()], { type: 'text/plain' }) : await readJsonFile(file);
      return ctx.client.runBatchTest(ctx.appId, ctx.version, target, name.trim() || file.name, dataset);
    },
    onSuccess: async (result) => {
      setName('');
      // A slot's test is kept with the version published there, which may be another one.
      if (result.versionId === ctx.version) {
        qc.setQueryData([...versionKey(ctx, 'batchtest'), result.id], result);
        setShown(result.id);
      }
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => ctx.client.deleteBatchTest(ctx.appId, ctx.version, id), onSuccess: async () => { setShown(''); await refresh(); } });
  const lastRunElsewhere = run.data && run.data.versionId !== ctx.version ? run.data : undefined;
  return (
    <>
      <section className="card" aria-label="Batch testing">
        <h2>Batch testing</h2>
        <p className="muted">A JSON array of labelled utterances, as the LUIS portal's batch files: <code>{'[{ "text", "intent", "entities": [{ "entity", "startPos", "endPos" }] }]'}</code> (endPos inclusive), or a <code>.lu</code> file; up to 1,000 utterances.</p>
        <form className="stack" aria-label="Run a batch test" onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
          <Field label="Batch file (.json or .lu)">{(p) => <input {...p} ref={fileRef} type="file" accept=".json,.lu,application/json" className="file-input" />}</Field>
          <Field label="Test against">{(p) => (
            <select {...p} value={target} onChange={(e) => setTarget(e.target.value as BatchTarget)}>{TARGETS.map(([id, label]) => <option key={id} value={id}>{label}</option>)}</select>
          )}</Field>
          <Field label="Name (optional)">{(p) => <input {...p} value={name} placeholder="the file's name" onChange={(e) => setName(e.target.value)} />}</Field>
          <div><button className="button button-primary" disabled={run.isPending}>{run.isPending ? 'Testing…' : 'Run batch test'}</button></div>
        </form>
        <ErrorMessage error={run.error} title="The batch test did not run." />
        {lastRunElsewhere && <p role="status">The {lastRunElsewhere.target} slot holds version {lastRunElsewhere.versionId}: the test is kept with that version.</p>}
      </section>
      <section className="card" aria-label="Batch tests of this version">
        <h2>Batch tests of version {ctx.version}</h2>
        {tests.isPending && <Loading label="Loading batch tests…" />}
        <ErrorMessage error={tests.error ?? remove.error} onRetry={() => tests.refetch()} />
        {tests.data?.length === 0 && <p className="muted">No batch tests yet for version {ctx.version}.</p>}
        {tests.data && tests.data.length > 0 && (
          <table className="table" aria-label="Kept batch tests">
            <thead><tr><th scope="col">Name</th><th scope="col" className="hide-narrow">Tested</th><th scope="col" className="hide-narrow">Date</th><th scope="col" className="num">Intent accuracy</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {tests.data.map((t) => (
                <tr key={t.id}>
                  <td>{t.name} {t.id === selected && <span className="badge badge-ok">shown</span>}</td>
                  <td className="hide-narrow">{t.target === 'version' ? 'version' : `${t.target} slot`}</td>
                  <td className="hide-narrow">{new Date(t.createdDateTime).toLocaleString()}</td>
                  <td className="num">{percent(t.intentAccuracy)} of {t.utterances}</td>
                  <td className="row-actions">
                    {t.id !== selected && <button type="button" className="button button-link" onClick={() => setShown(t.id)}>Show</button>}
                    <button type="button" className="button button-link" aria-label={`Delete batch test ${t.name}`} onClick={() => remove.mutate(t.id)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {test.isPending && selected && <Loading label="Loading the batch test…" />}
      <ErrorMessage error={test.error} onRetry={() => test.refetch()} />
      {test.data && <BatchTestResult ctx={ctx} test={test.data} />}
    </>
  );
}
