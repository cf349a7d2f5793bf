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

/** The list in effect, one entry a line: none under Allow, where rules stored through the API do not apply. */
export function allowListText(acls: NetworkAcls | undefined): string {
  return acls?.defaultAction === 'Deny' ? acls.ipRules.map((rule) => rule.value).join('\n') : '';
}

/** Whether saving these entries would leave the rules as they are. */
export function sameRules(entries: string[], acls: NetworkAcls | undefined): boolean {
  const wanted = rulesForAllowList(entries);
  const current = acls ?? { defaultAction: 'Allow', ipRules: [] };
  return wanted.defaultAction === current.defaultAction
    && wanted.ipRules.length === current.ipRules.length
    && wanted.ipRules.every((rule, i) => rule.value === current.ipRules[i].value);
}

/** The rules to send for an allow-list. */
export function rulesForAllowList(entries: string[]): NetworkAcls {
  return { defaultAction: entries.length ? 'Deny' : 'Allow', ipRules: entries.map((value) => ({ value })) };
}

/** Who may use the keys under these rules, in one sentence. */
export function describeAccess(acls: NetworkAcls | undefined): string {
  if (!acls || acls.defaultAction === 'Allow') {
    const stored = acls?.ipRules.length ?? 0;
    return stored ? `Every address may use the keys; the ${stored === 1 ? 'IP rule' : `${stored} IP rules`} stored with the default action Allow ${stored === 1 ? 'does' : 'do'} not apply.` : 'Every address may use the keys.';
  }
  if (acls.ipRules.length === 0) return 'No address may use the keys: the default action is Deny and there are no IP rules.';
  const n = acls.ipRules.length;
  return `Only ${n === 1 ? 'the address or range' : `these ${n} addresses and ranges`} below may use the keys; others get 403.`;
}
