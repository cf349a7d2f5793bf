// A Language resource's CLU projects: pick the resource, list its projects,
// create one, import a CLU project file or a LUIS app export, export, delete.
// Every call goes to the CLU authoring API with the resource's key.
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ExportDeleteTable } from '../components/ExportDeleteTable.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { downloadJson, readJsonFile } from '../luis/useLuis.ts';
import type { CluClient, JobMessage, Project } from './api.ts';
import { importRequest, PROJECT_NAME } from './importFile.ts';
import { cluKey, useClu, useLanguageResources } from './useClu.ts';

const LANGUAGES = ['en-us', 'en'];

/** What the project page is told after an import. */
export type ImportedState = { imported: true; warnings: JobMessage[] };

function CreateProjectForm({ client, onDone }: { client: CluClient; onDone: (name: string) => void }) {
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en-us');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string>();
  const create = useMutation({
    mutationFn: () => client.createProject({ projectName: name.trim(), language, ...(description ? { description } : {}) }),
    onSuccess: () => onDone(name.trim()),
  });
  return (
    <form className="card form" aria-label="New project" noValidate onSubmit={(e) => {
      e.preventDefault();
      const err = !name.trim() ? 'Enter a name for the project.' : PROJECT_NAME.test(name.trim()) ? undefined : 'Use letters, digits, _ . and - only (at most 100).';
      setNameError(err);
      if (!err) create.mutate();
    }}>
      <h2>New project</h2>
      <ErrorMessage error={create.error} title="The project was not created." />
      <Field label="Project name" error={nameError}>{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="Language">{(p) => <select {...p} value={language} onChange={(e) => setLanguage(e.target.value)}>{LANGUAGES.map((l) => <option key={l}>{l}</option>)}</select>}</Field>
      <Field label="Description (optional)">{(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <div className="form-actions"><button className="button button-primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create project'}</button></div>
    </form>
  );
}

function ImportProjectForm({ client, onDone }: { client: CluClient; onDone: (name: string, warnings: JobMessage[]) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const run = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error('Choose a CLU project file or a LUIS app export (.json) to import.');
      const req = importRequest(await readJsonFile(file), name);
      if ('problem' in req) throw new Error(req.problem);
      const job = await client.importProject(req.projectName, req.format, req.body);
      return { name: req.projectName, warnings: job.warnings ?? [] };
    },
    onSuccess: ({ name: imported, warnings }) => onDone(imported, warnings),
  });
  return (
    <form className="card form" aria-label="Import project" onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
      <h2>Import a project</h2>
      <p className="muted">A CLU project file (exported from Language Studio or Portico), or a LUIS app's JSON export, which becomes a CLU project; what CLU has no place for is listed after the import.</p>
      <ErrorMessage error={run.error} title="The project was not imported." />
      <Field label="Project file (.json)">{(p) => <input {...p} ref={fileRef} type="file" accept=".json,application/json" className="file-input" />}</Field>
      <Field label="Project name (optional, else the file's)">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <div className="form-actions"><button className="button button-primary" disabled={run.isPending}>{run.isPending ? 'Importing…' : 'Import'}</button></div>
    </form>
  );
}

export function LanguagePage() {
  const { resources, languages } = useLanguageResources();
  const [params, setParams] = useSearchParams();
  const resource = languages.find((r) => r.name === params.get('resource')) ?? languages[0];
  const { keys, client } = useClu(resource);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'create' | 'import'>('none');
  const [deleting, setDeleting] = useState<Project | null>(null);
  const listKey = cluKey(resource?.name ?? '', 'projects');
  const projects = useQuery({ queryKey: listKey, queryFn: () => client!.projects(), enabled: Boolean(client) });
  const exportProject = useMutation({ mutationFn: async (name: string) => downloadJson(`${name}.json`, await client!.exportProject(name)) });
  const remove = useMutation({
    mutationFn: (name: string) => client!.deleteProject(name),
    onSuccess: () => { setDeleting(null); queryClient.invalidateQueries({ queryKey: listKey }); },
  });
  /** Opens a project's page; after an import it says what the import left out. */
  const open = (name: string, state?: ImportedState) => {
    queryClient.invalidateQueries({ queryKey: listKey });
    navigate(`/language/${encodeURIComponent(resource!.name)}/${encodeURIComponent(name)}`, { state });
  };
  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>Language (CLU)</h1>
          <p className="page-subtitle">Conversational language understanding projects of a Language resource, called with its key.</p>
        </div>
        {client && (
          <div className="toolbar">
            <button type="button" className="button button-primary" aria-expanded={panel === 'create'} onClick={() => setPanel(panel === 'create' ? 'none' : 'create')}>+ New project</button>
            <button type="button" className="button" aria-expanded={panel === 'import'} onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}>Import project</button>
          </div>
        )}
      </header>
      {resources.isPending && <Loading label="Loading your resources…" />}
      <ErrorMessage error={resources.error} onRetry={() => resources.refetch()} />
      {resources.data && languages.length === 0 && <Notice>You have no Language resource yet. <Link to="/resources/new">Create one</Link> of kind TextAnalytics.</Notice>}
      {resource && (
        <div className="card inline-form">
          <label htmlFor="clu-resource">Resource</label>
          <select id="clu-resource" value={resource.name} onChange={(e) => { setPanel('none'); setParams({ resource: e.target.value }); }}>
            {languages.map((r) => <option key={r.name} value={r.name}>{`${r.name} (${r.region}, ${r.tier})`}</option>)}
          </select>
        </div>
      )}
      <ErrorMessage error={keys.error} title="The resource's keys could not be loaded." />
      {client && panel === 'create' && <CreateProjectForm client={client} onDone={open} />}
      {client && panel === 'import' && (
        <ImportProjectForm client={client} onDone={(name, list) => open(name, { imported: true, warnings: list })} />
      )}
      {projects.isPending && client && <Loading label="Loading projects…" />}
      <ErrorMessage error={projects.error} title="Projects could not be loaded." onRetry={() => projects.refetch()} />
      <ErrorMessage error={exportProject.error} title="Export failed." />
      {projects.data && projects.data.length === 0 && <Notice>No projects in {resource?.name} yet. Create one or import a CLU project file or a LUIS export.</Notice>}
      {projects.data && projects.data.length > 0 && (
        <ExportDeleteTable label="CLU projects" items={projects.data} rowKey={(p) => p.projectName} name={(p) => p.projectName}
          columns={[
            { title: 'Project', cell: (p) => <Link to={`/language/${encodeURIComponent(resource!.name)}/${encodeURIComponent(p.projectName)}`}>{p.projectName}</Link> },
            { title: 'Language', narrow: true, cell: (p) => p.language },
            { title: 'Last trained', narrow: true, cell: (p) => (p.lastTrainedDateTime ? new Date(p.lastTrainedDateTime).toLocaleString() : '—') },
          ]}
          onExport={(p) => exportProject.mutate(p.projectName)} onDelete={(p) => { remove.reset(); setDeleting(p); }} />
      )}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.projectName}?`} confirmLabel="Delete project" danger busy={remove.isPending}
          error={<ErrorMessage error={remove.error} />} onConfirm={() => remove.mutate(deleting.projectName)} onCancel={() => setDeleting(null)}>
          <p>The project, its trained models and its deployments are removed; callers of its deployments get 404. Export it first to keep a copy.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
