// An app's name and description (luis.ai's Settings page).
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Notice } from '../components/Status.tsx';
import type { AppInfo } from './api.ts';
import type { Ctx } from './ctx.ts';

export function SettingsSection({ ctx, app }: { ctx: Ctx; app: AppInfo }) {
  const qc = useQueryClient();
  const [name, setName] = useState(app.name);
  const [description, setDescription] = useState(app.description ?? '');
  const [problem, setProblem] = useState<string>();
  const save = useMutation({
    mutationFn: () => ctx.client.renameApp(ctx.appId, { name: name.trim(), description }),
    onSuccess: () => Promise.all([
      qc.invalidateQueries({ queryKey: ['luis', ctx.region, ctx.appId, 'info'] }),
      qc.invalidateQueries({ queryKey: ['luis', ctx.region, 'apps'] }),
    ]),
  });
  const submit = () => {
    const missing = name.trim() ? undefined : 'Enter a name for the app.';
    setProblem(missing);
    if (!missing) save.mutate();
  };
  return (
    <section className="card" aria-label="Settings">
      <h2>Settings</h2>
      <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Field label="App name" error={problem}>{(p) => <input {...p} value={name} onChange={(e) => { setName(e.target.value); save.reset(); }} />}</Field>
        <Field label="Description">{(p) => <textarea {...p} rows={3} value={description} onChange={(e) => { setDescription(e.target.value); save.reset(); }} />}</Field>
        <div><button className="button button-primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save'}</button></div>
      </form>
      {save.isSuccess && <Notice tone="success">Saved.</Notice>}
      <ErrorMessage error={save.error} title="The settings were not saved." />
    </section>
  );
}
