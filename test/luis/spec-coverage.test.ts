// Every operation in the published LUIS specs (authoring v2.0, runtime v2.0 and
// v3.0) has a route: none answers "Resource not found".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NO_ROUTE, sdkOperations, specOperations, type SpecOperation } from '../support/spec-routes.ts';
import { call, luisSuite } from './support.ts';

const GUID = '00000000-0000-0000-0000-000000000000';
const fill = (name: string) => (/^(versionId|culture|slotName|domainName)$/.test(name) ? { versionId: '0.1', culture: 'en-us', slotName: 'production', domainName: 'Calendar' }[name]! : GUID);

describe('the published LUIS specs against the routes', () => {
  const luis = luisSuite();

  const contracts: Array<[string, () => SpecOperation[]]> = [
    ...([['luis-authoring-v2.0.json', '/luis/api/v2.0'], ['luis-runtime-v2.0.json', '/luis/v2.0'], ['luis-runtime-v3.0.json', '/luis/prediction/v3.0']] as const)
      .map(([file, base]): [string, () => SpecOperation[]] => [file, () => specOperations(file, base, fill)]),
    ['authoring v3.0-preview (the operations of @azure/cognitiveservices-luis-authoring 4.x)', () => sdkOperations('luis-authoring-v3', '/luis/authoring/v3.0-preview', fill)],
  ];
  for (const [name, operationsOf] of contracts) {
    it(`routes every operation of ${name}`, async () => {
      const unrouted: string[] = [];
      const operations = operationsOf();
      assert.ok(operations.length > 0);
      for (const op of operations) {
        const res = await call(luis.server, op.method, op.url, luis.user.authoring.westus, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        if (res.status === 404 && NO_ROUTE.test(res.body?.error?.message ?? '')) unrouted.push(`${op.method} ${op.path}`);
      }
      assert.deepEqual(unrouted, []);
    });
  }
});
