// Every operation in the published LUIS specs (authoring v2.0, runtime v2.0 and
// v3.0) has a route: none answers "Resource not found".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { NO_ROUTE, specOperations } from '../support/spec-routes.ts';
import { call, luisUser, startFastLuisServer, type LuisUser } from './support.ts';

const GUID = '00000000-0000-0000-0000-000000000000';
const fill = (name: string) => (/^(versionId|culture|slotName|domainName)$/.test(name) ? { versionId: '0.1', culture: 'en-us', slotName: 'production', domainName: 'Calendar' }[name]! : GUID);

describe('the published LUIS specs against the routes', () => {
  let server: TestServer;
  let user: LuisUser;
  before(async () => {
    server = await startFastLuisServer();
    user = await luisUser(server);
  });
  after(async () => server?.close());

  for (const [file, base] of [['luis-authoring-v2.0.json', '/luis/api/v2.0'], ['luis-runtime-v2.0.json', '/luis/v2.0'], ['luis-runtime-v3.0.json', '/luis/prediction/v3.0']] as const) {
    it(`routes every operation of ${file}`, async () => {
      const unrouted: string[] = [];
      const operations = specOperations(file, base, fill);
      assert.ok(operations.length > 0);
      for (const op of operations) {
        const res = await call(server, op.method, op.url, user.authoring.westus, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        if (res.status === 404 && NO_ROUTE.test(res.body?.error?.message ?? '')) unrouted.push(`${op.method} ${op.path}`);
      }
      assert.deepEqual(unrouted, []);
    });
  }
});
