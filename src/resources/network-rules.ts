// Which client addresses may use a resource's keys, as Azure's networkAcls:
// with the default action Allow every address may; with Deny only the
// addresses and CIDR ranges of the IP rules. Rules are parsed once per
// resource record, so the gateway's test per call is one range comparison.
import { badRequest } from '../http/errors.ts';
import { ipMatcher, parseIpRange } from '../util/ip-range.ts';

export type NetworkDefaultAction = 'Allow' | 'Deny';

export interface NetworkRules {
  defaultAction: NetworkDefaultAction;
  /** Addresses and CIDR ranges as the owner wrote them (trimmed). */
  ipRules: string[];
}

/** Portico's own bound on one resource's IP rules. */
export const MAX_IP_RULES = 200;

export const OPEN_NETWORK: NetworkRules = Object.freeze({ defaultAction: 'Allow', ipRules: Object.freeze([]) as unknown as string[] });

/** Checks rules from a request; throws 400 naming the bad entry by its position and value. */
export function validateNetworkRules(input: { defaultAction: string; ipRules: string[] }): NetworkRules {
  if (input.defaultAction !== 'Allow' && input.defaultAction !== 'Deny') {
    throw badRequest(`networkAcls.defaultAction must be Allow or Deny; got "${input.defaultAction}"`);
  }
  if (input.ipRules.length > MAX_IP_RULES) throw badRequest(`networkAcls.ipRules may hold at most ${MAX_IP_RULES} entries; got ${input.ipRules.length}`);
  const ipRules = input.ipRules.map((raw, i) => {
    const value = raw.trim();
    if (!parseIpRange(value)) throw badRequest(`networkAcls.ipRules[${i}].value must be an IPv4 or IPv6 address or CIDR range; got "${raw}"`);
    return value;
  });
  return { defaultAction: input.defaultAction, ipRules };
}

/** Rules as stored (migration 012); stored values were validated on the way in. */
export function networkRulesFromColumns(defaultAction: string, ipRulesJson: string): NetworkRules {
  const ipRules = JSON.parse(ipRulesJson) as string[];
  return defaultAction === 'Deny' || ipRules.length ? { defaultAction: defaultAction === 'Deny' ? 'Deny' : 'Allow', ipRules } : OPEN_NETWORK;
}

const matchers = new WeakMap<NetworkRules, (address: string) => boolean>();

/** Whether a client address may use the resource; the rules' ranges are parsed on their first use only. */
export function networkAllows(rules: NetworkRules, address: string): boolean {
  if (rules.defaultAction === 'Allow') return true;
  let matches = matchers.get(rules);
  if (!matches) {
    matches = ipMatcher(rules.ipRules.map((value) => parseIpRange(value)!));
    matchers.set(rules, matches);
  }
  return matches(address);
}
