// One CLU project of a Language resource: train a model (the job's progress
// polled), deploy it (deployments listed, created or replaced, deleted,
// swapped), and test a deployment with an utterance.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import type { CluClient, Deployment, JobState, TrainedModel } from './api.ts';
import { PROJECT_NAME } from './importFile.ts';
import type { ImportedState } from './LanguagePage.tsx';
import { cluKey, DEPLOYABLE_KINDS, useClu, useLanguageResources } from './useClu.ts';
import { useResources } from '../api/queries.ts';

type Ctx = { client: CluClient; resource: string; project: string };

const LABEL = /^[A-Za-z0-9_.-]{1,50}$/;
const score = (n: number) => n.toFixed(3);

function TrainSection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const [label, setLabel] = useState('model');
  const [progress, setProgress] = useState<JobState | null>(null);
  const models = useQuery({ queryKey: cluKey(ctx.resource, ctx.project, 'models'), queryFn: () => ctx.client.models(ctx.project) });
  const train = useMutation({
    mutationFn: () => ctx.client.train(ctx.project, label.trim(), setProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: cluKey(ctx.resource, ctx.project) }),
  });
  const labelError = label.trim() && !LABEL.test(label.trim()) ? 'Use letters, digits, _ . and - only (at most 50).' : undefined;
  return (
    <section className="card" aria-labelledby="train-heading">
      <h2 id="train-heading">Train</h2>
      <form className="inline-form" aria-label="Train a model" onSubmit={(e) => { e.preventDefault(); if (label.trim() && !labelError) { setProgress(null); train.mutate(); } }}>
        <Field label="Model label" error={labelError}>{(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} />}</Field>
        <button className="button button-primary" disabled={train.isPending || !label.trim()}>{train.isPending ? 'Training…' : 'Train'}</button>
      </form>
      {train.isPending && progress && (
        <p role="status" data-testid="training-status">Training {progress.result?.modelLabel ?? label}: {progress.status}, {progress.result?.trainingStatus?.percentComplete ?? 0}%</p>
      )}
      {train.isSuccess && <Notice tone="success">Model {train.data.result?.modelLabel ?? label} is trained. Deploy it below to test it.</Notice>}
      <ErrorMessage error={train.error} title="Training failed." />
      <ErrorMessage error={models.error} title="The trained models could not be loaded." onRetry={() => models.refetch()} />
      {models.data && models.data.length > 0 && (
        <table className="table compact" aria-label="Trained models">
          <thead><tr><th scope="col">Model</th><th scope="col">Trained</th><th scope="col" className="num">Seconds</th></tr></thead>
          <tbody>{models.data.map((m) => <tr key={m.label}><td>{m.label}</td><td>{new Date(m.lastTrainedDateTime).toLocaleString()}</td><td className="num">{m.lastTrainingDurationInSeconds}</td></tr>)}</tbody>
        </table>
      )}
      {models.data && models.data.length === 0 && <p className="muted">No trained model yet.</p>}
    </section>
  );
}

/** The label of the model a deployment serves (deployments name the model by id). */
const labelOf = (d: Deployment, models: TrainedModel[] | undefined) => models?.find((m) => m.modelId === d.modelId)?.label ?? d.modelId;

