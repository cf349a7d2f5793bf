// Account Settings: the account's LUIS authoring key in each authoring region,
// hidden until shown, with copy and a confirmed regenerate.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { accountKey, useAccount } from '../api/session.ts';
import type { AuthoringKey } from '../api/types.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { SecretField } from '../components/SecretField.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';

function AuthoringKeyRow({ item }: { item: AuthoringKey }) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const client = useQueryClient();
  const regenerate = useMutation({
    mutationFn: () => consoleApi.regenerateAuthoringKey(item.region),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accountKey });
      setConfirming(false);
      setDone(true);
    },
  });
  return (
    <li className="key-row" data-region={item.region}>
      <SecretField
        label={`Authoring key (${item.region})`}
        value={item.key}
        actions={
          <button type="button" className="button" onClick={() => { regenerate.reset(); setConfirming(true); }}>
            Regenerate
          </button>
        }
      />
      {done && <Notice tone="success">A new authoring key for {item.region} is in use. The old one no longer works.</Notice>}
      {confirming && (
        <ConfirmDialog
          title={`Regenerate the ${item.region} authoring key?`}
          confirmLabel="Regenerate"
          danger
          busy={regenerate.isPending}
          error={<ErrorMessage error={regenerate.error} />}
          onConfirm={() => regenerate.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The current key stops working at once. Programs and tools that use it for LUIS authoring in{' '}
            <strong>{item.region}</strong> must be given the new key.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

export function AccountSettingsPage() {
  const account = useAccount();
  const [params] = useSearchParams();
  if (account.isPending) return <Loading />;
  if (account.error) return <ErrorMessage error={account.error} onRetry={() => account.refetch()} />;
  const { email, authoringKeys } = account.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1>Account Settings</h1>
        <p className="page-subtitle">{email}</p>
      </header>
      {params.get('welcome') && (
        <Notice tone="success">Welcome to Portico. Your account has a free LUIS authoring key in each authoring region.</Notice>
      )}
      <section className="card" aria-labelledby="authoring-keys">
        <h2 id="authoring-keys">Authoring keys</h2>
        <p className="muted">
          One free key per authoring region, valid for all of your LUIS apps there. Send it in the{' '}
          <code>Ocp-Apim-Subscription-Key</code> header of LUIS authoring calls.
        </p>
        {authoringKeys.length === 0 ? (
          <p>This account has no authoring keys.</p>
        ) : (
          <ul className="key-list">
            {authoringKeys.map((item) => <AuthoringKeyRow key={item.region} item={item} />)}
          </ul>
        )}
      </section>
    </div>
  );
}
