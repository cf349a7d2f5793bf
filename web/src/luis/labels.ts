// Entity labels on an utterance: added by selecting text, shown as
// highlighted segments. Pure functions so the rules are tested without a page.
import type { CharLabel, TokenLabel } from './api.ts';

export type Segment = { text: string; entity?: string };

/** Adds a label for the selected characters, trimming spaces, dropping labels it overlaps. */
export function addLabel(text: string, labels: CharLabel[], entityName: string, start: number, end: number): CharLabel[] {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s >= e || !entityName) return labels;
  // LUIS counts endCharIndex inclusively.
  const label = { entityName, startCharIndex: s, endCharIndex: e - 1 };
  const kept = labels.filter((l) => l.endCharIndex < label.startCharIndex || l.startCharIndex > label.endCharIndex);
  return [...kept, label].sort((a, b) => a.startCharIndex - b.startCharIndex);
}

/** Splits text into plain and labelled pieces, in order. */
export function charSegments(text: string, labels: CharLabel[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const l of [...labels].sort((a, b) => a.startCharIndex - b.startCharIndex)) {
    if (l.startCharIndex < at || l.endCharIndex >= text.length) continue;
    if (l.startCharIndex > at) out.push({ text: text.slice(at, l.startCharIndex) });
    out.push({ text: text.slice(l.startCharIndex, l.endCharIndex + 1), entity: l.entityName });
    at = l.endCharIndex + 1;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** Same for a stored example, whose labels count tokens (inclusive) rather than characters. */
export function tokenSegments(tokens: string[], labels: TokenLabel[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const l of [...labels].sort((a, b) => a.startTokenIndex - b.startTokenIndex)) {
    if (l.startTokenIndex < at || l.endTokenIndex >= tokens.length) continue;
    if (l.startTokenIndex > at) out.push({ text: tokens.slice(at, l.startTokenIndex).join(' ') });
    out.push({ text: tokens.slice(l.startTokenIndex, l.endTokenIndex + 1).join(' '), entity: l.entityName });
    at = l.endTokenIndex + 1;
  }
  if (at < tokens.length) out.push({ text: tokens.slice(at).join(' ') });
  return out;
}

type ModelStatus = { details: { status: string; failureReason?: string | null } };

/** A version never trained reports each model as Fail with the reason NeedsTraining: that is not a failure. */
const neverTrained = (m: ModelStatus) => m.details.status === 'Fail' && /^NeedsTraining\b/.test(m.details.failureReason ?? '');

/** Training is done when every model reports Success or UpToDate; failed when any Fail. */
export function trainingSummary(models: ModelStatus[]): { done: number; total: number; state: 'training' | 'trained' | 'failed' | 'untrained' } {
  const total = models.length;
  if (total > 0 && models.every(neverTrained)) return { done: 0, total, state: 'untrained' };
  const done = models.filter((m) => m.details.status === 'Success' || m.details.status === 'UpToDate').length;
  if (models.some((m) => m.details.status === 'Fail' && !neverTrained(m))) return { done, total, state: 'failed' };
  if (total > 0 && done === total) return { done, total, state: 'trained' };
  if (models.some((m) => m.details.status === 'InProgress' || m.details.status === 'Queued')) return { done, total, state: 'training' };
  return { done, total, state: 'untrained' };
}

/** The ready-to-paste v2.0 endpoint URL, as the LUIS docs show it. */
export function endpointUrl(endpoint: string, appId: string, key: string, staging = false): string {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return `${base}luis/v2.0/apps/${appId}?staging=${staging}&verbose=true&timezoneOffset=0&subscription-key=${key}&q=`;
}
