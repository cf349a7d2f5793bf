// `portico resource …`: create, inspect, re-key, renew, re-tier and delete
// resources, set who may reach them (key authentication, network rules,
// custom subdomain), and read their usage.
import { commandGroup, defineCommand, UsageError } from './command.ts';
import { signedInClient } from './client.ts';
import { formatFields, formatTable, printJson } from './output.ts';
import type { KeysBody, ResourceBody, ResourceWithKeysBody, UsageBody } from './api-types.ts';

const NAME = { min: 1, max: 1, names: '<name>' };

function resourcePath(name: string, rest = ''): string {
  return `/resources/${encodeURIComponent(name)}${rest}`;
}

function resourceFields(r: ResourceBody): [string, string][] {
  return [
    ['Name', r.name], ['Kind', r.kind], ['Tier', r.tier], ['Region', r.region], ['State', r.state],
    ['Endpoint', r.endpoint], ['Created', r.createdAt], ['Last used', r.lastUsedAt],
    ['Key authentication', r.disableLocalAuth ? 'disabled' : 'enabled'],
    ['Custom subdomain', r.customSubDomainName ?? 'none'],
    ['Network access', describeNetworkAcls(r.networkAcls)],
  ];
}

/** Who may use the keys, in one line: as the gateway applies the rules. */
export function describeNetworkAcls(acls: ResourceBody['networkAcls']): string {
  if (acls.defaultAction === 'Allow') return 'every address';
  if (acls.ipRules.length === 0) return 'no address (defaultAction Deny without IP rules)';
  return `only ${acls.ipRules.map((r) => r.value).join(', ')}`;
}

function keyFields(keys: KeysBody): [string, string][] {
  return [['Key 1', keys.key1], ['Key 2', keys.key2]];
}

function keyName(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError('missing --key-name Key1|Key2');
  if (!/^key[12]$/i.test(raw)) throw new UsageError(`--key-name must be Key1 or Key2; got "${raw}"`);
  return raw;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`missing --${option} <${option}>`);
  return value;
}

const create = defineCommand({
  summary: 'create a resource and show its keys',
  usage: 'resource create <name> --kind <kind> --tier <tier> --region <region>',
  description: 'Creates a resource. Kinds, tiers and regions come from the server\'s catalogue (GET /api/catalog):\nby default kinds LUIS (tiers F0, S0) and ComputerVision (F0, S1).',
  options: { kind: { type: 'string' }, tier: { type: 'string' }, region: { type: 'string' } },
  optionHelp: `  --kind <kind>      LUIS, ComputerVision, …
  --tier <tier>      pricing tier, e.g. F0 (free) or S0/S1
  --region <region>  e.g. westus (a LUIS resource must be in a publishing region)`,
  positionals: NAME,
  async action(values, [name]) {
    const body = { name, kind: required(values.kind, 'kind'), tier: required(values.tier, 'tier'), region: required(values.region, 'region') };
    const created = await signedInClient(values.endpoint).call<ResourceWithKeysBody>('POST', '/resources', body);
    if (values.json) return printJson(created);
    console.log(`Created resource ${created.name}.\n`);
    console.log(formatFields([...resourceFields(created), ...keyFields(created)]));
  },
});

const list = defineCommand({
  summary: 'list the account\'s resources',
  usage: 'resource list',
  description: 'Lists the resources of the signed-in account.',
  options: {},
  optionHelp: '',
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const resources = await signedInClient(values.endpoint).call<ResourceBody[]>('GET', '/resources');
    if (values.json) return printJson(resources);
    if (resources.length === 0) return console.log('No resources yet: create one with "portico resource create".');
    console.log(formatTable(['name', 'kind', 'tier', 'region', 'state', 'endpoint'],
      resources.map((r) => [r.name, r.kind, r.tier, r.region, r.state, r.endpoint])));
  },
});

const show = defineCommand({
  summary: 'show one resource',
  usage: 'resource show <name>',
  description: 'Shows a resource: kind, tier, region, state (active or expired) and endpoint.',
  options: {},
  optionHelp: '',
  positionals: NAME,
  async action(values, [name]) {
    const resource = await signedInClient(values.endpoint).call<ResourceBody>('GET', resourcePath(name));
    if (values.json) return printJson(resource);
    console.log(formatFields(resourceFields(resource)));
  },
});

const remove = defineCommand({
  summary: 'delete a resource (its keys stop working at once)',
  usage: 'resource delete <name>',
  description: 'Deletes a resource; its keys are refused from then on.',
  options: {},
  optionHelp: '',
  positionals: NAME,
  async action(values, [name]) {
    await signedInClient(values.endpoint).call('DELETE', resourcePath(name));
    if (values.json) return printJson({ deleted: name });
    console.log(`Deleted resource ${name}.`);
  },
});

