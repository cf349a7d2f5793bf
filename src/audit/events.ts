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
  /**
   * `changed` lists the settings whose value changed (comma-separated: tier,
   * disableLocalAuth, customSubDomainName); each changed setting other than
   * the tier, which is always given, adds its new value ("true"/"false"; a
   * removed subdomain name is "").
   */
  | { type: 'resource-updated'; resource: string; tier: string; changed: string; disableLocalAuth?: string; customSubDomainName?: string }
  /** The rules as replaced: the default action and the addresses and CIDR ranges, comma-separated ("" for none). */
  | { type: 'resource-network-rules-changed'; resource: string; defaultAction: string; ipRules: string }
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
  'resource-updated', 'resource-network-rules-changed', 'resource-renewed', 'luis-collaborator-added', 'luis-collaborator-removed', 'master-key-rotated',
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

/** Events recorded before the settings were named carry no `changed`: they could only move the tier. */
function describeResourceUpdate(d: AuditDetail): string {
  const changed = d.changed === undefined ? ['tier'] : d.changed.split(',').filter(Boolean);
  if (changed.length === 0) return `Resource ${d.resource} updated; nothing changed`;
  const parts = changed.map((setting) => {
    switch (setting) {
      case 'tier': return `tier ${d.tier}`;
      case 'disableLocalAuth': return `key authentication ${d.disableLocalAuth === 'true' ? 'disabled' : 'enabled'}`;
      case 'customSubDomainName': return d.customSubDomainName ? `custom subdomain ${d.customSubDomainName}` : 'custom subdomain removed';
      default: return setting;
    }
  });
  return `Resource ${d.resource} updated: ${parts.join(', ')}`;
}

function describeNetworkRules(d: AuditDetail): string {
  if (d.defaultAction === 'Allow') return `Network rules of resource ${d.resource} changed: every address allowed`;
  return `Network rules of resource ${d.resource} changed: only ${d.ipRules || 'no address'} allowed`;
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
    case 'resource-updated': return describeResourceUpdate(d);
    case 'resource-network-rules-changed': return describeNetworkRules(d);
    case 'resource-renewed': return `Resource ${d.resource} renewed (both keys replaced)`;
    case 'luis-collaborator-added': return `${d.collaborator} added as collaborator of LUIS app ${d.app}`;
    case 'luis-collaborator-removed': return `${d.collaborator} removed as collaborator of LUIS app ${d.app}`;
    case 'master-key-rotated': return 'Master key rotated by the operator (keys re-encrypted at rest)';
    default: return type;
  }
}
