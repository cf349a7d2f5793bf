// `portico luis …`: LUIS apps from the command line. The CLI is signed in to
// the console API; it reads the account's authoring key for the authoring
// region from there and calls the LUIS authoring and prediction APIs with it,
// as a LUIS user would with their own key.
import { readFileSync, writeFileSync } from 'node:fs';
import { CliError, commandGroup, defineCommand, UsageError } from './command.ts';
import { signedInClient } from './client.ts';
import { formatFields, formatTable, printJson, writeExport } from './output.ts';
import type { AccountBody, ResourceWithKeysBody } from './api-types.ts';
import { LuFormatError, parseLu } from '../luis/lu/index.ts';
import { KeyClient, PlainText } from './key-client.ts';

const REGION_OPTION = { region: { type: 'string' } } as const;
const REGION_HELP = '  --region <region>  authoring region of the app (default westus)';

/** The signed-in account's authoring key and endpoint for a region. */
async function authoring(values: { endpoint?: string; region?: string }): Promise<KeyClient & { account: AccountBody }> {
  const consoleClient = signedInClient(values.endpoint);
  const account = await consoleClient.call<AccountBody>('GET', '/account');
  const region = values.region ?? 'westus';
  const key = account.authoringKeys[region];
  if (!key) throw new UsageError(`--region must be an authoring region: ${Object.keys(account.authoringKeys).join(', ')}; got "${region}"`);
  return Object.assign(new KeyClient(key.endpoint.replace(/\/+$/, ''), key.key1), { account });
}

const app = (id: string, rest = '') => `/luis/api/v2.0/apps/${encodeURIComponent(id)}${rest}`;
const version = (id: string, v: string, rest = '') => app(id, `/versions/${encodeURIComponent(v)}${rest}`);

async function activeVersion(client: KeyClient, appId: string, flag: string | undefined): Promise<string> {
  return flag ?? (await client.call<{ activeVersion: string }>('GET', app(appId))).activeVersion;
}

