// `portico account`: the signed-in account, its LUIS authoring keys and its audit log.
import { commandGroup, defineCommand, UsageError } from './command.ts';
import { signedInClient } from './client.ts';
import { formatFields, formatTable, printJson } from './output.ts';
import type { AccountBody, AuditPageBody, AuthoringKeyBody } from './api-types.ts';

export function authoringKeyRows(account: AccountBody): string[][] {
  return Object.entries(account.authoringKeys).map(([region, k]) => [region, k.key1, k.key2, k.endpoint]);
}

const show = defineCommand({
  summary: 'show the account and its authoring keys by region',
  usage: 'account',
  description: 'Shows the signed-in account and its LUIS authoring keys, one per authoring region.',
  options: {},
  optionHelp: '',
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const account = await signedInClient(values.endpoint).call<AccountBody>('GET', '/account');
    if (values.json) return printJson(account);
    console.log(formatFields([['Account', account.email], ['Created', account.createdAt]]));
    console.log('\nLUIS authoring keys:');
    console.log(formatTable(['region', 'key1', 'key2', 'endpoint'], authoringKeyRows(account)));
  },
});

const regenerateAuthoringKey = defineCommand({
  summary: 'replace an authoring key (the old value is refused at once)',
  usage: 'account regenerate-authoring-key <region> [--key-name Key1|Key2]',
  description: 'Replaces Key1 (or the one --key-name names) of the authoring key of an authoring region. The other key keeps working.',
  options: { 'key-name': { type: 'string' } },
  optionHelp: '  --key-name <Key1|Key2>  which key to replace (default Key1)',
  positionals: { min: 1, max: 1, names: '<region>' },
  async action(values, [region]) {
    const keyName = values['key-name'] ?? 'Key1';
    if (!/^key[12]$/i.test(keyName)) throw new UsageError(`--key-name must be Key1 or Key2; got "${keyName}"`);
    const keys = await signedInClient(values.endpoint)
      .call<AuthoringKeyBody>('POST', `/account/authoringKeys/${encodeURIComponent(region)}/regenerate`, { keyName });
    if (values.json) return printJson({ region, ...keys });
    console.log(`Regenerated ${keyName} of the ${region} authoring key.`);
    console.log(formatTable(['region', 'key1', 'key2', 'endpoint'], [[region, keys.key1, keys.key2, keys.endpoint]]));
  },
});

const MAX_AUDIT_PAGE = 200;

const audit = defineCommand({
  summary: "show the account's audit log, newest first",
  usage: 'account audit [--limit <n>] [--before <time>]',
  description: 'Shows security-relevant events of the account (sign-ins and failed sign-ins, key regenerations, resource,\nsession and collaborator changes, master-key rotations) with who acted and from which client address.',
  options: { limit: { type: 'string' }, before: { type: 'string' } },
  optionHelp: `  --limit <n>      events per page, 1 to ${MAX_AUDIT_PAGE} (default 50)
  --before <time>  only events older than an ISO 8601 time, or the cursor the previous page printed`,
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const limit = values.limit ?? '50';
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_AUDIT_PAGE) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}; got "${limit}"`);
    const query = new URLSearchParams({ limit, ...(values.before === undefined ? {} : { before: values.before }) });
    const page = await signedInClient(values.endpoint).call<AuditPageBody>('GET', `/account/audit?${query}`);
    if (values.json) return printJson(page);
    if (page.value.length === 0) return console.log('No events.');
    console.log(formatTable(['time', 'event', 'by', 'from'], page.value.map((e) => [e.time, e.summary, e.actor, e.address || '-'])));
    if (page.nextBefore) console.log(`\nOlder events: portico account audit --before ${page.nextBefore}`);
  },
});

export const accountCommand = commandGroup(
  'account', 'show the account and its authoring keys; regenerate them; read its audit log',
  'Without a command, shows the signed-in account and its LUIS authoring keys.',
  { 'regenerate-authoring-key': regenerateAuthoringKey, audit },
  show,
);