function DeploySection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const models = useQuery({ queryKey: cluKey(ctx.resource, ctx.project, 'models'), queryFn: () => ctx.client.models(ctx.project) });
  const deployments = useQuery({ queryKey: cluKey(ctx.resource, ctx.project, 'deployments'), queryFn: () => ctx.client.deployments(ctx.project) });
  const [name, setName] = useState('production');
  const [model, setModel] = useState('');
  const chosenModel = model || models.data?.[0]?.label || '';
  const [swapPair, setSwapPair] = useState<[string, string]>(['', '']);
  const others = (useResources().data ?? []).filter((r) => DEPLOYABLE_KINDS.includes(r.kind) && r.name !== ctx.resource);
  const [assigned, setAssigned] = useState<string[]>([]);
  const done = () => qc.invalidateQueries({ queryKey: cluKey(ctx.resource, ctx.project, 'deployments') });
  const deploy = useMutation({ mutationFn: () => ctx.client.deploy(ctx.project, name.trim(), chosenModel, others.filter((r) => assigned.includes(r.name)).map((r) => r.id)), onSuccess: done });
  const remove = useMutation({ mutationFn: (deployment: string) => ctx.client.deleteDeployment(ctx.project, deployment), onSuccess: done });
  const names = deployments.data?.map((d) => d.deploymentName) ?? [];
  const first = swapPair[0] || names[0] || '';
  const second = swapPair[1] || names.find((n) => n !== first) || '';
  const swap = useMutation({ mutationFn: () => ctx.client.swap(ctx.project, first, second), onSuccess: done });
  const nameError = name.trim() && !LABEL.test(name.trim()) ? 'Use letters, digits, _ . and - only (at most 50).' : undefined;
  const replaces = names.includes(name.trim());
  return (
    <section className="card" aria-labelledby="deploy-heading">
      <h2 id="deploy-heading">Deployments</h2>
      <ErrorMessage error={deployments.error} title="The deployments could not be loaded." onRetry={() => deployments.refetch()} />
      {deployments.data && deployments.data.length > 0 && (
        <table className="table compact" aria-label="Deployments">
          <thead><tr><th scope="col">Deployment</th><th scope="col">Model</th><th scope="col">Deployed</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {deployments.data.map((d) => (
              <tr key={d.deploymentName}>
                <td>{d.deploymentName}</td><td>{labelOf(d, models.data)}</td><td>{new Date(d.lastDeployedDateTime).toLocaleString()}</td>
                <td className="row-actions"><button type="button" className="button button-link" disabled={remove.isPending} onClick={() => remove.mutate(d.deploymentName)} aria-label={`Delete deployment ${d.deploymentName}`}>Delete</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deployments.data && deployments.data.length === 0 && <p className="muted">Nothing deployed yet: the runtime answers only for a deployment.</p>}
      <ErrorMessage error={remove.error} title="The deployment was not deleted." />
      {models.data && models.data.length === 0 && <Notice>Train a model first; then deploy it here.</Notice>}
      {models.data && models.data.length > 0 && (
        <form className="inline-form" aria-label="Deploy a model" onSubmit={(e) => { e.preventDefault(); if (name.trim() && !nameError) deploy.mutate(); }}>
          <Field label="Deployment name" error={nameError}>{(p) => <input {...p} value={name} onChange={(e) => { deploy.reset(); setName(e.target.value); }} />}</Field>
          <Field label="Model to deploy">{(p) => <select {...p} value={chosenModel} onChange={(e) => setModel(e.target.value)}>{models.data.map((m) => <option key={m.label}>{m.label}</option>)}</select>}</Field>
          {others.length > 0 && (
            <fieldset className="field">
              <legend>Also serve to the keys of</legend>
              {others.map((r) => (
                <label key={r.name} className="check">
                  <input type="checkbox" checked={assigned.includes(r.name)}
                    onChange={(e) => { deploy.reset(); setAssigned(e.target.checked ? [...assigned, r.name] : assigned.filter((n) => n !== r.name)); }} /> {r.name} ({r.kind})
                </label>
              ))}
            </fieldset>
          )}
          <button className="button button-primary" disabled={deploy.isPending || !name.trim()}>{deploy.isPending ? 'Deploying…' : replaces ? 'Replace deployment' : 'Deploy'}</button>
        </form>
      )}
      {deploy.isSuccess && <Notice tone="success">Deployed {chosenModel} as {name.trim()}.</Notice>}
      <ErrorMessage error={deploy.error} title="The model was not deployed." />
      {names.length >= 2 && (
        <form className="inline-form spaced" aria-label="Swap deployments" onSubmit={(e) => { e.preventDefault(); swap.mutate(); }}>
          <Field label="Swap">{(p) => <select {...p} value={first} onChange={(e) => setSwapPair([e.target.value, second === e.target.value ? '' : second])}>{names.map((n) => <option key={n}>{n}</option>)}</select>}</Field>
          <Field label="with">{(p) => <select {...p} value={second} onChange={(e) => setSwapPair([first, e.target.value])}>{names.filter((n) => n !== first).map((n) => <option key={n}>{n}</option>)}</select>}</Field>
          <button className="button" disabled={swap.isPending || !second}>{swap.isPending ? 'Swapping…' : 'Swap models'}</button>
        </form>
      )}
      {swap.isSuccess && <Notice tone="success">{first} and {second} swapped their models.</Notice>}
      <ErrorMessage error={swap.error} title="The deployments were not swapped." />
    </section>
  );
}

function TestSection({ ctx }: { ctx: Ctx }) {
  const deployments = useQuery({ queryKey: cluKey(ctx.resource, ctx.project, 'deployments'), queryFn: () => ctx.client.deployments(ctx.project) });
  const [deployment, setDeployment] = useState('');
  const chosen = deployment || deployments.data?.[0]?.deploymentName || '';
  const [text, setText] = useState('');
  const test = useMutation({ mutationFn: (q: string) => ctx.client.predict(ctx.project, chosen, q) });
  const result = test.data;
  const top = result?.intents.find((i) => i.category === result.topIntent);
  return (
    <section className="card test-result" aria-labelledby="test-heading">
      <h2 id="test-heading">Test</h2>
      {deployments.data && deployments.data.length === 0 && <p className="muted">Deploy a model to test it.</p>}
      {deployments.data && deployments.data.length > 0 && (
        <form className="stack" aria-label="Test an utterance" onSubmit={(e) => { e.preventDefault(); if (text.trim() && chosen) test.mutate(text.trim()); }}>
          <Field label="Deployment">{(p) => <select {...p} value={chosen} onChange={(e) => { test.reset(); setDeployment(e.target.value); }}>{deployments.data.map((d) => <option key={d.deploymentName}>{d.deploymentName}</option>)}</select>}</Field>
          <Field label="Utterance">{(p) => <input {...p} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
          <button className="button button-primary" disabled={test.isPending || !text.trim()}>{test.isPending ? 'Predicting…' : 'Test'}</button>
        </form>
      )}
      <ErrorMessage error={test.error} title="The deployment did not answer." />
      {result && (
        <div aria-live="polite">
          <p className="top-intent">Top intent <strong data-testid="clu-top-intent">{result.topIntent}</strong> {top && <span className="muted">{score(top.confidenceScore)}</span>}</p>
          <table className="table compact" aria-label="Intent scores">
            <thead><tr><th scope="col">Intent</th><th scope="col" className="num">Score</th></tr></thead>
            <tbody>{result.intents.map((i) => <tr key={i.category}><td>{i.category}</td><td className="num">{score(i.confidenceScore)}</td></tr>)}</tbody>
          </table>
          {result.entities.length > 0
            ? (
              <table className="table compact" aria-label="Entities">
                <thead><tr><th scope="col">Entity</th><th scope="col">Text</th><th scope="col" className="num">Offset</th><th scope="col" className="num">Length</th><th scope="col" className="num">Score</th></tr></thead>
                <tbody>{result.entities.map((e, i) => <tr key={i}><td>{e.category}</td><td>{e.text}</td><td className="num">{e.offset}</td><td className="num">{e.length}</td><td className="num">{score(e.confidenceScore)}</td></tr>)}</tbody>
              </table>
            )
            : <Notice>No entities found.</Notice>}
        </div>
      )}
    </section>
  );
}

export function CluProjectPage() {
  const { resource: resourceName = '', project = '' } = useParams();
  const location = useLocation();
  const imported = (location.state as ImportedState | null)?.imported ? (location.state as ImportedState) : undefined;
  const { resources, languages } = useLanguageResources();
  const resource = languages.find((r) => r.name === resourceName);
  const { keys, client } = useClu(resource);
  const info = useQuery({ queryKey: cluKey(resourceName, project, 'info'), queryFn: () => client!.project(project), enabled: Boolean(client) && PROJECT_NAME.test(project) });
  const ctx = client ? { client, resource: resourceName, project } : undefined;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/language?resource=${encodeURIComponent(resourceName)}`}>Language (CLU)</Link> <span aria-hidden="true">›</span> {resourceName} <span aria-hidden="true">›</span> {project}
      </nav>
      <header className="page-header">
        <h1>{project}</h1>
        {info.data && <p className="page-subtitle">Conversation project · {info.data.language}{info.data.description ? ` · ${info.data.description}` : ''}</p>}
      </header>
      {resources.isPending && <Loading label="Loading your resources…" />}
      {resources.data && !resource && <Notice tone="warning">You have no Language resource named {resourceName}.</Notice>}
      <ErrorMessage error={keys.error} title="The resource's keys could not be loaded." />
      {info.isPending && client && <Loading label="Loading the project…" />}
      <ErrorMessage error={info.error} title="The project could not be loaded." onRetry={() => info.refetch()} />
      {imported && (
        <Notice tone="success">
          The project was imported.
          {imported.warnings.length > 0 && <> Left out of it: <ul>{imported.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul></>}
        </Notice>
      )}
      {ctx && info.data && (
        <div className="grid">
          <TrainSection ctx={ctx} />
          <DeploySection ctx={ctx} />
          <TestSection ctx={ctx} />
        </div>
      )}
    </div>
  );
}
