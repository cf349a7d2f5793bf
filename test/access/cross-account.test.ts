// Cross-account access, exhaustively (issue #16): for every route in the
// server's own table, another account's credentials (console token, authoring
// key, LUIS endpoint key, Computer Vision key, Language key) on account A's objects are
// refused exactly as on objects that do not exist (same status, same body), so
// no route tells a stranger whether an id is taken; and a collaborator, who may
// author A's app, is refused what only its owner may do. A route that names no
// object must be listed below with the reason; a route neither exercised nor
// listed fails the test, so a route added later cannot escape.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { cluJobFor, createEstate, startEstateServer, type Estate } from '../support/estate.ts';
import { fillPath, routeTable, type TableRoute } from '../support/route-table.ts';
import { call } from '../luis/support.ts';
import { API_VERSION, AUTHORING as CLU, homeProject, runJob } from '../clu/support.ts';

const CLU_VERSION = `api-version=${API_VERSION}`;

/** Routes that name no object of an account: what they prove instead, or why nothing is to prove. */
const NO_OBJECT: Record<string, string> = {
  'POST /api/signup': 'public: creates a new account',
  'POST /api/login': 'public: takes e-mail and password, no object',
  'POST /api/logout': "ends the caller's own session",
  'GET /api/account': "the caller's own account (see the listing test below)",
  'GET /api/account/sessions': "lists the caller's own sessions (see the listing test below)",
  'GET /api/account/audit': "lists the caller's own audit log (test/security/audit.test.ts: another account cannot read it)",
  'POST /api/account/password': "changes the caller's own password",
  'POST /api/account/authoringKeys/:region/regenerate': "names a region: regenerates the caller's own authoring key there",
  'GET /api/catalog': 'public: the catalogue of kinds and tiers',
  'GET /api/resources': "lists the caller's own resources (see the listing test below)",
  'POST /api/resources': 'creates a resource of the caller; names are per account',
  'GET /api/openapi.json': 'public: the console API document',
  'POST /sts/v1.0/issueToken': "exchanges the caller's own key for a token of that key's resource; names no object",
  'POST /sts/v1.0/issuetoken': 'as issueToken (the Speech clients\' spelling)',
  'GET /metrics': "the operator's: needs PORTICO_METRICS_TOKEN (404 without one configured); names no account's object",
  'GET /luis/api/v2.0/apps': "lists the caller's own and shared apps (see the listing test below)",
  'POST /luis/api/v2.0/apps': 'creates an app of the caller',
  'POST /luis/api/v2.0/apps/import': 'creates an app of the caller',
  'GET /luis/api/v2.0/apps/cultures': 'public list of cultures',
  'GET /luis/api/v2.0/apps/domains': 'public list of domains',
  'GET /luis/api/v2.0/apps/usagescenarios': 'public list of usage scenarios',
  'GET /luis/api/v2.0/apps/customprebuiltdomains/:culture': 'names a culture: public list (empty)',
  'POST /luis/api/v2.0/apps/customprebuiltdomains': 'always refused: Portico has no prebuilt domains',
  'GET /luis/api/v2.0/azureaccounts': "lists the caller's own LUIS resources",
  'POST /vision/v3.2/analyze': "analyses the posted image with the caller's key: stores nothing",
  'POST /vision/v3.2/describe': 'as analyze',
  'POST /vision/v3.2/tag': 'as analyze',
  'POST /vision/v3.2/detect': 'as analyze',
  'POST /vision/v3.2/generateThumbnail': 'as analyze',
  'POST /vision/v3.2/areaOfInterest': 'as analyze',
  'POST /vision/v3.2/ocr': 'as analyze',
  'POST /vision/v3.2/read/analyze': 'creates a Read operation of the caller (its result is checked below)',
  'GET /vision/v3.2/models': 'public list of domain models',
  'POST /computervision/imageanalysis::analyze': 'Image Analysis 4.0: as v3.2 analyze, stores nothing',
  'POST /vision/v3.2/models/:model/analyze': 'names a domain model (celebrities, landmarks), not an object',
  'GET /language/authoring/analyze-conversations/projects': "lists the projects of the caller's own Language resource (see the listing test below)",
  'GET /language/authoring/analyze-conversations/projects/global/languages': 'public list of languages',
  'GET /language/authoring/analyze-conversations/projects/global/prebuilt-entities': 'public list of prebuilt entities',
  'GET /language/authoring/analyze-conversations/projects/global/training-config-versions': 'public list of training configurations',
  'POST /language/::analyze-conversations': "names its project in the body: proved below (B's key on A's project answers as on one that does not exist)",
  'POST /language/analyze-conversations/jobs': 'always refused: conversation analysis jobs (summaries, PII) need models Portico has not',
  'GET /index.html': 'the portal: static files',
  'GET /': 'the portal: static files',
  'GET /*': 'the portal: static files',
};
/**
 * Routes whose name is the caller's own to give: a CLU project is created (or
 * replaced) by import and by PATCH in the caller's own Language resource, so
 * B naming a project as A did makes B's project, as POST /api/resources makes
 * B's resource. The test below proves A's project is untouched by it.
 */
