// Edits of a version document that reach beyond one item: renaming or
// deleting an intent or entity updates every label, pattern, composite and
// feature that names it, as LUIS does.
import type { EntityLabel, FeatureRef } from '../../nlu/index.ts';
import { allEntities, type ExampleItem, type VersionDoc } from './document.ts';
import { nameProblem } from './limits.ts';
import { badArgument } from '../errors.ts';

export function checkName(kind: string, name: string): void {
  const problem = nameProblem(kind, name);
  if (problem) throw badArgument(problem);
}

export function checkIntentNameFree(doc: VersionDoc, name: string, exceptId?: string): void {
  checkName('intent', name);
  if (doc.intents.some((i) => i.name.toLowerCase() === name.toLowerCase() && i.id !== exceptId)) throw badArgument(`An intent named "${name}" already exists.`);
}

export function checkEntityNameFree(doc: VersionDoc, name: string, exceptId?: string): void {
  checkName('entity', name);
  if (allEntities(doc).some(({ item }) => item.name.toLowerCase() === name.toLowerCase() && item.id !== exceptId)) {
    throw badArgument(`An entity named "${name}" already exists.`);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mapLabels(labels: EntityLabel[], f: (l: EntityLabel) => EntityLabel | undefined): EntityLabel[] {
  return labels.flatMap((l) => {
    const mapped = f(l);
    if (!mapped) return [];
    return [{ ...mapped, ...(mapped.children ? { children: mapLabels(mapped.children, f) } : {}) }];
  });
}

function renameFeatures(features: FeatureRef[], kind: FeatureRef['kind'], from: string, to: string): FeatureRef[] {
  return features.map((f) => (f.kind === kind && f.name === from ? { ...f, name: to } : f));
}

/** Renames an entity everywhere it is named. */
export function renameEntityEverywhere(doc: VersionDoc, from: string, to: string): void {
  const renameRef = (name: string) => (name === from ? to : name.startsWith(`${from}::`) ? `${to}${name.slice(from.length)}` : name);
  for (const u of doc.utterances) u.entities = mapLabels(u.entities, (l) => ({ ...l, entity: renameRef(l.entity) }));
  for (const c of doc.composites) for (const child of c.children) child.name = renameRef(child.name);
  const ref = new RegExp(`\\{(\\s*)${escapeRegExp(from)}(\\s*[:}])`, 'g');
  for (const p of doc.patterns) p.pattern = p.pattern.replace(ref, `{$1${to}$2`);
  for (const i of doc.intents) i.features = renameFeatures(i.features, 'model', from, to);
  for (const e of doc.entities) e.features = renameFeatures(e.features, 'model', from, to);
}

/** Removes an entity's labels and references (patterns that name it make the edit fail validation, so they are kept). */
export function removeEntityReferences(doc: VersionDoc, name: string): void {
  const gone = (entity: string) => entity === name || entity.startsWith(`${name}::`);
  for (const u of doc.utterances) u.entities = mapLabels(u.entities, (l) => (gone(l.entity) ? undefined : l));
  for (const c of doc.composites) c.children = c.children.filter((child) => !gone(child.name));
  for (const i of doc.intents) i.features = i.features.filter((f) => !(f.kind === 'model' && f.name === name));
  for (const e of doc.entities) e.features = e.features.filter((f) => !(f.kind === 'model' && f.name === name));
}

export function removeRoleReferences(doc: VersionDoc, entity: string, role: string): void {
  for (const u of doc.utterances) u.entities = mapLabels(u.entities, (l) => (l.entity === entity && l.role === role ? { ...l, role: undefined } : l))
    .map(stripUndefinedRole);
}

export function renameRoleEverywhere(doc: VersionDoc, entity: string, from: string, to: string): void {
  for (const u of doc.utterances) u.entities = mapLabels(u.entities, (l) => (l.entity === entity && l.role === from ? { ...l, role: to } : l));
  const ref = new RegExp(`\\{(\\s*)${escapeRegExp(entity)}(\\s*):(\\s*)${escapeRegExp(from)}(\\s*)\\}`, 'g');
  for (const p of doc.patterns) p.pattern = p.pattern.replace(ref, `{$1${entity}$2:$3${to}$4}`);
}

function stripUndefinedRole(l: EntityLabel): EntityLabel {
  if (l.role !== undefined) return l;
  const { role: _role, ...rest } = l;
  return rest;
}

export function renameIntentEverywhere(doc: VersionDoc, from: string, to: string): void {
  for (const u of doc.utterances) if (u.intent === from) u.intent = to;
  for (const p of doc.patterns) if (p.intent === from) p.intent = to;
}

/** Adds an example, or relabels the existing one with the same text (LUIS keeps one example per text). */
export function upsertExample(doc: VersionDoc, example: Omit<ExampleItem, 'id'>, newId: () => number): ExampleItem {
  const existing = doc.utterances.find((u) => u.text.toLowerCase() === example.text.toLowerCase());
  if (existing) {
    existing.intent = example.intent;
    existing.entities = example.entities;
    existing.text = example.text;
    return existing;
  }
  const item = { id: newId(), ...example };
  doc.utterances.push(item);
  return item;
}
