// My apps: list, create, import a LUIS JSON export, export, delete.
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ExportDeleteTable } from '../components/ExportDeleteTable.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import type { AppInfo } from './api.ts';
import { downloadJson, readAppFile, useLuis } from './useLuis.ts';
import { checkAppFile, importProblem } from './importErrors.ts';
import { describeError } from '../api/client.ts';

const CULTURES = ['en-us', 'en-gb', 'de-de', 'es-es', 'es-mx', 'fr-fr', 'fr-ca', 'it-it', 'ja-jp', 'ko-kr', 'nl-nl', 'pt-br', 'zh-cn'];

export function RegionPicker({ regions, region, onChange }: { regions: string[]; region: string; onChange: (r: string) => void }) {
  return (
    <label className="region-picker">
      <span>Authoring region</span>
      <select value={region} onChange={(e) => onChange(e.target.value)}>
        {regions.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
    </label>
  );
}

function CreateAppForm({ onDone }: { onDone: (id: string) => void }) {
  const { client, region } = useLuis();
  const [name, setName] = useState('');
  const [culture, setCulture] = useState('en-us');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string>();
  const create = useMutation({
    mutationFn: () => client!.createApp({ name: name.trim(), culture, description, initialVersionId: '0.1' }),
    onSuccess: (id) => onDone(id),
  });
  return (
    <form
      className="card form"
      aria-label="New app"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const err = name.trim() ? undefined : 'Enter a name for the app.';
        setNameError(err);
        if (!err) create.mutate();
      }}
    >
      <h2>New app in {region}</h2>
      <ErrorMessage error={create.error} title="The app was not created." />
      <Field label="App name" error={nameError}>{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="Culture">{(p) => <select {...p} value={culture} onChange={(e) => setCulture(e.target.value)}>{CULTURES.map((c) => <option key={c}>{c}</option>)}</select>}</Field>
      <Field label="Description (optional)">{(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <div className="form-actions"><button className="button button-primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create app'}</button></div>
    </form>
  );
}

function ImportAppForm({ onDone }: { onDone: (id: string) => void }) {
  const { client } = useLuis();
  const fileRef = useRef<HTMLInputElement>(null);
  const [appName, setAppName] = useState('');
  const importApp = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error('Choose a LUIS app .json file to import.');
      const json = await readAppFile(file);
      const problem = checkAppFile(json);
      if (problem) throw new Error(problem);
      return client!.importApp(json, appName.trim() || undefined);
    },
    onSuccess: (id) => onDone(id),
  });
  const failure = importApp.error ? importProblem(describeError(importApp.error)) : undefined;
  return (
    <form className="card form" aria-label="Import app" onSubmit={(e) => { e.preventDefault(); importApp.mutate(); }}>
      <h2>Import an app</h2>
      <p className="muted">A LUIS app exported as JSON (from luis.ai or from Portico).</p>
      {failure && (
        <div className="message message-error" role="alert">
          <div>
            <strong>The app was not imported. </strong>
            {failure.field ? <>Field <code>{failure.field}</code>: {failure.problem}</> : failure.problem}
          </div>
        </div>
      )}
      <Field label="App file (.json or .lu)">{(p) => <input {...p} ref={fileRef} type="file" accept=".json,.lu,application/json" className="file-input" />}</Field>
      <Field label="Name (optional, else the file's)">{(p) => <input {...p} value={appName} onChange={(e) => setAppName(e.target.value)} />}</Field>
      <div className="form-actions"><button className="button button-primary" disabled={importApp.isPending}>{importApp.isPending ? 'Importing…' : 'Import'}</button></div>
    </form>
  );
}

export function LuisAppsPage() {
  const { client, regions, region, setRegion } = useLuis();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'create' | 'import'>('none');
  const [deleting, setDeleting] = useState<AppInfo | null>(null);
  const apps = useQuery({ queryKey: ['luis', region, 'apps'], queryFn: () => client!.apps(), enabled: Boolean(client) });
  const exportApp = useMutation({
    mutationFn: async (app: AppInfo) => {
      // The list may be older than the app: a version cloned or imported since is now the active one.
      const version = (await client!.app(app.id)).activeVersion ?? (await client!.versions(app.id))[0]?.version;
      if (!version) throw new Error(`${app.name} has no version to export.`);
      downloadJson(`${app.name}-${version}.json`, await client!.exportVersion(app.id, version));
    },
  });
  const remove = useMutation({
    mutationFn: (app: AppInfo) => client!.deleteApp(app.id),
    onSuccess: () => { setDeleting(null); queryClient.invalidateQueries({ queryKey: ['luis', region, 'apps'] }); },
  });
  const opened = (id: string) => {
    queryClient.invalidateQueries({ queryKey: ['luis', region, 'apps'] });
    navigate(`/luis/${id}`);
  };
  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>LUIS apps</h1>
          <p className="page-subtitle">Language understanding apps authored with your authoring key.</p>
        </div>
        <div className="toolbar">
          <RegionPicker regions={regions} region={region} onChange={setRegion} />
          <button type="button" className="button button-primary" aria-expanded={panel === 'create'} onClick={() => setPanel(panel === 'create' ? 'none' : 'create')}>+ New app</button>
          <button type="button" className="button" aria-expanded={panel === 'import'} onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}>Import app</button>
        </div>
      </header>
      {panel === 'create' && <CreateAppForm onDone={opened} />}
      {panel === 'import' && <ImportAppForm onDone={opened} />}
      {apps.isPending && client && <Loading label="Loading apps…" />}
      <ErrorMessage error={apps.error} title="Apps could not be loaded." onRetry={() => apps.refetch()} />
      <ErrorMessage error={exportApp.error} title="Export failed." />
      {apps.data && apps.data.length === 0 && <Notice>No apps in {region} yet. Create one or import a LUIS JSON export.</Notice>}
      {apps.data && apps.data.length > 0 && (
        <ExportDeleteTable label="LUIS apps" items={apps.data} rowKey={(app) => app.id} name={(app) => app.name}
          columns={[
            { title: 'Name', cell: (app) => <Link to={`/luis/${app.id}`}>{app.name}</Link> },
            { title: 'Culture', narrow: true, cell: (app) => app.culture },
            { title: 'Version', narrow: true, cell: (app) => app.activeVersion },
          ]}
          onExport={(app) => exportApp.mutate(app)} onDelete={(app) => { remove.reset(); setDeleting(app); }} />
      )}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete app" danger busy={remove.isPending}
          error={<ErrorMessage error={remove.error} />} onConfirm={() => remove.mutate(deleting)} onCancel={() => setDeleting(null)}>
          <p>The app, all its versions and its published endpoints are removed. Export it first to keep a copy.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