const CALLERS_OWN_NAME = new Set([
  'POST /language/authoring/analyze-conversations/projects/:projectName/::import',
  'PATCH /language/authoring/analyze-conversations/projects/:projectName',
]);
/** v3.0-preview serves v2.0's route modules: a route needs no second reason. */
const asV2 = (id: string) => id.replace('/luis/authoring/v3.0-preview/', '/luis/api/v2.0/');
const listed = (id: string) => id in NO_OBJECT || asV2(id) in NO_OBJECT;
/** The portal's built files (their names change with each build): static, public. */
const PORTAL_ASSET = /^\/assets\//;
/** Parameters that name no object of an account. */
const NOT_OBJECTS = new Set(['region', 'culture', 'model', '*']);
/** What a collaborator may not do to the app it works on (the LUIS rule: collaborators edit, train and publish). */
const OWNER_ONLY = ['DELETE /luis/api/v2.0/apps/:appId', 'POST /luis/api/v2.0/apps/:appId/permissions', 'PUT /luis/api/v2.0/apps/:appId/permissions', 'DELETE /luis/api/v2.0/apps/:appId/permissions'];

const GHOST_GUID = '0badf00d-0000-4000-8000-00000000dead';

/** A's console session id (DELETE /api/account/sessions/:id), read in before(). */
let aSessionId = '';

/** A's value for a parameter, and a value of the same shape that names nothing. */
function values(a: Estate, route: TableRoute, param: string): { real: string; ghost: string } {
  const segments = route.url.split('/');
  const before = segments[segments.indexOf(`:${param}`) - 1];
  const real = ({
    appId: a.appId, versionId: a.versionId, name: a.endpoint.name, slotName: 'production', domainName: 'Calendar',
    operationId: a.readOperationId, id: before === 'sessions' ? aSessionId : undefined,
    projectName: a.language.project, deploymentName: a.language.deployment, trainedModelLabel: a.language.model, jobId: segments[1] === 'language' ? cluJobFor(a, route.url) : undefined, roleId: a.ids.roles, subListId: a.ids.sublists, itemId: a.ids.explicitlist, childId: a.ids.children,
  } as Record<string, string>)[param] ?? a.ids[before];
  if (real === undefined) throw new Error(`no value of A for ${param} in ${route.id}: add one`);
  const ghost = /^\d+$/.test(real) ? '987654' : /^[0-9a-f-]{36}$/.test(real) ? GHOST_GUID : param === 'name' ? 'ghost-luis' : ['slotName', 'domainName'].includes(param) ? real : 'ghost-1';
  return { real, ghost };
}

/** A body the route would take from its owner, where one is needed. */
function bodyFor(route: TableRoute): unknown {
  if (route.method === 'GET') return undefined;
  if (/\/permissions$/.test(route.url)) return route.method === 'PUT' ? { emails: ['x@example.com'] } : { email: 'x@example.com' };
  if (/\/azureaccounts$/.test(route.url)) return { azureSubscriptionId: 's', resourceGroup: 'r', accountName: 'b-luis' };
  if (/\/(examples|patternrules|patterns|prebuilts)$/.test(route.url) && route.method !== 'DELETE') return [];
  if (/\/publish$/.test(route.url)) return { versionId: '0.1', isStaging: false };
  if (/\/::train$/.test(route.url)) return { modelLabel: 'model', trainingMode: 'standard' };
  if (/\/deployments\/::swap$/.test(route.url)) return { firstDeploymentName: 'production', secondDeploymentName: 'staging' };
  if (/\/deployments\/:deploymentName$/.test(route.url) && route.method === 'PUT') return { trainedModelLabel: 'model' };
  if (route.method === 'DELETE') return undefined;
  return { name: 'taken', version: 'taken', pattern: 'taken', text: 'taken', intentName: 'None', canonicalForm: 'x', list: [], explicitListItem: 'x', query: 'hello' };
}

/** An answer with the ids it was asked about and per-request ids blanked, to compare refusals. */
function normalised(answer: { status: number; body: unknown }, ids: string[]): string {
  let text = JSON.stringify(answer.body ?? null);
  for (const id of ids.filter(Boolean).sort((x, y) => y.length - x.length)) text = text.split(id).join('<id>');
  return `${answer.status} ${text.replace(/"requestId":"[^"]*"/g, '"requestId":"<id>"')}`;
}

