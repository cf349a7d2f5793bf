// The IP allow-list as the Networking card edits it: one address or CIDR range
// per line. An empty list lets every address in (defaultAction Allow); any
// entry makes the list the only way in (Deny). The server checks each entry
// and its message, naming the bad one, is shown when it refuses.
import type { NetworkAcls } from '../api/types.ts';

/** The entries of the text: trimmed, blank lines dropped, each once in the order first written. */
export function parseAllowList(text: string): string[] {
  const entries = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return [...new Set(entries)];
}

export function allowListText(acls: NetworkAcls | undefined): string {
  return (acls?.ipRules ?? []).map((rule) => rule.value).join('\n');
}

/** The rules to send for an allow-list. */
export function rulesForAllowList(entries: string[]): NetworkAcls {
  return { defaultAction: entries.length ? 'Deny' : 'Allow', ipRules: entries.map((value) => ({ value })) };
}

/** Who may use the keys under these rules, in one sentence. */
export function describeAccess(acls: NetworkAcls | undefined): string {
  if (!acls || acls.defaultAction === 'Allow') return 'Every address may use the keys.';
  if (acls.ipRules.length === 0) return 'No address may use the keys: the default action is Deny and there are no IP rules.';
  const n = acls.ipRules.length;
  return `Only ${n === 1 ? 'the address or range' : `these ${n} addresses and ranges`} below may use the keys; others get 403.`;
}
