// Publish: choose the slot and the regions (only those the app's authoring
// region serves), assign an endpoint key from the user's LUIS resources, and
// read the ready-to-paste endpoint URL with that key, as the LUIS docs show it.
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCatalog, useResources } from '../api/queries.ts';
import { consoleApi } from '../api/console.ts';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { copyText } from '../components/SecretField.tsx';
import { endpointUrl } from './labels.ts';
import { appKey, type Ctx } from './ctx.ts';
import { allowedPublishRegions, publishRegionsProblem, publishedRegions, slotEndpoint } from './publishing.ts';

export function PublishSection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const catalog = useCatalog();
  const resources = useResources();
  const app = useQuery({ queryKey: appKey(ctx, 'info'), queryFn: () => ctx.client.app(ctx.appId) });
  const assigned = useQuery({ queryKey: appKey(ctx, 'azureaccounts'), queryFn: () => ctx.client.azureAccounts(ctx.appId) });
  const allowed = catalog.data ? allowedPublishRegions(catalog.data.authoringRegions, ctx.region) : [];
  const [staging, setStaging] = useState(false);
  const [regions, setRegions] = useState<string[] | null>(null);
  const live = slotEndpoint(app.data, staging);
  const liveRegions = publishedRegions(live);
  // Until the user picks, the slot's current regions (or the authoring region) are ticked.
  const chosenRegions = regions ?? (liveRegions.length > 0 ? liveRegions : [ctx.region]);
  const [regionsError, setRegionsError] = useState<string>();
  const luisResources = resources.data?.filter((r) => r.kind === 'LUIS') ?? [];
  const usable = luisResources.filter((r) => allowed.includes(r.region));
  const [resourceName, setResourceName] = useState('');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const chosen = usable.find((r) => r.name === resourceName) ?? usable[0];
  const isAssigned = Boolean(chosen && assigned.data?.some((a) => a.accountName === chosen.name));
  const keys = useQuery({ queryKey: ['resources', chosen?.name ?? '', 'keys'], queryFn: () => consoleApi.keys(chosen!.name), enabled: isAssigned });

  const publish = useMutation({
    mutationFn: () => ctx.client.publish(ctx.appId, { versionId: ctx.version, isStaging: staging, region: chosenRegions.join(',') }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKey(ctx, 'info') }),
  });
  const assign = useMutation({
    mutationFn: () => ctx.client.assignAzureAccount(ctx.appId, { azureSubscriptionId: '', resourceGroup: '', accountName: chosen!.name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKey(ctx, 'azureaccounts') }),
  });
  const toggle = (region: string, on: boolean) => {
    setRegionsError(undefined);
    setRegions(on ? [...chosenRegions, region] : chosenRegions.filter((r) => r !== region));
  };
  const submit = () => {
    const problem = publishRegionsProblem(allowed, chosenRegions, ctx.region);
    setRegionsError(problem);
    if (!problem) publish.mutate();
  };

  const url = chosen && isAssigned && keys.data ? endpointUrl(chosen.endpoint ?? `${location.origin}/`, ctx.appId, keys.data.key1, staging) : null;
  const slotName = staging ? 'staging' : 'production';

  return (
    <section className="card" aria-label="Publish">
      <h2>Publish</h2>
      {(catalog.isPending || app.isPending) && <Loading label="Loading publishing regions…" />}
      <ErrorMessage error={catalog.error ?? app.error} title="The publishing settings could not be loaded." />
      <form className="publish-form" aria-label="Publish settings" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <fieldset className="field">
          <legend>Slot</legend>
          <label className="check"><input type="radio" name="slot" checked={!staging} onChange={() => setStaging(false)} /> Production</label>
          <label className="check"><input type="radio" name="slot" checked={staging} onChange={() => setStaging(true)} /> Staging</label>
        </fieldset>
        {allowed.length > 0 && (
          <fieldset className="field" aria-describedby={regionsError ? 'publish-regions-error' : undefined}>
            <legend>Regions <span className="muted">(the publishing regions of {ctx.region})</span></legend>
            <div className="region-grid">
              {allowed.map((r) => (
                <label key={r} className="check">
                  <input type="checkbox" checked={chosenRegions.includes(r)} onChange={(e) => toggle(r, e.target.checked)} /> {r}
                </label>
              ))}
            </div>
            {regionsError && <p id="publish-regions-error" className="field-error" role="alert">{regionsError}</p>}
          </fieldset>
        )}
        <div className="form-actions">
          <button className="button button-primary" disabled={publish.isPending || allowed.length === 0}>
            {publish.isPending ? 'Publishing…' : `Publish ${ctx.version} to ${slotName}`}
          </button>
        </div>
      </form>
      <ErrorMessage error={publish.error} title="Publishing failed." />
      {publish.data && <Notice tone="success">Version {publish.data.versionId} is published to the {publish.data.isStaging ? 'staging' : 'production'} slot in {publish.data.endpointRegion}.</Notice>}
      {!publish.data && live && <p className="muted">The {slotName} slot serves version {live.versionId} in {live.endpointRegion}.</p>}
      {!publish.data && app.data && !live && <p className="muted">Nothing is published to the {slotName} slot yet.</p>}

      <h3>Endpoint keys</h3>
      <p className="muted">Queries sent with your authoring key use its small starter quota. Assign a LUIS resource in a publishing region of {ctx.region} and query with its key.</p>
      {resources.isPending && <Loading label="Loading your LUIS resources…" />}
      <ErrorMessage error={resources.error} title="Your resources could not be loaded." />
      {resources.data && usable.length === 0 && (
        <Notice>
          You have no LUIS resource in a publishing region of {ctx.region}
          {luisResources.length > 0 ? ` (yours are in ${[...new Set(luisResources.map((r) => r.region))].join(', ')})` : ''}. <Link to="/resources/new">Create one</Link> to get endpoint keys.
        </Notice>
      )}
      {usable.length > 0 && (
        <div className="inline-form">
          <label htmlFor="assign-resource">LUIS resource</label>
          <select id="assign-resource" value={chosen?.name} onChange={(e) => { assign.reset(); setResourceName(e.target.value); }}>
            {usable.map((r) => <option key={r.name} value={r.name}>{`${r.name} (${r.region}, ${r.tier})`}</option>)}
          </select>
          <button type="button" className="button" onClick={() => assign.mutate()} disabled={isAssigned || assign.isPending || assigned.isPending}>
            {isAssigned ? 'Assigned' : assign.isPending ? 'Assigning…' : 'Assign resource'}
          </button>
        </div>
      )}
      <ErrorMessage error={assign.error ?? assigned.error} title="The resource was not assigned." />
      {assigned.data && assigned.data.length > 0 && (
        <p className="muted">Assigned: {assigned.data.map((a) => a.accountName).join(', ')}</p>
      )}
      {isAssigned && keys.isPending && <Loading label="Loading the resource's key…" />}
      <ErrorMessage error={keys.error} title="The resource's keys could not be loaded." />
      {url && chosen && (
        <div className="endpoint-url">
          <label htmlFor="endpoint-url">Endpoint URL for {chosen.name} (add your utterance after <code>q=</code>)</label>
          <textarea id="endpoint-url" className="mono" readOnly rows={5} value={url} onFocus={(e) => e.currentTarget.select()} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => copyText(url).then(() => setCopied('copied'), () => setCopied('failed'))}>Copy URL</button>
            <span role="status" className="muted">{copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Copying was refused: select the text and copy it.' : ''}</span>
          </div>
          {!liveRegions.includes(chosen.region) && (
            <Notice tone="warning">The {slotName} slot is not published in {chosen.region} yet: publish it there before calling this URL.</Notice>
          )}
        </div>
      )}
    </section>
  );
}
