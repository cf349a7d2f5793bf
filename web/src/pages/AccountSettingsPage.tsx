// Account Settings: the account's LUIS authoring keys in each authoring region,
// hidden until shown, with copy and a confirmed regenerate; the sessions and
// the account's activity (audit log).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { accountKey, useAccount } from '../api/session.ts';
import type { AuthoringKey } from '../api/types.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { SecretField } from '../components/SecretField.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { Sessions } from '../account/Sessions.tsx';
import { Activity } from '../account/Activity.tsx';

type KeyName = 'Key1' | 'Key2';

function AuthoringRegion({ region, keys }: { region: string; keys: AuthoringKey }) {
  const [confirming, setConfirming] = useState<KeyName | null>(null);
  const [done, setDone] = useState<KeyName | null>(null);
  const client = useQueryClient();
  const regenerate = useMutation({
    mutationFn: (keyName: KeyName) => consoleApi.regenerateAuthoringKey(region, keyName),
    onSuccess: async (_fresh, keyName) => {
      await client.invalidateQueries({ queryKey: accountKey });
      setConfirming(null);
      setDone(keyName);
    },
  });
  const button = (keyName: KeyName) => (
    <button type="button" className="button" onClick={() => { regenerate.reset(); setDone(null); setConfirming(keyName); }}>
      Regenerate
    </button>
  );
  return (
    <section className="card region-card" aria-labelledby={`region-${region}`} data-region={region}>
      <h2 id={`region-${region}`}>{region}</h2>
      <SecretField label={`Primary authoring key (${region})`} value={keys.key1} actions={button('Key1')} />
      <SecretField label={`Secondary authoring key (${region})`} value={keys.key2} actions={button('Key2')} />
      <div className="kv">
        <div className="kv-label">Authoring endpoint</div>
        <div className="kv-value"><code className="mono endpoint">{keys.endpoint}</code></div>
      </div>
      {done && <Notice tone="success">The {done === 'Key1' ? 'primary' : 'secondary'} authoring key for {region} was replaced. The old one no longer works.</Notice>}
      {confirming && (
        <ConfirmDialog
          title={`Regenerate the ${confirming === 'Key1' ? 'primary' : 'secondary'} ${region} authoring key?`}
          confirmLabel="Regenerate"
          danger
          busy={regenerate.isPending}
          error={<ErrorMessage error={regenerate.error} />}
          onConfirm={() => regenerate.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            The current key stops working at once. Programs and tools that use it for LUIS authoring in{' '}
            <strong>{region}</strong> must be given the new key.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function AccountSettingsPage() {
  const account = useAccount();
  const [params] = useSearchParams();
  if (account.isPending) return <Loading />;
  if (account.error) return <ErrorMessage error={account.error} onRetry={() => account.refetch()} />;
  const { email, authoringKeys } = account.data;
  const regions = Object.entries(authoringKeys);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Account Settings</h1>
        <p className="page-subtitle">{email}</p>
      </header>
      {params.get('welcome') && (
        <Notice tone="success">Welcome to Portico. Your account has a free LUIS authoring key in each authoring region.</Notice>
      )}
      <h2 className="section-title">Authoring keys</h2>
      <p className="muted">
        One free key pair per authoring region, valid for all of your LUIS apps there. Send a key in the{' '}
        <code>Ocp-Apim-Subscription-Key</code> header of LUIS authoring calls.
      </p>
      {regions.length === 0 ? (
        <p>This account has no authoring keys.</p>
      ) : (
        <div className="region-list">
          {regions.map(([region, keys]) => <AuthoringRegion key={region} region={region} keys={keys} />)}
        </div>
      )}
      <Sessions />
      <Activity />
    </div>
  );
}