describe('cross-account access over the whole route table', () => {
  let server: TestServer;
  let a: Estate;
  let b: Estate;
  let collaborator: Estate;
  let routes: TableRoute[];
  let before_: Awaited<ReturnType<typeof snapshot>>;

  const snapshot = async () => ({
    exportA: (await call(server, 'GET', `/luis/api/v2.0/apps/${a.appId}/versions/${a.versionId}/export`, a.authoringKey)).body,
    keysA: (await server.api('GET', `/api/resources/${a.endpoint.name}/keys`, undefined, a.token)).body,
    projectA: (await call(server, 'GET', `${CLU}/${a.language.project}?${CLU_VERSION}`, a.language.key)).body,
    deploymentsA: (await call(server, 'GET', `${CLU}/${a.language.project}/deployments?${CLU_VERSION}`, a.language.key)).body,
    modelsA: (await call(server, 'GET', `${CLU}/${a.language.project}/models?${CLU_VERSION}`, a.language.key)).body,
    resourcesA: (await server.api('GET', '/api/resources', undefined, a.token)).body,
  });

  before(async () => {
    server = await startEstateServer();
    [a, b, collaborator] = [await createEstate(server, 'a'), await createEstate(server, 'b'), await createEstate(server, 'c')];
    const shared = await call(server, 'POST', `/luis/api/v2.0/apps/${a.appId}/permissions`, a.authoringKey, { email: collaborator.email });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    routes = routeTable(server.app);
    aSessionId = (await server.api('GET', '/api/account/sessions', undefined, a.token)).body.value[0].id;
    before_ = await snapshot();
  });
  after(async () => server?.close());

  const objectRoutes = () => routes.filter((r) => r.params.some((p) => !NOT_OBJECTS.has(p)) && !CALLERS_OWN_NAME.has(r.id));

  it('lists every route either as exercised (it names an object) or with the reason it names none', () => {
    const unlisted = routes.filter((r) => !r.params.some((p) => !NOT_OBJECTS.has(p)) && !listed(r.id) && !PORTAL_ASSET.test(r.url)).map((r) => r.id);
    assert.deepEqual(unlisted, [], 'routes that name no object and are not listed in NO_OBJECT');
    const stale = Object.keys(NO_OBJECT).filter((id) => !routes.some((r) => r.id === id));
    assert.deepEqual(stale, [], 'NO_OBJECT lists routes the server does not have');
  });

  it("refuses B's token and keys on every route that names A's objects, exactly as on objects that do not exist", async () => {
    const credentials: Array<[string, (e: Estate) => Record<string, string>]> = [
      ['console token', (e) => ({ authorization: `Bearer ${e.token}` })],
      ['authoring key', (e) => ({ 'Ocp-Apim-Subscription-Key': e.authoringKey })],
      ['LUIS endpoint key', (e) => ({ 'Ocp-Apim-Subscription-Key': e.endpoint.key })],
      ['Computer Vision key', (e) => ({ 'Ocp-Apim-Subscription-Key': e.vision.key })],
      ['Language key', (e) => ({ 'Ocp-Apim-Subscription-Key': e.language.key })],
    ];
    const oracles: string[] = [];
    const served: string[] = [];
    let cells = 0;
    const refusals: Record<number, number> = {};
    for (const route of objectRoutes()) {
      const filled = route.params.map((p) => (NOT_OBJECTS.has(p) ? { real: 'westus', ghost: 'westus' } : values(a, route, p)));
      let i = 0;
      const realPath = fillPath(route, () => encodeURIComponent(filled[i++].real));
      i = 0;
      const ghostPath = fillPath(route, () => encodeURIComponent(filled[i++].ghost));
      const ids = filled.flatMap((f) => [f.real, f.ghost]);
      const body = bodyFor(route);
      for (const [name, headersOf] of credentials) {
        cells++;
        const ask = async (path: string) => {
          const res = await server.fetch(path, { method: route.method, headers: { ...headersOf(b), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
          const text = await res.text();
          let parsed: unknown = text;
          try { parsed = JSON.parse(text); } catch { /* not JSON */ }
          return { status: res.status, body: parsed };
        };
        const onA = await ask(realPath);
        const onGhost = await ask(ghostPath);
        refusals[onA.status] = (refusals[onA.status] ?? 0) + 1;
        if (onA.status < 400) served.push(`${route.id} with B's ${name}: ${onA.status}`);
        else if (normalised(onA, ids) !== normalised(onGhost, ids)) oracles.push(`${route.id} with B's ${name}: ${normalised(onA, ids).slice(0, 200)}  vs unknown: ${normalised(onGhost, ids).slice(0, 200)}`);
      }
    }
    console.log(`cross-account matrix: ${objectRoutes().length} routes × ${credentials.length} credentials = ${cells} cells (${cells * 2} requests); statuses on A's objects: ${JSON.stringify(refusals)}`);
    assert.deepEqual(served, [], "B's credentials were served on A's objects");
    assert.deepEqual(oracles, [], "refusals that differ between A's objects and objects that do not exist");
    assert.deepEqual(await snapshot(), before_, "A's app, keys and resources are unchanged");
  });

  it('refuses a collaborator what only the owner may do, and changes nothing', async () => {
    for (const id of OWNER_ONLY) {
      const route = routes.find((r) => r.id === id);
      assert.ok(route, `${id} is not a route`);
      const path = fillPath(route, (p) => values(a, route, p).real);
      const res = await call(server, route.method, path, collaborator.authoringKey, bodyFor(route));
      assert.equal(res.status, 403, `${id}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'Forbidden');
    }
    const permissions = await call(server, 'GET', `/luis/api/v2.0/apps/${a.appId}/permissions`, a.authoringKey);
    assert.deepEqual(permissions.body.emails, [collaborator.email]);
    assert.deepEqual(await snapshot(), before_);
  });

  it("answers B's Language key asking A's deployed project for a prediction as for a project that does not exist", async () => {
    const ask = (projectName: string) => call(server, 'POST', `/language/:analyze-conversations?${CLU_VERSION}`, b.language.key, {
      kind: 'Conversation', analysisInput: { conversationItem: { id: '1', participantId: 'u', text: 'turn on the lights' } },
      parameters: { projectName, deploymentName: a.language.deployment },
    });
    const onA = await ask(a.language.project);
    const onGhost = await ask('ghost-1');
    assert.ok(onA.status >= 400, `served: ${onA.status}`);
    const ids = [a.language.project, 'ghost-1'];
    assert.equal(normalised(onA, ids), normalised(onGhost, ids));
  });

  it("lets B import a project under the name A's project has, into B's own resource, leaving A's untouched", async () => {
    const name = a.language.project;
    for (const [method, path, body] of [
      ['PATCH', `${CLU}/${name}?${CLU_VERSION}`, { projectName: name, projectKind: 'Conversation', language: 'en-us', description: "B's" }],
      ['POST', `${CLU}/${name}/:import?${CLU_VERSION}&format=Conversation`, homeProject(name)],
    ] as const) {
      const res = await call(server, method, path, b.language.key, body);
      assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const bsProject = await call(server, 'GET', `${CLU}/${name}?${CLU_VERSION}`, b.language.key);
    assert.equal(bsProject.status, 200);
    assert.deepEqual(await snapshot(), before_, "A's project, deployments and models are unchanged");
    const bsDeployments = await call(server, 'GET', `${CLU}/${name}/deployments?${CLU_VERSION}`, b.language.key);
    assert.deepEqual(bsDeployments.body.value, [], "B's project of that name has none of A's deployments");
    await runJob(server, b.language.key, 'DELETE', `${CLU}/${name}?${CLU_VERSION}`);
  });

  it("shows B none of A's objects in B's own listings, and not A's Read result", async () => {
    const resources = await server.api('GET', '/api/resources', undefined, b.token);
    assert.ok(!JSON.stringify(resources.body).includes(a.endpoint.name.replace(/^a-/, '')) || resources.body.every((r: any) => !r.name.startsWith('a-')));
    const apps = await call(server, 'GET', '/luis/api/v2.0/apps/', b.authoringKey);
    assert.ok(apps.body.every((app: any) => app.id !== a.appId));
    const accounts = await call(server, 'GET', '/luis/api/v2.0/azureaccounts', b.authoringKey);
    assert.ok(!JSON.stringify(accounts.body).includes(a.endpoint.name));
    const account = await server.api('GET', '/api/account', undefined, b.token);
    assert.ok(!JSON.stringify(account.body).includes(a.authoringKey));
    assert.equal(account.body.email, b.email);
    const projects = await call(server, 'GET', `${CLU}?${CLU_VERSION}`, b.language.key);
    assert.ok(projects.body.value.every((p: any) => !p.projectName.startsWith('a-')), JSON.stringify(projects.body));
    const sessions = await server.api('GET', '/api/account/sessions', undefined, b.token);
    assert.ok(sessions.body.value.length >= 1 && sessions.body.value.every((s: any) => s.id !== aSessionId));
  });
});
