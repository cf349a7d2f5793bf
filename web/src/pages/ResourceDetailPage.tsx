// One resource: essentials and state, keys and endpoint, usage, pricing tier,
// authentication, networking (IP allow-list, custom subdomain) and deletion
// (confirmed by typing the resource's name).
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { keys, useCatalog } from '../api/queries.ts';
import type { Resource } from '../api/types.ts';
import { ConfirmDialog, Dialog } from '../components/Dialog.tsx';
import { SecretField } from '../components/SecretField.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { describeTierShort } from '../forms/format.ts';
import { lastDays, monthQuota, shapeUsage } from '../usage/shapeUsage.ts';
import { QuotaMeter, UsageChart } from '../usage/UsageChart.tsx';
import { LANGUAGE_KINDS } from '../clu/useClu.ts';
import { NetworkingCard } from '../networking/NetworkingCard.tsx';

export function KeysCard({ resource }: { resource: Resource }) {
  const client = useQueryClient();
  const resourceKeys = useQuery({ queryKey: keys.resourceKeys(resource.name), queryFn: () => consoleApi.keys(resource.name) });
  const [confirming, setConfirming] = useState<'Key1' | 'Key2' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const regenerate = useMutation({
    mutationFn: (keyName: 'Key1' | 'Key2') => consoleApi.regenerateKey(resource.name, keyName),
    onSuccess: (fresh, keyName) => {
      client.setQueryData(keys.resourceKeys(resource.name), fresh);
      setConfirming(null);
      setDone(keyName);
    },
  });

  const regenerateButton = (keyName: 'Key1' | 'Key2') => (
    <button type="button" className="button" onClick={() => { regenerate.reset(); setDone(null); setConfirming(keyName); }}>
      Regenerate {keyName}
    </button>
  );

  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Keys and Endpoint</h2>
      <p className="muted">
        Send either key in the <code>Ocp-Apim-Subscription-Key</code> header. Two keys let you rotate one while the other keeps serving.
      </p>
      <SecretField label="KEY 1" value={resourceKeys.data?.key1} actions={regenerateButton('Key1')} />
      <SecretField label="KEY 2" value={resourceKeys.data?.key2} actions={regenerateButton('Key2')} />
      <ErrorMessage error={resourceKeys.error} title="The keys could not be loaded." onRetry={() => resourceKeys.refetch()} />
      {done && <Notice tone="success">{done} was regenerated. The old value is refused from now on.</Notice>}
      <div className="kv">
        <div className="kv-label" id="endpoint-label">Endpoint</div>
        <div className="kv-value">
          <code className="mono endpoint" aria-labelledby="endpoint-label">{resource.endpoint ?? '—'}</code>
        </div>
        <div className="kv-label">Location/Region</div>
        <div className="kv-value">{resource.region}</div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Regenerate ${confirming}?`}
          confirmLabel={`Regenerate ${confirming}`}
          danger
          busy={regenerate.isPending}
          error={<ErrorMessage error={regenerate.error} />}
          onConfirm={() => regenerate.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            The current {confirming} of <strong>{resource.name}</strong> stops working at once. Move your applications to the other key first.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function UsageCard({ resource }: { resource: Resource }) {
  const window = useMemo(() => lastDays(new Date()), []);
  const usage = useQuery({
    queryKey: keys.usage(resource.name, window.from, window.to),
    queryFn: () => consoleApi.usage(resource.name, window.from, window.to),
  });
  return (
    <section className="card" aria-labelledby="usage-heading">
      <div className="card-header-row">
        <h2 id="usage-heading">Usage</h2>
        <button type="button" className="button button-link" onClick={() => usage.refetch()} disabled={usage.isFetching}>
          {usage.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {usage.isPending && <Loading label="Loading usage…" />}
      <ErrorMessage error={usage.error} title="Usage could not be loaded." onRetry={() => usage.refetch()} />
      {usage.data && (
        <>
          <UsageChart days={shapeUsage(usage.data, window.from, window.to)} />
          <QuotaMeter quota={monthQuota(usage.data)} />
        </>
      )}
    </section>
  );
}

function TierCard({ resource }: { resource: Resource }) {
  const catalog = useCatalog();
  const client = useQueryClient();
  const [tier, setTier] = useState(resource.tier);
  const change = useMutation({
    mutationFn: () => consoleApi.changeTier(resource.name, tier),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.resources });
    },
  });
  const tiers = catalog.data?.kinds.find((k) => k.name === resource.kind)?.tiers ?? [];
  return (
    <section className="card" aria-labelledby="tier-heading">
      <h2 id="tier-heading">Pricing tier</h2>
      {catalog.isPending && <Loading label="Loading tiers…" />}
      <ErrorMessage error={catalog.error} onRetry={() => catalog.refetch()} />
      <form
        className="inline-form"
        onSubmit={(e) => { e.preventDefault(); change.mutate(); }}
        aria-label="Change pricing tier"
      >
        <label htmlFor="tier-select">Tier</label>
        <select id="tier-select" value={tier} onChange={(e) => { change.reset(); setTier(e.target.value); }}>
          {tiers.map((t) => (
            <option key={t.name} value={t.name}>{describeTierShort(t)}</option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={tier === resource.tier || change.isPending}>
          {change.isPending ? 'Saving…' : 'Change tier'}
        </button>
      </form>
      <ErrorMessage error={change.error} title="The tier was not changed." />
      {change.isSuccess && <Notice tone="success">The resource is now on {tier}.</Notice>}
    </section>
  );
}

/** Key authentication on or off (Azure's disableLocalAuth), and an access token from the owner's session. */
function LocalAuthCard({ resource }: { resource: Resource }) {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (disabled: boolean) => consoleApi.setLocalAuthDisabled(resource.name, disabled),
    onSuccess: async () => { await client.invalidateQueries({ queryKey: keys.resources }); },
  });
  const token = useMutation({ mutationFn: () => consoleApi.accessToken(resource.name) });
  return (
    <section className="card" aria-labelledby="local-auth-heading">
      <h2 id="local-auth-heading">Authentication</h2>
      <p>
        Key authentication is <strong>{resource.disableLocalAuth ? 'disabled' : 'enabled'}</strong>.
        {resource.disableLocalAuth
          ? ' Calls with a key are refused (403 AuthenticationTypeDisabled); send Authorization: Bearer with an access token.'
          : ' Calls may send a key, or an access token from POST /sts/v1.0/issueToken.'}
      </p>
      <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate(!resource.disableLocalAuth)}>
        {resource.disableLocalAuth ? 'Enable key authentication' : 'Disable key authentication'}
      </button>{' '}
      <button type="button" className="button" disabled={token.isPending} onClick={() => token.mutate()}>Get an access token</button>
      <ErrorMessage error={change.error} title="Key authentication was not changed." />
      <ErrorMessage error={token.error} title="No token was issued." />
      {token.data && (
        <p>
          <label htmlFor="access-token">Access token (valid until {new Date(token.data.expiresOn).toLocaleTimeString()})</label>
          <textarea id="access-token" readOnly rows={4} value={token.data.accessToken} />
        </p>
      )}
    </section>
  );
}

export function DeleteCard({ resource }: { resource: Resource }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => consoleApi.deleteResource(resource.name),
    onSuccess: async () => {
      client.removeQueries({ queryKey: keys.resource(resource.name) });
      await client.invalidateQueries({ queryKey: keys.resources });
      navigate('/resources', { replace: true });
    },
  });
  const matches = typed === resource.name;
  return (
    <section className="card card-danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete resource</h2>
      <p className="muted">Deleting the resource refuses both of its keys at once. This cannot be undone.</p>
      <button type="button" className="button button-danger" onClick={() => { setTyped(''); remove.reset(); setOpen(true); }}>
        Delete {resource.name}
      </button>
      {open && (
        <Dialog
          title={`Delete ${resource.name}?`}
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="submit" form="delete-form" className="button button-danger" disabled={!matches || remove.isPending}>
                {remove.isPending ? 'Deleting…' : 'Delete'}
              </button>
              <button type="button" className="button" onClick={() => setOpen(false)} disabled={remove.isPending}>Cancel</button>
            </>
          }
        >
          <form id="delete-form" onSubmit={(e) => { e.preventDefault(); if (matches) remove.mutate(); }}>
            <label htmlFor="confirm-name">
              Type <strong className="mono">{resource.name}</strong> to confirm.
            </label>
            <input id="confirm-name" value={typed} autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} />
          </form>
          <ErrorMessage error={remove.error} title="The resource was not deleted." />
        </Dialog>
      )}
    </section>
  );
}

function ExpiredNotice({ resource }: { resource: Resource }) {
  const client = useQueryClient();
  const renew = useMutation({
    mutationFn: () => consoleApi.renew(resource.name),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.resources });
    },
  });
  return (
    <div className="message message-warning" role="alert">
      <div>
        <strong>This free resource expired.</strong> Its keys were unused for 90 days and are refused. Request new keys to use it again.
        <ErrorMessage error={renew.error} title="New keys were not issued." />
      </div>
      <button type="button" className="button button-primary" onClick={() => renew.mutate()} disabled={renew.isPending}>
        {renew.isPending ? 'Requesting…' : 'Request new keys'}
      </button>
    </div>
  );
}

export function ResourceDetailPage() {
  const { name = '' } = useParams();
  const [params] = useSearchParams();
  const resource = useQuery({ queryKey: keys.resource(name), queryFn: () => consoleApi.resource(name) });
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb"><Link to="/resources">Resources</Link> <span aria-hidden="true">›</span> {name}</nav>
      {resource.isPending && <Loading label="Loading the resource…" />}
      <ErrorMessage error={resource.error} title="The resource could not be loaded." onRetry={() => resource.refetch()} />
      {resource.data && (
        <>
          <header className="page-header">
            <h1>{resource.data.name} <StateBadge state={resource.data.state} /></h1>
            <p className="page-subtitle">{resource.data.kind} · {resource.data.tier} · {resource.data.region}</p>
            {LANGUAGE_KINDS.includes(resource.data.kind) && <p><Link to={`/language?resource=${encodeURIComponent(resource.data.name)}`}>CLU projects of this resource</Link></p>}
          </header>
          {params.get('created') && <Notice tone="success">The resource was created. Its keys are ready below.</Notice>}
          {resource.data.state === 'expired' && <ExpiredNotice resource={resource.data} />}
          <div className="grid">
            <KeysCard resource={resource.data} />
            <UsageCard resource={resource.data} />
            <TierCard key={resource.data.tier} resource={resource.data} />
            <LocalAuthCard resource={resource.data} />
            <NetworkingCard resource={resource.data} />
            <DeleteCard resource={resource.data} />
          </div>
        </>
      )}
    </div>
  );
}
