// Review endpoint utterances (LUIS's active learning): the logged queries the
// trained version is unsure of, per intent. Each one can be added as an example
// of the intent it belongs to, or dismissed from the review.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import type { Suggestion } from './api.ts';
import { versionKey, type Ctx } from './ctx.ts';

function SuggestionRow({ ctx, suggestion, intents, onDone }: { ctx: Ctx; suggestion: Suggestion; intents: string[]; onDone: () => Promise<unknown> }) {
  const [top] = suggestion.intentPredictions;
  const [intent, setIntent] = useState(top?.name ?? intents[0] ?? 'None');
  const add = useMutation({
    mutationFn: () => ctx.client.addExample(ctx.appId, ctx.version, { text: suggestion.text, intentName: intent, entityLabels: [] }),
    onSuccess: onDone,
  });
  const dismiss = useMutation({ mutationFn: () => ctx.client.dismissSuggestion(ctx.appId, ctx.version, suggestion.text), onSuccess: onDone });
  const busy = add.isPending || dismiss.isPending;
  return (
    <li className="review-item">
      <div className="review-text">
        <span className="utterance-text">{suggestion.text}</span>
        <span className="muted small">{suggestion.intentPredictions.slice(0, 2).map((p) => `${p.name} ${p.score.toFixed(2)}`).join(' · ')}</span>
      </div>
      <div className="review-actions">
        <label className="visually-hidden" htmlFor={`review-intent-${suggestion.text}`}>Intent for “{suggestion.text}”</label>
        <select id={`review-intent-${suggestion.text}`} value={intent} onChange={(e) => setIntent(e.target.value)}>
          {intents.map((name) => <option key={name}>{name}</option>)}
        </select>
        <button type="button" className="button" disabled={busy} onClick={() => add.mutate()} aria-label={`Add “${suggestion.text}” as an example`}>Add as example</button>
        <button type="button" className="button button-link" disabled={busy} onClick={() => dismiss.mutate()} aria-label={`Dismiss “${suggestion.text}”`}>Dismiss</button>
      </div>
      <ErrorMessage error={add.error ?? dismiss.error} />
    </li>
  );
}

export function ReviewSection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const intents = useQuery({ queryKey: versionKey(ctx, 'intents'), queryFn: () => ctx.client.intents(ctx.appId, ctx.version) });
  const [selected, setSelected] = useState('');
  const current = intents.data?.find((i) => i.id === selected) ?? intents.data?.find((i) => i.name !== 'None') ?? intents.data?.[0];
  const suggestions = useQuery({
    queryKey: [...versionKey(ctx, 'suggestions'), current?.id],
    queryFn: () => ctx.client.intentSuggestions(ctx.appId, ctx.version, current!.id),
    enabled: Boolean(current),
  });
  const refresh = () => Promise.all([
    qc.invalidateQueries({ queryKey: versionKey(ctx, 'suggestions') }),
    qc.invalidateQueries({ queryKey: versionKey(ctx, 'examples') }),
  ]);
  if (intents.isPending) return <Loading label="Loading intents…" />;
  if (intents.error) return <ErrorMessage error={intents.error} onRetry={() => intents.refetch()} />;
  const names = intents.data.map((i) => i.name);
  return (
    <section className="card" aria-label="Review endpoint utterances">
      <h2>Review endpoint utterances</h2>
      <p className="muted">Queries the endpoint logged (<code>log=true</code>) that version {ctx.version}, as last trained, is unsure of. Add each to the intent it belongs to, or dismiss it; then train again.</p>
      <Field label="Intent">{(p) => (
        <select {...p} value={current?.id ?? ''} onChange={(e) => setSelected(e.target.value)}>
          {intents.data.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      )}</Field>
      {suggestions.isPending && current && <Loading label="Finding utterances to review…" />}
      <ErrorMessage error={suggestions.error} onRetry={() => suggestions.refetch()} />
      {suggestions.data && suggestions.data.length === 0 && <p className="muted">Nothing to review for {current?.name}.</p>}
      {suggestions.data && suggestions.data.length > 0 && (
        <ul className="review-list" aria-label={`Utterances to review for ${current?.name}`}>
          {suggestions.data.map((s) => <SuggestionRow key={s.text} ctx={ctx} suggestion={s} intents={names} onDone={refresh} />)}
        </ul>
      )}
    </section>
  );
}