const create = defineCommand({
  summary: 'create an empty app',
  usage: 'luis app create <name> [--culture en-us] [--description <text>]',
  description: 'Creates a LUIS app (with the None intent) in the authoring region and prints its id.',
  options: { ...REGION_OPTION, culture: { type: 'string' }, description: { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --culture <code>   culture of the app (default en-us)\n  --description <t>  description`,
  positionals: { min: 1, max: 1, names: '<name>' },
  async action(values, [name]) {
    const client = await authoring(values);
    const id = await client.call<string>('POST', '/luis/api/v2.0/apps/', { name, culture: values.culture ?? 'en-us', description: values.description ?? '' });
    if (values.json) return printJson({ id });
    console.log(`Created app "${name}": ${id}`);
  },
});

const list = defineCommand({
  summary: 'list the apps you own or collaborate on',
  usage: 'luis app list',
  description: 'Lists the LUIS apps of the signed-in account in the authoring region.',
  options: { ...REGION_OPTION },
  optionHelp: REGION_HELP,
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const client = await authoring(values);
    const apps = await client.call<Array<{ id: string; name: string; culture: string; activeVersion: string; endpoints: Record<string, { versionId: string }> }>>('GET', '/luis/api/v2.0/apps/?take=500');
    if (values.json) return printJson(apps);
    if (!apps.length) return console.log('No apps yet: create one with "portico luis app create" or "portico luis app import".');
    console.log(formatTable(['id', 'name', 'culture', 'version', 'production', 'staging'], apps.map((a) => [
      a.id, a.name, a.culture, a.activeVersion, a.endpoints.PRODUCTION?.versionId ?? '-', a.endpoints.STAGING?.versionId ?? '-',
    ])));
  },
});

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

/** A .lu file as LUIS JSON, parsed here so that its references resolve beside it. */
async function readLuFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const readable = (path: string) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } };
  try {
    return await parseLu(text, { file, resolve: readable });
  } catch (err) {
    if (err instanceof LuFormatError) throw new UsageError(`cannot import ${file}: ${err.message}`);
    throw err;
  }
}

const importApp = defineCommand({
  summary: 'import an exported LUIS app (JSON, schema 2.x–7.x, or a .lu file) as a new app',
  usage: 'luis app import <file.json|file.lu> [--name <name>]',
  description: 'Imports a LUIS export file or a .lu file as a new app and prints its id. A .lu file\'s [import](other.lu) references are read beside it.',
  options: { ...REGION_OPTION, name: { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --name <name>      app name (default: the name in the file)`,
  positionals: { min: 1, max: 1, names: '<file.json|file.lu>' },
  async action(values, [file]) {
    const json = file.toLowerCase().endsWith('.lu') ? await readLuFile(file) : readJsonFile(file);
    const client = await authoring(values);
    const id = await client.call<string>('POST', `/luis/api/v2.0/apps/import${values.name ? `?appName=${encodeURIComponent(values.name)}` : ''}`, json);
    if (values.json) return printJson({ id });
    console.log(`Imported ${file}: app ${id}`);
  },
});

const exportApp = defineCommand({
  summary: 'export a version of an app as LUIS JSON',
  usage: 'luis app export <appId> [--version <v>] [--out <file>]',
  description: 'Writes the LUIS JSON of a version (default: the active version) to --out or standard output.',
  options: { ...REGION_OPTION, version: { type: 'string' }, out: { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --version <v>      version id (default: the active version)\n  --out <file>       write to this file`,
  positionals: { min: 1, max: 1, names: '<appId>' },
  async action(values, [appId]) {
    const client = await authoring(values);
    const exported = await client.call<unknown>('GET', version(appId, await activeVersion(client, appId, values.version), '/export'));
    writeExport(exported, values);
  },
});

const deleteApp = defineCommand({
  summary: 'delete an app (owner only)',
  usage: 'luis app delete <appId>',
  description: 'Deletes an app with all its versions, publications and query logs.',
  options: { ...REGION_OPTION },
  optionHelp: REGION_HELP,
  positionals: { min: 1, max: 1, names: '<appId>' },
  async action(values, [appId]) {
    const client = await authoring(values);
    await client.call('DELETE', app(appId));
    if (values.json) return printJson({ deleted: appId });
    console.log(`Deleted app ${appId}.`);
  },
});

const train = defineCommand({
  summary: 'train a version and show progress until it is done',
  usage: 'luis train <appId> [--version <v>]',
  description: 'Queues training of a version (default: the active version) and polls its status until every model is trained or one fails.',
  options: { ...REGION_OPTION, version: { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --version <v>      version id (default: the active version)`,
  positionals: { min: 1, max: 1, names: '<appId>' },
  async action(values, [appId]) {
    const client = await authoring(values);
    const v = await activeVersion(client, appId, values.version);
    const queued = await client.call<{ status: string }>('POST', version(appId, v, '/train'));
    const started = Date.now();
    const interactive = !values.json && process.stdout.isTTY;
    for (;;) {
      const models = await client.call<Array<{ details: { status: string; failureReason?: string } }>>('GET', version(appId, v, '/train'));
      const done = models.filter((m) => m.details.status === 'Success' || m.details.status === 'UpToDate').length;
      const failed = models.find((m) => m.details.status === 'Fail');
      const line = `Training ${appId} version ${v}: ${done}/${models.length} models trained (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      if (interactive) process.stdout.write(`\r${line}`);
      if (failed) {
        if (interactive) process.stdout.write('\n');
        throw new CliError(`training failed: ${failed.details.failureReason ?? 'unknown reason'}`);
      }
      if (done === models.length) {
        if (interactive) process.stdout.write('\n');
        if (values.json) return printJson({ appId, versionId: v, status: queued.status === 'UpToDate' ? 'UpToDate' : 'Success', models: models.length });
        if (!interactive) console.log(line);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  },
});

const publish = defineCommand({
  summary: 'publish a trained version to production (or --staging)',
  usage: 'luis publish <appId> [--version <v>] [--staging] [--publish-region <r,…>]',
  description: 'Publishes a trained version to a slot, in the given publishing regions (default: every publishing region of the authoring region).',
  options: { ...REGION_OPTION, version: { type: 'string' }, staging: { type: 'boolean' }, 'publish-region': { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --version <v>      version id (default: the active version)\n  --staging          publish to the staging slot\n  --publish-region   comma-separated publishing regions`,
  positionals: { min: 1, max: 1, names: '<appId>' },
  async action(values, [appId]) {
    const client = await authoring(values);
    const v = await activeVersion(client, appId, values.version);
    const info = await client.call<{ endpointUrl: string; endpointRegion: string; publishedDateTime: string }>('POST', app(appId, '/publish'), {
      versionId: v, isStaging: values.staging ?? false, ...(values['publish-region'] ? { region: values['publish-region'] } : {}),
    });
    if (values.json) return printJson(info);
    console.log(formatFields([['Version', v], ['Slot', values.staging ? 'staging' : 'production'], ['Regions', info.endpointRegion], ['Endpoint', info.endpointUrl], ['Published', info.publishedDateTime]]));
  },
});

const assignKey = defineCommand({
  summary: "assign a LUIS endpoint resource's key to an app",
  usage: 'luis assign-key <appId> <resourceName>',
  description: 'Lets the keys of one of your LUIS endpoint resources query the app (the Publish page\'s "add key").',
  options: { ...REGION_OPTION },
  optionHelp: REGION_HELP,
  positionals: { min: 2, max: 2, names: '<appId> <resourceName>' },
  async action(values, [appId, resourceName]) {
    const client = await authoring(values);
    await client.call('POST', app(appId, '/azureaccounts'), { accountName: resourceName });
    if (values.json) return printJson({ appId, assigned: resourceName });
    console.log(`Assigned the keys of ${resourceName} to app ${appId}.`);
  },
});

const query = defineCommand({
  summary: 'ask an app for the intent and entities of an utterance',
  usage: 'luis query <appId> "<utterance>" [--resource <name>] [--staging | --version <v>] [--v3]',
  description: 'Asks the production slot (or --staging, or a trained --version, published or not, through v3.0) with the key of\n'
    + '--resource (a LUIS endpoint resource assigned to the app), else with your authoring key (starter quota).',
  options: { ...REGION_OPTION, resource: { type: 'string' }, staging: { type: 'boolean' }, version: { type: 'string' }, v3: { type: 'boolean' } },
  optionHelp: `${REGION_HELP}\n  --resource <name>  query with this LUIS endpoint resource's key\n  --staging          ask the staging slot\n`
    + '  --version <v>      ask a trained version (v3.0 prediction by version)\n  --v3               use the v3.0 prediction API (default v2.0)',
  positionals: { min: 2, max: 2, names: '<appId> "<utterance>"' },
  async action(values, [appId, utterance]) {
    if (values.staging && values.version) throw new UsageError('--staging and --version cannot be combined: a version is asked directly, not through a slot');
    const client = await authoring(values);
    let base = client.base;
    let key = client.key;
    if (values.resource) {
      const consoleClient = signedInClient(values.endpoint);
      const resource = await consoleClient.call<ResourceWithKeysBody>('GET', `/resources/${encodeURIComponent(values.resource)}`);
      key = (await consoleClient.call<{ key1: string }>('GET', `/resources/${encodeURIComponent(values.resource)}/keys`)).key1;
      base = resource.endpoint.replace(/\/+$/, '');
    }
    const runtime = new KeyClient(base, key);
    if (values.v3 || values.version) {
      const target = values.version ? `versions/${encodeURIComponent(values.version)}` : `slots/${values.staging ? 'staging' : 'production'}`;
      const result = await runtime.call<any>('POST', `/luis/prediction/v3.0/apps/${encodeURIComponent(appId)}/${target}/predict?show-all-intents=true`, { query: utterance });
      if (values.json) return printJson(result);
      console.log(formatFields([['Top intent', `${result.prediction.topIntent} (${result.prediction.intents[result.prediction.topIntent]?.score})`]]));
      console.log(JSON.stringify(result.prediction.entities, null, 2));
      return;
    }
    const result = await runtime.call<any>('GET', `/luis/v2.0/apps/${encodeURIComponent(appId)}?verbose=true&q=${encodeURIComponent(utterance)}${values.staging ? '&staging=true' : ''}`);
    if (values.json) return printJson(result);
    console.log(formatFields([['Top intent', `${result.topScoringIntent.intent} (${result.topScoringIntent.score})`]]));
    if (result.entities.length) {
      console.log(`\n${formatTable(['entity', 'type', 'text', 'start', 'end'], result.entities.map((e: any) => [e.entity, e.type, utterance.slice(e.startIndex, e.endIndex + 1), String(e.startIndex), String(e.endIndex)]))}`);
    }
  },
});

const review = defineCommand({
  summary: 'list logged endpoint queries the model is unsure of, or dismiss one',
  usage: 'luis review <appId> <intent> [--version <v>] | luis review <appId> --dismiss "<utterance>" [--version <v>]',
  description: 'Active learning: the queries logged by the endpoint that the version, as last trained, is unsure of for an intent,\n'
    + 'least certain first. Add the right ones as examples and train again; --dismiss removes one from the review.',
  options: { ...REGION_OPTION, version: { type: 'string' }, dismiss: { type: 'string' } },
  optionHelp: `${REGION_HELP}\n  --version <v>      version id (default: the active version)\n  --dismiss <text>   remove this utterance from the review`,
  positionals: { min: 1, max: 2, names: '<appId> [<intent>]' },
  async action(values, [appId, intentName]) {
    if (values.dismiss === undefined && intentName === undefined) throw new UsageError('name the intent to review, or give --dismiss "<utterance>"');
    const client = await authoring(values);
    const v = await activeVersion(client, appId, values.version);
    if (values.dismiss !== undefined) {
      await client.call('DELETE', version(appId, v, '/suggest'), values.dismiss);
      if (values.json) return printJson({ appId, versionId: v, dismissed: values.dismiss });
      console.log(`Dismissed "${values.dismiss}" from the review of version ${v}.`);
      return;
    }
    const intents = await client.call<Array<{ id: string; name: string }>>('GET', version(appId, v, '/intents?take=500'));
    const intent = intents.find((i) => i.name === intentName);
    if (!intent) throw new CliError(`version ${v} has no intent "${intentName}"; its intents are ${intents.map((i) => i.name).join(', ')}`);
    const suggestions = await client.call<Array<{ text: string; intentPredictions: Array<{ name: string; score: number }> }>>(
      'GET', version(appId, v, `/intents/${intent.id}/suggest?take=500`));
    if (values.json) return printJson(suggestions);
    if (suggestions.length === 0) {
      console.log(`Nothing to review for ${intentName} in version ${v}.`);
      return;
    }
    console.log(formatTable(['utterance', 'top intent', 'runner-up'], suggestions.map((s) => [
      s.text, ...[0, 1].map((i) => (s.intentPredictions[i] ? `${s.intentPredictions[i].name} ${s.intentPredictions[i].score.toFixed(2)}` : '')),
    ])));
  },
});

/** A score in [0, 1] as a percentage, or "-" when nothing was there to score. */
const percent = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

interface BatchTestBody {
  id: string; name: string; versionId: string; target: string; createdDateTime: string; utterances: number; intentAccuracy: number;
  report?: {
    correctUtterances: number;
    intents: Array<{ intent: string; labelled: number; precision: number | null; recall: number | null; f1: number | null }>;
    confusion: Array<{ labelled: string; predicted: string; count: number }>;
    entities: Array<{ entity: string; labelled: number; precision: number | null; recall: number | null; f1: number | null }>;
    errors: unknown[];
  };
}

const batchTest = defineCommand({
  summary: 'score a labelled dataset against a trained version or a published slot',
  usage: 'luis batch-test <appId> <dataset.json|dataset.lu> [--version <v> | --slot production|staging] [--name <n>] [--csv <file>] | luis batch-test <appId> --list [--version <v>]',
  description: 'Runs a batch test (a JSON array of { text, intent, entities: [{ entity, startPos, endPos }] }, endPos inclusive)\n'
    + '(or a .lu file, whose utterances are the dataset) against a trained version (default: the active version) or the version published to --slot, and prints per-intent\n'
    + 'and per-entity precision, recall and F1 and the confusion pairs. The test is kept with the version; --list shows them.',
  options: { ...REGION_OPTION, version: { type: 'string' }, slot: { type: 'string' }, name: { type: 'string' }, csv: { type: 'string' }, list: { type: 'boolean' } },
  optionHelp: `${REGION_HELP}\n  --version <v>      version to test (default: the active version)\n  --slot <slot>      test the version published to production or staging\n`
    + '  --name <n>         a name for the test (default: the date)\n  --csv <file>       write the utterances it got wrong to this CSV file\n  --list             list the batch tests kept for the version',
  positionals: { min: 1, max: 2, names: '<appId> [<dataset.json|.lu>]' },
  async action(values, [appId, file]) {
    if (values.slot !== undefined && values.version !== undefined) throw new UsageError('--slot and --version cannot be combined: a slot answers with the version published to it');
    if (values.slot !== undefined && values.slot !== 'production' && values.slot !== 'staging') throw new UsageError(`--slot must be production or staging; got "${values.slot}"`);
    if (values.list ? file !== undefined : file === undefined) throw new UsageError(values.list ? '--list takes no dataset file' : 'name the dataset file to test, or give --list');
    const client = await authoring(values);
    if (values.list) {
      const v = await activeVersion(client, appId, values.version);
      const tests = await client.call<BatchTestBody[]>('GET', version(appId, v, '/batchtests'));
      if (values.json) return printJson(tests);
      if (!tests.length) return console.log(`No batch tests kept for version ${v}.`);
      console.log(formatTable(['id', 'name', 'tested', 'date', 'utterances', 'intent accuracy'], tests.map((t) => [
        t.id, t.name, t.target, t.createdDateTime, String(t.utterances), percent(t.intentAccuracy),
      ])));
      return;
    }
    let dataset: unknown;
    try {
      const text = readFileSync(file!, 'utf8');
      dataset = file!.endsWith('.lu') ? new PlainText(text) : JSON.parse(text);
    } catch (err) {
      throw new UsageError(`cannot read ${file} as ${file!.endsWith('.lu') ? 'a .lu file' : 'JSON'}: ${(err as Error).message}`);
    }
    const query = values.name ? `?name=${encodeURIComponent(values.name)}` : '';
    const path = values.slot ? app(appId, `/slots/${values.slot}/batchtests${query}`) : version(appId, await activeVersion(client, appId, values.version), `/batchtests${query}`);
    const test = await client.call<BatchTestBody>('POST', path, dataset);
    if (values.csv) writeFileSync(values.csv, await client.call<string>('GET', version(appId, test.versionId, `/batchtests/${test.id}/errors`)));
    if (values.json) return printJson(test);
    const report = test.report!;
    console.log(formatFields([
      ['Batch test', `${test.name} (${test.id})`], ['Tested', test.target === 'version' ? `version ${test.versionId}` : `${test.target} slot (version ${test.versionId})`],
      ['Utterances', `${test.utterances}, ${report.correctUtterances} without error`], ['Intent accuracy', percent(test.intentAccuracy)],
    ]));
    const scoreRow = (name: string, s: { labelled: number; precision: number | null; recall: number | null; f1: number | null }) =>
      [name, String(s.labelled), percent(s.precision), percent(s.recall), percent(s.f1)];
    console.log(`\n${formatTable(['intent', 'labelled', 'precision', 'recall', 'f1'], report.intents.map((i) => scoreRow(i.intent, i)))}`);
    if (report.entities.length) console.log(`\n${formatTable(['entity', 'labelled', 'precision', 'recall', 'f1'], report.entities.map((e) => scoreRow(e.entity, e)))}`);
    if (report.confusion.length) console.log(`\n${formatTable(['labelled', 'predicted', 'count'], report.confusion.map((c) => [c.labelled, c.predicted, String(c.count)]))}`);
    if (values.csv) console.log(`\nWrote the ${report.errors.length} utterance${report.errors.length === 1 ? '' : 's'} with errors to ${values.csv}`);
  },
});

const appCommand = commandGroup('luis app', 'create, list, import, export and delete LUIS apps', 'LUIS apps of the signed-in account.',
  { create, list, import: importApp, export: exportApp, delete: deleteApp });

export const luisCommand = commandGroup('luis', 'LUIS apps: import, train, publish, assign keys, query, review, batch-test',
  'Work with LUIS apps using the signed-in account\'s authoring key (from "portico account").',
  { app: appCommand, train, publish, 'assign-key': assignKey, query, review, 'batch-test': batchTest });
