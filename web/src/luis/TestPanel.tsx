// The Test panel: type an utterance, see the top intent, every intent's score
// and the entities found. By default it asks the version being edited (its
// latest training, as the LUIS portal's Test panel does); it can also ask the
// staging or production slot, and offers to publish there when a slot is empty.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { appKey, type Ctx } from './ctx.ts';

export function TestPanel({ ctx, onClose }: { ctx: Ctx; onClose: () => void }) {
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Opening the panel is asking to type: focusing the field also brings it into view on a phone.
  useEffect(() => input.current?.focus(), []);
  const [target, setTarget] = useState<'version' | 'staging' | 'production'>('version');
  const staging = target === 'staging';
  const test = useMutation({
    mutationFn: (text: string) => target === 'version'
      ? ctx.client.predictVersion(ctx.appId, ctx.version, text)
      : ctx.client.predict(ctx.appId, text, staging),
  });
  const choose = (next: typeof target) => { setTarget(next); test.reset(); };
  const publish = useMutation({
    mutationFn: () => ctx.client.publish(ctx.appId, { versionId: ctx.version, isStaging: staging, region: ctx.region }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: appKey(ctx, 'info') });
      if (q.trim()) test.mutate(q.trim());
    },
  });
  const notPublished = test.error instanceof ApiError && test.error.code === 'NotPublished';
  const result = test.data;
  return (
    <aside className="test-panel card" aria-label="Test">
      <div className="card-header-row"><h2>Test</h2><button type="button" className="button button-link" onClick={onClose}>Close</button></div>
      <fieldset className="field compact-field">
        <legend>Test against</legend>
        <label className="check"><input type="radio" name="test-target" checked={target === 'version'} onChange={() => choose('version')} /> Version {ctx.version} (trained)</label>
        <label className="check"><input type="radio" name="test-target" checked={target === 'staging'} onChange={() => choose('staging')} /> Staging slot</label>
        <label className="check"><input type="radio" name="test-target" checked={target === 'production'} onChange={() => choose('production')} /> Production slot</label>
      </fieldset>
      <form onSubmit={(e) => { e.preventDefault(); if (q.trim()) test.mutate(q.trim()); }}>
        <label htmlFor="test-utterance">Type a test utterance and press Enter</label>
        <input id="test-utterance" ref={input} value={q} onChange={(e) => setQ(e.target.value)} />
      </form>
      {test.isPending && <Loading label="Predicting…" />}
      <ErrorMessage error={test.error} />
      {notPublished && (
        <div className="stack">
          <button type="button" className="button button-primary" onClick={() => publish.mutate()} disabled={publish.isPending}>
            {publish.isPending ? 'Publishing…' : `Publish ${ctx.version} to ${target} and test`}
          </button>
          <ErrorMessage error={publish.error} title="Publishing failed." />
        </div>
      )}
      {!result && !test.error && !test.isPending && (
        <p className="muted small">
          {target === 'version'
            ? `Asks version ${ctx.version} as last trained, with your authoring key: train after editing to test the changes.`
            : `Queries the ${target} slot in ${ctx.region} with your authoring key.`}
        </p>
      )}
      {result && (
        <div className="test-result" aria-live="polite">
          <p className="top-intent">Top intent <strong data-testid="top-intent">{result.topScoringIntent?.intent ?? '—'}</strong> <span className="muted">{result.topScoringIntent?.score.toFixed(3)}</span></p>
          <table className="table compact" aria-label="Intent scores">
            <thead><tr><th scope="col">Intent</th><th scope="col" className="num">Score</th></tr></thead>
            <tbody>{result.intents?.map((i) => <tr key={i.intent}><td>{i.intent}</td><td className="num">{i.score.toFixed(3)}</td></tr>)}</tbody>
          </table>
          {result.entities && result.entities.length > 0
            ? (
              <table className="table compact" aria-label="Entities">
                <thead><tr><th scope="col">Entity</th><th scope="col">Text</th><th scope="col" className="num">Score</th></tr></thead>
                <tbody>{result.entities.map((e, i) => <tr key={i}><td>{e.type}</td><td>{e.entity}</td><td className="num">{e.score?.toFixed(3) ?? '—'}</td></tr>)}</tbody>
              </table>
            )
            : <Notice>No entities found.</Notice>}
        </div>
      )}
    </aside>
  );
}