const keys = defineCommand({
  summary: 'show the two keys of a resource',
  usage: 'resource keys <name>',
  description: 'Shows Key 1 and Key 2 of a resource.',
  options: {},
  optionHelp: '',
  positionals: NAME,
  async action(values, [name]) {
    const result = await signedInClient(values.endpoint).call<KeysBody>('GET', resourcePath(name, '/keys'));
    if (values.json) return printJson(result);
    console.log(formatFields(keyFields(result)));
  },
});

const regenerateKey = defineCommand({
  summary: 'replace Key1 or Key2 (the other keeps working)',
  usage: 'resource regenerate-key <name> --key-name Key1|Key2',
  description: 'Replaces one key of a resource. The old value is refused at once; the other key keeps working, so\nclients can be moved to it first and nothing stops.',
  options: { 'key-name': { type: 'string' } },
  optionHelp: '  --key-name <Key1|Key2>  which key to replace',
  positionals: NAME,
  async action(values, [name]) {
    const which = keyName(values['key-name']);
    const result = await signedInClient(values.endpoint).call<KeysBody>('POST', resourcePath(name, '/regenerateKey'), { keyName: which });
    if (values.json) return printJson(result);
    console.log(`Regenerated ${which} of ${name}.\n`);
    console.log(formatFields(keyFields(result)));
  },
});

const renew = defineCommand({
  summary: 'request new keys (reactivates an expired free resource)',
  usage: 'resource renew <name>',
  description: 'Issues new values for both keys. A free (F0) resource that expired after 90 days without use is active again.',
  options: {},
  optionHelp: '',
  positionals: NAME,
  async action(values, [name]) {
    const renewed = await signedInClient(values.endpoint).call<ResourceWithKeysBody>('POST', resourcePath(name, '/renew'));
    if (values.json) return printJson(renewed);
    console.log(`Issued new keys for ${renewed.name}; it is ${renewed.state}.\n`);
    console.log(formatFields([...resourceFields(renewed), ...keyFields(renewed)]));
  },
});

const setTier = defineCommand({
  summary: 'change the pricing tier',
  usage: 'resource set-tier <name> <tier>',
  description: 'Moves a resource to another pricing tier of its kind; the new rate and quota apply at once.',
  options: {},
  optionHelp: '',
  positionals: { min: 2, max: 2, names: '<name> <tier>' },
  async action(values, [name, tier]) {
    const updated = await signedInClient(values.endpoint).call<ResourceBody>('PATCH', resourcePath(name), { tier });
    if (values.json) return printJson(updated);
    console.log(`${updated.name} is now on tier ${updated.tier}.`);
  },
});

const LOCAL_AUTH: Record<string, boolean> = { disabled: true, enabled: false };

const setLocalAuth = defineCommand({
  summary: 'turn key authentication off or on (disableLocalAuth)',
  usage: 'resource set-local-auth <name> disabled|enabled',
  description: 'With local auth disabled, the resource\'s keys are refused (403 AuthenticationTypeDisabled) on every\nservice call and on issueToken; access tokens from "portico resource token" keep working.',
  options: {},
  optionHelp: '',
  positionals: { min: 2, max: 2, names: '<name> disabled|enabled' },
  async action(values, [name, state]) {
    const disableLocalAuth = LOCAL_AUTH[state];
    if (disableLocalAuth === undefined) throw new UsageError(`the second argument must be disabled or enabled; got "${state}"`);
    const updated = await signedInClient(values.endpoint).call<ResourceBody>('PATCH', resourcePath(name), { disableLocalAuth });
    if (values.json) return printJson(updated);
    console.log(`Key authentication of ${updated.name} is now ${updated.disableLocalAuth ? 'disabled' : 'enabled'}.`);
  },
});

const networkRules = defineCommand({
  summary: 'show or replace the IP addresses allowed to use the keys (networkAcls)',
  usage: 'resource network-rules <name> [--allow <address-or-cidr> ...] [--clear]',
  description: 'Without options, shows who may use the resource\'s keys. --allow (repeatable) replaces the rules: only\nthose IPv4/IPv6 addresses and CIDR ranges may then call, and others get 403 (Access denied due to Virtual\nNetwork/Firewall rules). --clear allows every address again. Changes apply from the next call.',
  options: { allow: { type: 'string', multiple: true }, clear: { type: 'boolean' } },
  optionHelp: `  --allow <address-or-cidr>  an address or range allowed to call, e.g. 203.0.113.7 or 10.0.0.0/8 (repeat for more)
  --clear                    allow every address (no rules)`,
  positionals: NAME,
  async action(values, [name]) {
    const allow = values.allow ?? [];
    if (allow.length && values.clear) throw new UsageError('give --allow or --clear, not both');
    const client = signedInClient(values.endpoint);
    const resource = allow.length || values.clear
      ? await client.call<ResourceBody>('PUT', resourcePath(name, '/network-rules'), {
        defaultAction: values.clear ? 'Allow' : 'Deny',
        ipRules: allow.map((value) => ({ value })),
      })
      : await client.call<ResourceBody>('GET', resourcePath(name));
    if (values.json) return printJson(resource.networkAcls);
    console.log(`Network access of ${resource.name}: ${describeNetworkAcls(resource.networkAcls)}.`);
  },
});

