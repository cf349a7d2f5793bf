// Every operation of the published CLU contracts (authoring 2023-04-01, runtime
// 2024-11-01) has a route: none answers "Resource not found".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { NO_ROUTE, specOperations } from '../support/spec-routes.ts';
import { call, languageKey, startCluServer } from './support.ts';

const fill = (name: string) => ({ projectName: 'ghost', deploymentName: 'production', trainedModelLabel: 'model' }[name] ?? '00000000-0000-0000-0000-000000000000');

describe('the published CLU contracts against the routes', () => {
  let server: TestServer;
  let key: string;
  before(async () => {
    server = await startCluServer();
    ({ key } = await languageKey(server));
  });
  after(async () => server?.close());

  for (const [file, version] of [['clu-authoring-2023-04-01.json', '2023-04-01'], ['clu-runtime-2024-11-01.json', '2024-11-01']] as const) {
    it(`routes every operation of ${file}`, async () => {
      const operations = specOperations(new URL(`../../docs/specs/${file}`, import.meta.url), '/language', fill);
      assert.ok(operations.length > 0);
      const unrouted: string[] = [];
      for (const op of operations) {
        const res = await call(server, op.method, `${op.url}?api-version=${version}`, key, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        if (res.status === 404 && NO_ROUTE.test(res.body?.error?.message ?? '')) unrouted.push(`${op.method} ${op.path}`);
        assert.notEqual(res.status, 500, `${op.method} ${op.path}: ${JSON.stringify(res.body)}`);
      }
      assert.deepEqual(unrouted, []);
    });
  }
});
