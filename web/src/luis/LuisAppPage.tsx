// One LUIS app: its build sections (intents with utterances, entities,
// patterns, phrase lists), the review of endpoint utterances, batch testing, versions, settings, Train with per-model progress, the Test
// panel, Publish with endpoint keys and the endpoint URL, and collaborators.
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Field } from '../components/Field.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import type { CharLabel, Entity } from './api.ts';
import { CREATABLE, entityKindOf, parseChildNames, parseSubLists, type EntityKind } from './entityTypes.ts';
import { addLabel, charSegments, tokenSegments, trainingSummary, type Segment } from './labels.ts';
import type { Ctx } from './ctx.ts';
import { PublishSection } from './PublishSection.tsx';
import { ReviewSection } from './ReviewSection.tsx';
import { BatchTestSection } from './BatchTestSection.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { TestPanel } from './TestPanel.tsx';
import { downloadJson, readAppFile, useLuis } from './useLuis.ts';


function useInvalidate(ctx: Ctx) {
  const qc = useQueryClient();
  return (...what: string[]) => Promise.all(what.map((w) => qc.invalidateQueries({ queryKey: ['luis', ctx.region, ctx.appId, ctx.version, w] })));
}

function useVersionQuery<T>(ctx: Ctx, what: string, fn: () => Promise<T>, options: { refetchInterval?: number | false; enabled?: boolean } = {}) {
  return useQuery({ queryKey: ['luis', ctx.region, ctx.appId, ctx.version, what], queryFn: fn, ...options });
}

function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => s.entity
        ? <mark key={i} className="entity-label" title={s.entity}>{s.text}<span className="entity-name">{s.entity}</span></mark>
        : <span key={i}>{s.text}</span>)}
    </>
  );
}

function AddUtterance({ ctx, intent, entities }: { ctx: Ctx; intent: string; entities: string[] }) {
  const [text, setText] = useState('');
  const [labels, setLabels] = useState<CharLabel[]>([]);
  const [entity, setEntity] = useState(entities[0] ?? '');
  const [selection, setSelection] = useState<[number, number]>([0, 0]);
  const inputRef = useRef<HTMLInputElement>(null);
  const invalidate = useInvalidate(ctx);
  const add = useMutation({
    mutationFn: () => ctx.client.addExample(ctx.appId, ctx.version, { text: text.trim(), intentName: intent, entityLabels: labels }),
    onSuccess: async () => { setText(''); setLabels([]); await invalidate('examples'); inputRef.current?.focus(); },
  });
  useEffect(() => { if (!entities.includes(entity)) setEntity(entities[0] ?? ''); }, [entities.join('|')]);
  const remember = () => setSelection([inputRef.current?.selectionStart ?? 0, inputRef.current?.selectionEnd ?? 0]);
  const hasSelection = selection[1] > selection[0];
  return (
    <form className="utterance-form" aria-label={`Add an utterance to ${intent}`} onSubmit={(e) => { e.preventDefault(); if (text.trim()) add.mutate(); }}>
      <label htmlFor="new-utterance" className="visually-hidden">New example utterance</label>
      <div className="utterance-row">
        <input id="new-utterance" ref={inputRef} value={text} placeholder="Type an example utterance"
          onChange={(e) => { setText(e.target.value); setLabels([]); }} onSelect={remember} onKeyUp={remember} onMouseUp={remember} />
        <button className="button button-primary" disabled={!text.trim() || add.isPending}>{add.isPending ? 'Adding…' : 'Add'}</button>
      </div>
      {text && entities.length > 0 && (
        <div className="label-row">
          <span className="muted">{hasSelection ? `Selected “${text.slice(selection[0], selection[1])}”` : 'Select words in the utterance to label them.'}</span>
          <label htmlFor="label-entity" className="visually-hidden">Entity for the selected words</label>
          <select id="label-entity" value={entity} onChange={(e) => setEntity(e.target.value)}>{entities.map((n) => <option key={n}>{n}</option>)}</select>
          <button type="button" className="button" disabled={!hasSelection}
            onClick={() => setLabels(addLabel(text, labels, entity, selection[0], selection[1]))}>Label selection</button>
          {labels.length > 0 && <button type="button" className="button button-link" onClick={() => setLabels([])}>Clear labels</button>}
        </div>
      )}
      {labels.length > 0 && <p className="utterance-preview" aria-label="Labelled utterance"><Segments segments={charSegments(text, labels)} /></p>}
      <ErrorMessage error={add.error} title="The utterance was not added." />
    </form>
  );
}

