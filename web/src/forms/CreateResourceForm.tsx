// The create-resource form: kind, tier and region all come from the catalog,
// and each tier shows its rate and monthly quota beside it.
import { useState } from 'react';
import { creatableKinds } from '../api/normalize.ts';
import type { Catalog } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ErrorMessage } from '../components/Status.tsx';
import { describeQuota, describeRate } from './format.ts';
import { hasErrors, validateResource, type FieldErrors, type ResourceFields } from './validation.ts';

export type NewResource = Record<ResourceFields, string>;

type Props = {
  catalog: Catalog;
  existingNames: readonly string[];
  busy?: boolean;
  error?: unknown;
  onSubmit: (values: NewResource) => void;
  onCancel?: () => void;
};

export function CreateResourceForm({ catalog, existingNames, busy, error, onSubmit, onCancel }: Props) {
  const kinds = creatableKinds(catalog);
  const firstKind = kinds[0];
  const [values, setValues] = useState<NewResource>({
    name: '',
    kind: firstKind?.name ?? '',
    tier: firstKind?.tiers[0]?.name ?? '',
    region: firstKind?.regions[0] ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors<ResourceFields>>({});
  const kind = kinds.find((k) => k.name === values.kind);

  function chooseKind(name: string) {
    const next = kinds.find((k) => k.name === name);
    setValues((v) => ({
      ...v,
      kind: name,
      tier: next?.tiers.some((t) => t.name === v.tier) ? v.tier : next?.tiers[0]?.name ?? '',
      region: next?.regions.includes(v.region) ? v.region : next?.regions[0] ?? '',
    }));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = { ...values, name: values.name.trim() };
    const found = validateResource(trimmed, existingNames);
    setErrors(found);
    if (!hasErrors(found)) onSubmit(trimmed);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Create resource" className="form">
      <ErrorMessage error={error} title="The resource was not created." />
      <Field label="Name" error={errors.name} hint="2–64 letters, digits and hyphens; unique in your account.">
        {(p) => <input {...p} value={values.name} autoComplete="off" spellCheck={false} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <Field label="Kind" error={errors.kind}>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => chooseKind(e.target.value)}>
            {kinds.map((k) => <option key={k.name} value={k.name}>{k.displayName}</option>)}
          </select>
        )}
      </Field>
      <fieldset className="field tiers" aria-describedby={errors.tier ? 'tier-error' : undefined}>
        <legend>Pricing tier</legend>
        {kind?.tiers.map((tier) => (
          <label key={tier.name} className={`tier-option${values.tier === tier.name ? ' tier-selected' : ''}`}>
            <input type="radio" name="tier" value={tier.name} checked={values.tier === tier.name} onChange={() => setValues({ ...values, tier: tier.name })} />
            <span className="tier-name">{tier.name}</span>
            <span className="tier-limits">
              <span>{describeRate(tier)}</span>
              <span>{describeQuota(tier)}</span>
            </span>
          </label>
        ))}
        {errors.tier && <div id="tier-error" className="field-error">{errors.tier}</div>}
      </fieldset>
      <Field label="Region" error={errors.region}>
        {(p) => (
          <select {...p} value={values.region} onChange={(e) => setValues({ ...values, region: e.target.value })}>
            {kind?.regions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Creating…' : 'Create'}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>}
      </div>
    </form>
  );
}
