// A resource's Networking: the IP allow-list (Azure's networkAcls) and the
// custom subdomain its endpoint is served at. Key authentication has its own
// card (Authentication) on the same page.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { keys } from '../api/queries.ts';
import type { NetworkAcls, Resource } from '../api/types.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Notice } from '../components/Status.tsx';
import { allowListText, describeAccess, parseAllowList, rulesForAllowList, sameRules } from './allowList.ts';

/** The console calls this card makes; a test may hand in its own. */
export type NetworkingApi = {
  setNetworkRules: (name: string, rules: NetworkAcls) => Promise<Resource>;
  setCustomSubDomain: (name: string, customSubDomainName: string | null) => Promise<Resource>;
};

/** The page shows the resource the server answered with at once, then reloads the lists. */
function useSaved() {
  const client = useQueryClient();
  return async (updated: Resource) => {
    client.setQueryData(keys.resource(updated.name), updated);
    await client.invalidateQueries({ queryKey: keys.resources });
  };
}

function AllowList({ resource, api }: { resource: Resource; api: NetworkingApi }) {
  const saved = useSaved();
  const [text, setText] = useState(allowListText(resource.networkAcls));
  const save = useMutation({
    mutationFn: (entries: string[]) => api.setNetworkRules(resource.name, rulesForAllowList(entries)),
    onSuccess: async (updated) => {
      setText(allowListText(updated.networkAcls));
      await saved(updated);
    },
  });
  const entries = parseAllowList(text);
  const unchanged = sameRules(entries, resource.networkAcls);
  return (
    <form aria-label="IP allow-list" onSubmit={(e) => { e.preventDefault(); save.mutate(entries); }}>
      <h3>Firewall</h3>
      <p data-testid="network-access">{describeAccess(resource.networkAcls)}</p>
      <Field
        label="Allowed addresses and CIDR ranges"
        hint="One IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.7 or 10.0.0.0/8. Leave empty to let every address in."
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            spellCheck={false}
            className="mono"
            value={text}
            onChange={(e) => { save.reset(); setText(e.target.value); }}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={save.isPending || unchanged}>
        {save.isPending ? 'Saving…' : 'Save network rules'}
      </button>
      <ErrorMessage error={save.error} title="The network rules were not saved." />
      {save.isSuccess && (
        <Notice tone="success">
          {save.data.networkAcls?.defaultAction === 'Deny'
            ? `Saved: only ${save.data.networkAcls.ipRules.map((r) => r.value).join(', ')} may use the keys from the next call.`
            : 'Saved: every address may use the keys.'}
        </Notice>
      )}
    </form>
  );
}

function CustomSubdomain({ resource, api }: { resource: Resource; api: NetworkingApi }) {
  const saved = useSaved();
  const current = resource.customSubDomainName ?? null;
  const [name, setName] = useState(current ?? '');
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const change = useMutation({
    mutationFn: (subdomain: string | null) => api.setCustomSubDomain(resource.name, subdomain),
    onSuccess: async (updated) => {
      setConfirmingRemoval(false);
      setName(updated.customSubDomainName ?? '');
      await saved(updated);
    },
  });
  const typed = name.trim();
  return (
    <>
    <form aria-label="Custom subdomain" onSubmit={(e) => { e.preventDefault(); if (typed) change.mutate(typed); }}>
      <h3>Custom subdomain</h3>
      <p className="muted" data-testid="subdomain-state">
        {current
          ? <>The resource is served at its custom subdomain <strong className="mono">{current}</strong> (the endpoint under Keys and Endpoint), which takes only this resource&apos;s keys. Clients calling it stop reaching the resource when the name changes or is removed.</>
          : 'No custom subdomain. With one, the endpoint becomes https://<name>.<custom domain>/, which takes only this resource\'s keys; the regional endpoint keeps serving.'}
      </p>
      <Field label="Custom subdomain name" hint="2 to 64 lower-case letters, digits or hyphens, unique on this server.">
        {(props) => (
          <input {...props} value={name} autoComplete="off" spellCheck={false} onChange={(e) => { change.reset(); setName(e.target.value); }} />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={change.isPending || !typed || typed === current}>
        {change.isPending && change.variables !== null ? 'Saving…' : 'Set subdomain'}
      </button>{' '}
      {current && (
        <button type="button" className="button" disabled={change.isPending} onClick={() => { change.reset(); setConfirmingRemoval(true); }}>
          Remove subdomain
        </button>
      )}
      {!confirmingRemoval && <ErrorMessage error={change.error} title="The custom subdomain was not changed." />}
      {change.isSuccess && (
        <Notice tone="success">
          {change.data.customSubDomainName ? `The endpoint is now ${change.data.endpoint}` : `The custom subdomain was removed; the endpoint is ${change.data.endpoint}`}
        </Notice>
      )}
    </form>
      {confirmingRemoval && current && (
        <ConfirmDialog
          title={`Remove the subdomain ${current}?`}
          confirmLabel="Remove subdomain"
          danger
          busy={change.isPending}
          error={<ErrorMessage error={change.error} />}
          onConfirm={() => change.mutate(null)}
          onCancel={() => setConfirmingRemoval(false)}
        >
          <p>Clients calling <strong className="mono">{current}</strong> stop reaching {resource.name}; the regional endpoint serves it as before.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function NetworkingCard({ resource, api = consoleApi }: { resource: Resource; api?: NetworkingApi }) {
  return (
    <section className="card" aria-labelledby="networking-heading">
      <h2 id="networking-heading">Networking</h2>
      <AllowList resource={resource} api={api} />
      <CustomSubdomain resource={resource} api={api} />
    </section>
  );
}