function IntentsSection({ ctx }: { ctx: Ctx }) {
  const intents = useVersionQuery(ctx, 'intents', () => ctx.client.intents(ctx.appId, ctx.version));
  const examples = useVersionQuery(ctx, 'examples', () => ctx.client.examples(ctx.appId, ctx.version));
  const entities = useVersionQuery(ctx, 'entities', () => ctx.client.entities(ctx.appId, ctx.version));
  const [selected, setSelected] = useState<string>('');
  const [newIntent, setNewIntent] = useState('');
  const invalidate = useInvalidate(ctx);
  const create = useMutation({
    mutationFn: () => ctx.client.createIntent(ctx.appId, ctx.version, newIntent.trim()),
    onSuccess: async () => { setSelected(newIntent.trim()); setNewIntent(''); await invalidate('intents'); },
  });
  const removeExample = useMutation({
    mutationFn: (id: number) => ctx.client.deleteExample(ctx.appId, ctx.version, id),
    onSuccess: () => invalidate('examples'),
  });
  const removeIntent = useMutation({
    mutationFn: (id: string) => ctx.client.deleteIntent(ctx.appId, ctx.version, id),
    onSuccess: async () => { setSelected(''); await invalidate('intents', 'examples'); },
  });
  if (intents.isPending) return <Loading label="Loading intents…" />;
  if (intents.error) return <ErrorMessage error={intents.error} onRetry={() => intents.refetch()} />;
  const current = intents.data.find((i) => i.name === selected) ?? intents.data[0];
  const count = (name: string) => examples.data?.filter((e) => e.intentLabel === name).length ?? 0;
  return (
    <div className="split">
      <div className="split-list">
        <form className="inline-form" aria-label="New intent" onSubmit={(e) => { e.preventDefault(); if (newIntent.trim()) create.mutate(); }}>
          <label htmlFor="new-intent" className="visually-hidden">New intent name</label>
          <input id="new-intent" value={newIntent} placeholder="New intent name" onChange={(e) => setNewIntent(e.target.value)} />
          <button className="button" disabled={!newIntent.trim() || create.isPending}>Add</button>
        </form>
        <ErrorMessage error={create.error} />
        <ul className="pick-list" aria-label="Intents">
          {intents.data.map((i) => (
            <li key={i.id}>
              <button type="button" className={`pick${current?.id === i.id ? ' pick-active' : ''}`} aria-current={current?.id === i.id} onClick={() => setSelected(i.name)}>
                <span>{i.name}</span><span className="count">{count(i.name)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="split-detail">
        {current && (
          <>
            <div className="card-header-row">
              <h2>{current.name}</h2>
              {current.name !== 'None' && (
                <button type="button" className="button button-link" onClick={() => removeIntent.mutate(current.id)}>Delete intent</button>
              )}
            </div>
            <ErrorMessage error={removeIntent.error} />
            <AddUtterance ctx={ctx} intent={current.name} entities={entities.data?.map((e) => e.name) ?? []} />
            {examples.isPending && <Loading label="Loading utterances…" />}
            <ErrorMessage error={examples.error} onRetry={() => examples.refetch()} />
            <ErrorMessage error={removeExample.error} title="The utterance was not deleted." />
            <ul className="utterances" aria-label={`Utterances of ${current.name}`}>
              {examples.data?.filter((e) => e.intentLabel === current.name).map((e) => (
                <li key={e.id}>
                  <span className="utterance-text"><Segments segments={tokenSegments(e.tokenizedText ?? e.text.split(/\s+/), e.entityLabels ?? [])} /></span>
                  <button type="button" className="button button-link" aria-label={`Delete “${e.text}”`} onClick={() => removeExample.mutate(e.id)}>Delete</button>
                </li>
              ))}
            </ul>
            {examples.data && count(current.name) === 0 && <p className="muted">No utterances yet.</p>}
          </>
        )}
      </div>
    </div>
  );
}

function SimpleList<T>({ title, items, render, onDelete, deleteLabel, form, error }: {
  title: string; items: T[] | undefined; render: (t: T) => React.ReactNode; onDelete?: (t: T) => void;
  /** The delete button's accessible name for an item (else no delete button for it). */
  deleteLabel?: (t: T) => string | undefined; form: React.ReactNode; error: unknown;
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {form}
      <ErrorMessage error={error} />
      {items && items.length === 0 && <p className="muted">None yet.</p>}
      <ul className="simple-list">
        {items?.map((item, i) => (
          <li key={i}>
            <div>{render(item)}</div>
            {onDelete && (!deleteLabel || deleteLabel(item)) && (
              <button type="button" className="button button-link" aria-label={deleteLabel?.(item)} onClick={() => onDelete(item)}>Delete</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NewEntityForm({ ctx, onCreated }: { ctx: Ctx; onCreated: () => Promise<unknown> }) {
  const [kind, setKind] = useState<EntityKind>('simple');
  const [name, setName] = useState('');
  const [values, setValues] = useState('');
  const [pattern, setPattern] = useState('');
  const [prebuilt, setPrebuilt] = useState('');
  const [parts, setParts] = useState<string[]>([]);
  const [childText, setChildText] = useState('');
  const [problem, setProblem] = useState<string>();
  const prebuilts = useVersionQuery(ctx, 'listprebuilts', () => ctx.client.availablePrebuilts(ctx.appId, ctx.version), { enabled: kind === 'prebuilt' });
  const models = useVersionQuery(ctx, 'models', () => ctx.client.models(ctx.appId, ctx.version), { enabled: kind === 'composite' });
  // A composite is made of entities that exist already (not of other composites).
  const composable = models.data?.filter((m) => { const k = entityKindOf(m.readableType)?.kind; return k !== undefined && k !== 'composite'; }) ?? [];
  const prebuiltName = prebuilt || prebuilts.data?.[0]?.name || '';
  const create = useMutation({
    mutationFn: async (): Promise<unknown> => {
      const { client, appId, version } = ctx;
      if (kind === 'prebuilt') return client.addPrebuilts(appId, version, [prebuiltName]);
      if (kind === 'simple') return client.createEntity(appId, version, name.trim());
      if (kind === 'patternany') return client.createPatternAnyEntity(appId, version, name.trim());
      if (kind === 'regex') return client.createRegexEntity(appId, version, { name: name.trim(), regexPattern: pattern });
      if (kind === 'composite') return client.createCompositeEntity(appId, version, { name: name.trim(), children: parts });
      if (kind === 'hierarchical') return client.createHierarchicalEntity(appId, version, { name: name.trim(), children: parseChildNames(childText) });
      const parsed = parseSubLists(values);
      if ('error' in parsed) throw new Error(parsed.error);
      return client.createListEntity(appId, version, { name: name.trim(), subLists: parsed.subLists });
    },
    onSuccess: async () => { setName(''); setValues(''); setPattern(''); setParts([]); setChildText(''); await onCreated(); },
  });
  const submit = () => {
    const missing = kind !== 'prebuilt' && !name.trim() ? 'Enter a name for the entity.'
      : kind === 'regex' && !pattern.trim() ? 'Enter a regular expression.'
      : kind === 'list' && 'error' in parseSubLists(values) ? (parseSubLists(values) as { error: string }).error
      : kind === 'composite' && parts.length === 0 ? 'Choose at least one entity for the composite.'
      : kind === 'hierarchical' && parseChildNames(childText).length === 0 ? 'Enter at least one child name.'
      : undefined;
    setProblem(missing);
    if (!missing) create.mutate();
  };
  return (
    <form className="entity-form" aria-label="New entity" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <div className="entity-form-row">
        <Field label="Type">{(p) => (
          <select {...p} value={kind} onChange={(e) => { setKind(e.target.value as EntityKind); setProblem(undefined); create.reset(); }}>
            {CREATABLE.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
        )}</Field>
        {kind === 'prebuilt'
          ? <Field label="Prebuilt entity">{(p) => (
            <select {...p} value={prebuiltName} onChange={(e) => setPrebuilt(e.target.value)}>
              {prebuilts.data?.map((b) => <option key={b.name} value={b.name}>{`${b.name} — ${b.description}`}</option>)}
            </select>
          )}</Field>
          : <Field label="Name">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>}
      </div>
      {kind === 'regex' && <Field label="Regular expression">{(p) => <input {...p} className="mono" value={pattern} placeholder="[A-Z]{2}-\d{4}" onChange={(e) => setPattern(e.target.value)} />}</Field>}
      {kind === 'list' && (
        <Field label="Values" hint="One per line: value: synonym, synonym">{(p) => (
          <textarea {...p} rows={4} value={values} placeholder={'on: turn on, switch on\noff: turn off, switch off'} onChange={(e) => setValues(e.target.value)} />
        )}</Field>
      )}
      {kind === 'composite' && (
        <fieldset className="field">
          <legend>Made of</legend>
          {models.isPending && <Loading label="Loading entities…" />}
          {models.data && composable.length === 0 && <p className="muted">Create the entities a composite is made of first.</p>}
          {composable.map((m) => (
            <label key={m.id} className="check">
              <input type="checkbox" checked={parts.includes(m.name)}
                onChange={(e) => setParts(e.target.checked ? [...parts, m.name] : parts.filter((n) => n !== m.name))} /> {m.name}
            </label>
          ))}
          <ErrorMessage error={models.error} />
        </fieldset>
      )}
      {kind === 'hierarchical' && (
        <Field label="Children" hint="Comma separated, e.g. origin, destination">{(p) => <input {...p} value={childText} onChange={(e) => setChildText(e.target.value)} />}</Field>
      )}
      {prebuilts.error && <ErrorMessage error={prebuilts.error} title="The prebuilt entities could not be loaded." />}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <ErrorMessage error={create.error} title="The entity was not created." />
      <div className="form-actions"><button className="button" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create entity'}</button></div>
    </form>
  );
}

/** An entity's roles, each removable, and a field to add one. */
function RolesEditor({ ctx, entity }: { ctx: Ctx; entity: Entity }) {
  const [role, setRole] = useState('');
  const invalidate = useInvalidate(ctx);
  const segment = entityKindOf(entity.readableType)!.segment;
  const add = useMutation({
    mutationFn: () => ctx.client.addRole(ctx.appId, ctx.version, segment, entity.id, role.trim()),
    onSuccess: async () => { setRole(''); await invalidate('models'); },
  });
  const remove = useMutation({
    mutationFn: (roleId: string) => ctx.client.deleteRole(ctx.appId, ctx.version, segment, entity.id, roleId),
    onSuccess: () => invalidate('models'),
  });
  return (
    <div className="roles">
      {entity.roles?.map((r) => (
        <span key={r.id} className="badge badge-neutral">role {r.name}
          <button type="button" className="button-link" aria-label={`Remove role ${r.name} of ${entity.name}`} onClick={() => remove.mutate(r.id)}>×</button>
        </span>
      ))}
      <form className="inline-form role-form" aria-label={`Add a role to ${entity.name}`} onSubmit={(e) => { e.preventDefault(); if (role.trim()) add.mutate(); }}>
        <label className="visually-hidden" htmlFor={`role-${entity.id}`}>New role of {entity.name}</label>
        <input id={`role-${entity.id}`} value={role} placeholder="Add role" onChange={(e) => setRole(e.target.value)} />
        <button className="button" disabled={!role.trim() || add.isPending}>Add role</button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
    </div>
  );
}

function EntitiesSection({ ctx }: { ctx: Ctx }) {
  const models = useVersionQuery(ctx, 'models', () => ctx.client.models(ctx.appId, ctx.version));
  const invalidate = useInvalidate(ctx);
  const remove = useMutation({
    mutationFn: (e: Entity) => ctx.client.deleteEntity(ctx.appId, ctx.version, entityKindOf(e.readableType)!.segment, e.id),
    onSuccess: () => invalidate('models', 'entities', 'examples'),
  });
  if (models.isPending) return <Loading label="Loading entities…" />;
  const entities = models.data?.filter((m) => entityKindOf(m.readableType) !== undefined);
  return (
    <SimpleList title="Entities" items={entities} error={models.error ?? remove.error}
      render={(e) => (
        <div className="entity-item">
          <div><strong>{e.name}</strong> <span className="badge badge-neutral">{entityKindOf(e.readableType)?.label}</span>
            {e.children && e.children.length > 0 && <span className="muted small"> · {e.children.map((c) => c.name).join(', ')}</span>}</div>
          <RolesEditor ctx={ctx} entity={e} />
        </div>
      )}
      deleteLabel={(e) => `Delete entity ${e.name}`}
      onDelete={(e) => remove.mutate(e)}
      form={<NewEntityForm ctx={ctx} onCreated={() => invalidate('models', 'entities')} />} />
  );
}

function PatternsSection({ ctx }: { ctx: Ctx }) {
  const patterns = useVersionQuery(ctx, 'patterns', () => ctx.client.patterns(ctx.appId, ctx.version));
  const intents = useVersionQuery(ctx, 'intents', () => ctx.client.intents(ctx.appId, ctx.version));
  const [pattern, setPattern] = useState('');
  const [intent, setIntent] = useState('');
  const invalidate = useInvalidate(ctx);
  const intentName = intent || intents.data?.[0]?.name || '';
  const add = useMutation({ mutationFn: () => ctx.client.addPattern(ctx.appId, ctx.version, { pattern: pattern.trim(), intent: intentName }), onSuccess: async () => { setPattern(''); await invalidate('patterns'); } });
  const remove = useMutation({ mutationFn: (id: string) => ctx.client.deletePattern(ctx.appId, ctx.version, id), onSuccess: () => invalidate('patterns') });
  return (
    <SimpleList title="Patterns" items={patterns.data} error={patterns.error ?? add.error ?? remove.error}
      render={(p) => <><code>{p.pattern}</code> <span className="muted">→ {p.intent}</span></>}
      deleteLabel={(p) => `Delete pattern ${p.pattern}`}
      onDelete={(p) => remove.mutate(p.id)}
      form={
        <form className="inline-form" aria-label="New pattern" onSubmit={(e) => { e.preventDefault(); if (pattern.trim()) add.mutate(); }}>
          <label htmlFor="new-pattern">Pattern</label>
          <input id="new-pattern" value={pattern} placeholder="book a flight to {Location}[?]" onChange={(e) => setPattern(e.target.value)} />
          <label htmlFor="pattern-intent">Intent</label>
          <select id="pattern-intent" value={intentName} onChange={(e) => setIntent(e.target.value)}>{intents.data?.map((i) => <option key={i.id}>{i.name}</option>)}</select>
          <button className="button" disabled={!pattern.trim()}>Add</button>
        </form>
      } />
  );
}

function PhraseListsSection({ ctx }: { ctx: Ctx }) {
  const lists = useVersionQuery(ctx, 'phraselists', () => ctx.client.phraseLists(ctx.appId, ctx.version));
  const [name, setName] = useState('');
  const [phrases, setPhrases] = useState('');
  const [interchangeable, setInterchangeable] = useState(true);
  const invalidate = useInvalidate(ctx);
  const add = useMutation({ mutationFn: () => ctx.client.addPhraseList(ctx.appId, ctx.version, { name: name.trim(), phrases: phrases.split(',').map((p) => p.trim()).filter(Boolean).join(','), isExchangeable: interchangeable }), onSuccess: async () => { setName(''); setPhrases(''); await invalidate('phraselists'); } });
  const remove = useMutation({ mutationFn: (id: number) => ctx.client.deletePhraseList(ctx.appId, ctx.version, id), onSuccess: () => invalidate('phraselists') });
  return (
    <SimpleList title="Phrase lists" items={lists.data} error={lists.error ?? add.error ?? remove.error}
      render={(l) => <><strong>{l.name}</strong> <span className="muted">{l.phrases.split(',').join(', ')}</span>{l.isExchangeable && <span className="badge badge-neutral">interchangeable</span>}</>}
      deleteLabel={(l) => `Delete phrase list ${l.name}`}
      onDelete={(l) => remove.mutate(l.id)}
      form={
        <form className="inline-form" aria-label="New phrase list" onSubmit={(e) => { e.preventDefault(); if (name.trim() && phrases.trim()) add.mutate(); }}>
          <label htmlFor="pl-name">Name</label>
          <input id="pl-name" value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor="pl-phrases">Phrases (comma separated)</label>
          <input id="pl-phrases" value={phrases} onChange={(e) => setPhrases(e.target.value)} />
          <label className="check"><input type="checkbox" checked={interchangeable} onChange={(e) => setInterchangeable(e.target.checked)} /> Interchangeable</label>
          <button className="button" disabled={!name.trim() || !phrases.trim()}>Add</button>
        </form>
      } />
  );
}

function VersionsSection({ ctx, onUse }: { ctx: Ctx; onUse: (v: string) => void }) {
  const qc = useQueryClient();
  const versions = useQuery({ queryKey: ['luis', ctx.region, ctx.appId, 'versions'], queryFn: () => ctx.client.versions(ctx.appId) });
  const [cloneName, setCloneName] = useState('');
  const [importName, setImportName] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['luis', ctx.region, ctx.appId, 'versions'] });
  const clone = useMutation({ mutationFn: () => ctx.client.cloneVersion(ctx.appId, ctx.version, cloneName.trim()), onSuccess: async () => { setCloneName(''); await refresh(); } });
  const importVersion = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error('Choose a LUIS app .json file.');
      return ctx.client.importVersion(ctx.appId, importName.trim(), await readAppFile(file));
    },
    onSuccess: async () => { setImportName(''); await refresh(); },
  });
  const exportVersion = useMutation({ mutationFn: async (v: string) => downloadJson(`${ctx.appId}-${v}.json`, await ctx.client.exportVersion(ctx.appId, v)) });
  return (
    <section className="card" aria-label="Versions">
      <h2>Versions</h2>
      <ErrorMessage error={versions.error ?? clone.error ?? importVersion.error ?? exportVersion.error} />
      <div className="card-flush">
        <table className="table" aria-label="Versions">
          <thead><tr><th scope="col">Version</th><th scope="col" className="hide-narrow">Training</th><th scope="col" className="hide-narrow num">Intents</th><th scope="col" className="hide-narrow num">Entities</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {versions.data?.map((v) => (
              <tr key={v.version}>
                <td>{v.version} {v.version === ctx.version && <span className="badge badge-ok">in use</span>}</td>
                <td className="hide-narrow">{v.trainingStatus ?? '—'}</td>
                <td className="hide-narrow num">{v.intentsCount ?? '—'}</td>
                <td className="hide-narrow num">{v.entitiesCount ?? '—'}</td>
                <td className="row-actions">
                  {v.version !== ctx.version && <button type="button" className="button button-link" onClick={() => onUse(v.version)}>Set active</button>}
                  <button type="button" className="button button-link" onClick={() => exportVersion.mutate(v.version)}>Export</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="inline-form spaced" aria-label="Clone version" onSubmit={(e) => { e.preventDefault(); if (cloneName.trim()) clone.mutate(); }}>
        <label htmlFor="clone-name">Clone {ctx.version} as</label>
        <input id="clone-name" value={cloneName} placeholder="0.2" onChange={(e) => setCloneName(e.target.value)} />
        <button className="button" disabled={!cloneName.trim()}>Clone</button>
      </form>
      <form className="inline-form spaced" aria-label="Import version" onSubmit={(e) => { e.preventDefault(); importVersion.mutate(); }}>
        <label htmlFor="import-version-file">Import a version from</label>
        <input id="import-version-file" ref={fileRef} type="file" accept=".json,.lu,application/json" className="file-input" />
        <label htmlFor="import-version-name">as</label>
        <input id="import-version-name" value={importName} placeholder="0.3" onChange={(e) => setImportName(e.target.value)} />
        <button className="button" disabled={!importName.trim()}>Import</button>
      </form>
    </section>
  );
}

function CollaboratorsSection({ ctx }: { ctx: Ctx }) {
  const qc = useQueryClient();
  const perms = useQuery({ queryKey: ['luis', ctx.region, ctx.appId, 'permissions'], queryFn: () => ctx.client.permissions(ctx.appId) });
  const [email, setEmail] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['luis', ctx.region, ctx.appId, 'permissions'] });
  const add = useMutation({ mutationFn: () => ctx.client.addCollaborator(ctx.appId, email.trim()), onSuccess: async () => { setEmail(''); await refresh(); } });
  const remove = useMutation({ mutationFn: (e: string) => ctx.client.removeCollaborator(ctx.appId, e), onSuccess: refresh });
  return (
    <SimpleList title="Collaborators" items={perms.data ? [perms.data.owner, ...perms.data.emails] : undefined} error={perms.error ?? add.error ?? remove.error}
      render={(e) => <>{e}{e === perms.data?.owner && <span className="badge badge-neutral">owner</span>}</>}
      deleteLabel={(e) => (e === perms.data?.owner ? undefined : `Remove collaborator ${e}`)}
      onDelete={(e) => remove.mutate(e)}
      form={
        <form className="inline-form" aria-label="Add collaborator" onSubmit={(e) => { e.preventDefault(); if (email.trim()) add.mutate(); }}>
          <label htmlFor="collab-email">Email</label>
          <input id="collab-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          <button className="button" disabled={!email.trim()}>Add collaborator</button>
        </form>
      } />
  );
}

function TrainButton({ ctx }: { ctx: Ctx }) {
  const [polling, setPolling] = useState(false);
  const status = useVersionQuery(ctx, 'train', () => ctx.client.trainingStatus(ctx.appId, ctx.version), { refetchInterval: polling ? 500 : false });
  const summary = trainingSummary(status.data ?? []);
  useEffect(() => { if (polling && summary.state !== 'training' && status.isFetched && !status.isFetching) setPolling(summary.state === 'untrained'); }, [summary.state, status.isFetching]);
  const train = useMutation({ mutationFn: () => ctx.client.train(ctx.appId, ctx.version), onSuccess: () => { setPolling(true); status.refetch(); } });
  const busy = train.isPending || (polling && summary.state !== 'trained' && summary.state !== 'failed');
  return (
    <div className="train">
      <button type="button" className="button button-primary" onClick={() => train.mutate()} disabled={busy}>{busy ? 'Training…' : 'Train'}</button>
      <div className="train-status" role="status" aria-live="polite">
        {summary.total > 0 && (
          <>
            <progress max={summary.total} value={summary.done} aria-label="Models trained" />
            <span>{summary.state === 'trained' ? 'Trained' : summary.state === 'failed' ? 'Training failed' : summary.state === 'untrained' ? 'Not trained yet' : `${summary.done} of ${summary.total} models trained`}</span>
          </>
        )}
      </div>
      {summary.state === 'failed' && (
        <ul className="train-failures">{status.data?.filter((m) => m.details.status === 'Fail').map((m) => <li key={m.modelId}>{m.details.failureReason ?? m.modelId}</li>)}</ul>
      )}
      <ErrorMessage error={train.error ?? status.error} title="Training could not start." />
    </div>
  );
}

const SECTIONS = [
  ['intents', 'Intents'], ['entities', 'Entities'], ['patterns', 'Patterns'], ['phraselists', 'Phrase lists'],
  ['review', 'Review'], ['batchtest', 'Batch testing'], ['versions', 'Versions'], ['publish', 'Publish'], ['collaborators', 'Collaborators'], ['settings', 'Settings'],
] as const;

export function LuisAppPage() {
  const { appId = '', section = 'intents' } = useParams();
  const [params, setParams] = useSearchParams();
  const { client, region } = useLuis();
  const [testing, setTesting] = useState(false);
  const app = useQuery({ queryKey: ['luis', region, appId, 'info'], queryFn: () => client!.app(appId), enabled: Boolean(client) });
  const version = params.get('version') ?? app.data?.activeVersion ?? '';
  if (!client || app.isPending) return <Loading label="Loading the app…" />;
  if (app.error) return <div className="page"><ErrorMessage error={app.error} title="The app could not be loaded." onRetry={() => app.refetch()} /></div>;
  const ctx: Ctx = { client, appId, version, region };
  const qs = params.get('version') ? `?version=${encodeURIComponent(version)}` : '';
  return (
    <div className="page page-wide">
      <nav aria-label="Breadcrumb" className="breadcrumb"><Link to="/luis">LUIS apps</Link> <span aria-hidden="true">›</span> {app.data.name}</nav>
      <header className="page-header page-header-row">
        <div>
          <h1>{app.data.name}</h1>
          <p className="page-subtitle">{app.data.culture} · version {version} · {region}</p>
        </div>
        <div className="toolbar">
          <TrainButton ctx={ctx} />
          <button type="button" className="button" aria-expanded={testing} onClick={() => setTesting((t) => !t)}>Test</button>
        </div>
      </header>
      <nav className="tabs" aria-label="App sections">
        {SECTIONS.map(([id, label]) => <NavLink key={id} to={`/luis/${appId}/${id}${qs}`} className={() => `tab${section === id ? ' active' : ''}`} aria-current={section === id ? 'page' : undefined}>{label}</NavLink>)}
      </nav>
      <div className={testing ? 'with-panel' : ''}>
        <div>
          {section === 'intents' && <IntentsSection ctx={ctx} />}
          {section === 'entities' && <EntitiesSection ctx={ctx} />}
          {section === 'patterns' && <PatternsSection ctx={ctx} />}
          {section === 'phraselists' && <PhraseListsSection ctx={ctx} />}
          {section === 'review' && <ReviewSection ctx={ctx} />}
          {section === 'batchtest' && <BatchTestSection ctx={ctx} />}
          {section === 'versions' && <VersionsSection ctx={ctx} onUse={(v) => setParams({ version: v })} />}
          {section === 'publish' && <PublishSection ctx={ctx} />}
          {section === 'collaborators' && <CollaboratorsSection ctx={ctx} />}
          {section === 'settings' && <SettingsSection ctx={ctx} app={app.data} />}
        </div>
        {testing && <TestPanel ctx={ctx} onClose={() => setTesting(false)} />}
      </div>
    </div>
  );
}