const setSubdomain = defineCommand({
  summary: 'serve the resource at <subdomain>.<custom domain> (customSubDomainName)',
  usage: 'resource set-subdomain <name> <subdomain> | --remove',
  description: 'Gives the resource a custom subdomain name: requests to https://<subdomain>.<custom domain>/ are served in its\nregion and take only its keys, and its endpoint becomes that URL. 2 to 64 lower-case letters, digits or\nhyphens, unique on the server. --remove takes the name away (the regional endpoint serves as before).',
  options: { remove: { type: 'boolean' } },
  optionHelp: '  --remove  remove the custom subdomain name',
  positionals: { min: 1, max: 2, names: '<name> <subdomain>' },
  async action(values, [name, subdomain]) {
    if (subdomain !== undefined && values.remove) throw new UsageError('give a subdomain or --remove, not both');
    if (subdomain === undefined && !values.remove) throw new UsageError('missing <subdomain> (or --remove); usage: portico resource set-subdomain <name> <subdomain>');
    const updated = await signedInClient(values.endpoint).call<ResourceBody>('PATCH', resourcePath(name), { customSubDomainName: subdomain ?? null });
    if (values.json) return printJson(updated);
    console.log(updated.customSubDomainName
      ? `${updated.name} has the custom subdomain ${updated.customSubDomainName}; endpoint ${updated.endpoint}`
      : `${updated.name} has no custom subdomain; endpoint ${updated.endpoint}`);
  },
});

const token = defineCommand({
  summary: 'print an access token for the resource (valid 10 minutes)',
  usage: 'resource token <name>',
  description: 'Issues an access token from your signed-in identity, for Authorization: Bearer <token> on the\nresource\'s service calls; it works when key authentication is disabled.',
  options: {},
  optionHelp: '',
  positionals: NAME,
  async action(values, [name]) {
    const issued = await signedInClient(values.endpoint).call<{ accessToken: string; expiresOn: string }>('POST', resourcePath(name, '/token'));
    if (values.json) return printJson(issued);
    console.log(issued.accessToken);
  },
});

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function usageRows(usage: UsageBody): string[][] {
  return usage.days.filter((d) => d.calls > 0).map((d) => [
    d.day, String(d.calls), String(d.statusClasses['2xx']), String(d.statusClasses['4xx']), String(d.statusClasses['5xx']),
    String(d.rateLimited), String(d.quotaExceeded),
    Object.entries(d.operations).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op}=${n}`).join(' '),
  ]);
}

const usage = defineCommand({
  summary: 'calls per day and this month\'s quota use',
  usage: 'resource usage <name> [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  description: 'Shows the calls made with the resource\'s keys per UTC day (by status class, rate-limit and quota refusals,\nand operation), and how much of each monthly quota is used. Default: the last 30 days.',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  optionHelp: `  --from <YYYY-MM-DD>  first day (UTC)
  --to <YYYY-MM-DD>    last day (UTC)`,
  positionals: NAME,
  async action(values, [name]) {
    const query = new URLSearchParams();
    for (const option of ['from', 'to'] as const) {
      const day = values[option];
      if (day === undefined) continue;
      if (!DAY_PATTERN.test(day)) throw new UsageError(`--${option} must be a date like 2025-01-31; got "${day}"`);
      query.set(option, day);
    }
    const suffix = query.toString() ? `?${query}` : '';
    const result = await signedInClient(values.endpoint).call<UsageBody>('GET', resourcePath(name, `/usage${suffix}`));
    if (values.json) return printJson(result);
    const rows = usageRows(result);
    const total = result.days.reduce((sum, d) => sum + d.calls, 0);
    console.log(`Usage of ${result.resource} from ${result.from} to ${result.to}: ${total} calls.`);
    if (rows.length) console.log(`\n${formatTable(['day', 'calls', '2xx', '4xx', '5xx', 'rate-limited', 'over-quota', 'operations'], rows)}`);
    if (result.quotas.length) {
      console.log('\nThis month\'s quota:');
      console.log(formatTable(['meter', 'used', 'limit', 'renews'], result.quotas.map((q) => [q.meter, String(q.used), String(q.limit), q.renewsAt])));
    }
  },
});

export const resourceCommand = commandGroup(
  'resource', 'create and manage resources, their keys and usage',
  'Resources (a LUIS endpoint, a Computer Vision instance, …) each have two keys that callers send as\nOcp-Apim-Subscription-Key.',
  { create, list, show, delete: remove, keys, 'regenerate-key': regenerateKey, renew, 'set-tier': setTier, 'set-local-auth': setLocalAuth,
    'network-rules': networkRules, 'set-subdomain': setSubdomain, token, usage },
);
