// The events of the audit log, one typed member each. Type names are kebab-case,
// past tense ("resource-key-regenerated"); the fields are names only — a
// resource, a region, a key's slot (key1/key2), an app, an e-mail — never a
// key, password or token, so a stored row can be shown to its owner as is.
import type { KeySlot } from '../resources/resource.ts';

export type KeySlotName = 'key1' | 'key2';

export type AuditEvent =
  | { type: 'account-created' }
  | { type: 'login-succeeded'; session: string }
  | { type: 'login-failed' }
  | { type: 'logged-out'; session: string }
  | { type: 'password-changed' }
  | { type: 'session-revoked'; session: string }
  | { type: 'authoring-key-regenerated'; region: string; key: KeySlotName }
  | { type: 'resource-created'; resource: string; kind: string; tier: string; region: string }
  | { type: 'resource-deleted'; resource: string }
  | { type: 'resource-key-regenerated'; resource: string; key: KeySlotName }
  | { type: 'resource-updated'; resource: string; tier: string }
  | { type: 'resource-renewed'; resource: string }
  | { type: 'luis-collaborator-added'; appId: string; app: string; collaborator: string }
  | { type: 'luis-collaborator-removed'; appId: string; app: string; collaborator: string }
  /** Recorded on every account by the operator's `portico rotate-master-key`. */
  | { type: 'master-key-rotated' };

export type AuditEventType = AuditEvent['type'];

/** Every event type, in the order the docs list them. */
export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = [
  'account-created', 'login-succeeded', 'login-failed', 'logged-out', 'password-changed', 'session-revoked',
  'authoring-key-regenerated', 'resource-created', 'resource-deleted', 'resource-key-regenerated',
  'resource-updated', 'resource-renewed', 'luis-collaborator-added', 'luis-collaborator-removed', 'master-key-rotated',
] satisfies readonly AuditEventType[];

/** The detail an event stores: its fields without the type. */
export type AuditDetail = Record<string, string>;

export function keySlotName(slot: KeySlot): KeySlotName {
  return slot === 1 ? 'key1' : 'key2';
}

export function detailOf(event: AuditEvent): AuditDetail {
  const { type: _type, ...detail } = event;
  return detail as AuditDetail;
}

/** One line for people (portal, CLI) saying what happened. */
export function describeAuditEvent(type: string, d: AuditDetail): string {
  switch (type as AuditEventType) {
    case 'account-created': return 'Account created';
    case 'login-succeeded': return `Signed in (session ${d.session})`;
    case 'login-failed': return 'Sign-in failed: wrong password';
    case 'logged-out': return `Signed out (session ${d.session})`;
    case 'password-changed': return 'Password changed; other sessions ended';
    case 'session-revoked': return `Session ${d.session} revoked`;
    case 'authoring-key-regenerated': return `Authoring ${d.key} of ${d.region} regenerated`;
    case 'resource-created': return `Resource ${d.resource} created (${d.kind}, ${d.tier}, ${d.region})`;
    case 'resource-deleted': return `Resource ${d.resource} deleted`;
    case 'resource-key-regenerated': return `${d.key} of resource ${d.resource} regenerated`;
    case 'resource-updated': return `Resource ${d.resource} moved to tier ${d.tier}`;
    case 'resource-renewed': return `Resource ${d.resource} renewed (both keys replaced)`;
    case 'luis-collaborator-added': return `${d.collaborator} added as collaborator of LUIS app ${d.app}`;
    case 'luis-collaborator-removed': return `${d.collaborator} removed as collaborator of LUIS app ${d.app}`;
    case 'master-key-rotated': return 'Master key rotated by the operator (keys re-encrypted at rest)';
    default: return type;
  }
}
