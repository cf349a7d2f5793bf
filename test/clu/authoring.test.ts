// The CLU authoring API: projects, import/export jobs, training, deployments and swap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { API_VERSION, AUTHORING, call, deployedCluServer, deployedProject, pollJob } from './support.ts';

const q = `api-version=${API_VERSION}`;

describe('CLU authoring', () => {
  const clu = deployedCluServer('home');

  it('lists the imported project and shows its metadata', async () => {
    const list = await call(clu.server, 'GET', `${AUTHORING}?${q}`, clu.key);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.ok(list.body.value.some((p: any) => p.projectName === 'home'), JSON.stringify(list.body));
    const one = await call(clu.server, 'GET', `${AUTHORING}/home?${q}`, clu.key);
    assert.equal(one.status, 200);
    assert.equal(one.body.projectName, 'home');
    assert.equal(one.body.projectKind, 'Conversation');
  });

  it('exports the project as a job whose result is the project file', async () => {
    const started = await call(clu.server, 'POST', `${AUTHORING}/home/:export?${q}&stringIndexType=Utf16CodeUnit`, clu.key);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const job = await pollJob(clu.server, clu.key, started.headers.get('operation-location')!);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    const result = await call(clu.server, 'GET', new URL(job.resultUrl).pathname + new URL(job.resultUrl).search, clu.key);
    assert.equal(result.status, 200);
    assert.equal(result.body.metadata.projectName, 'home');
    assert.ok(result.body.assets.intents.some((i: any) => i.category === 'TurnOn'));
    assert.equal(result.body.assets.utterances.length, 16);
  });

  it('lists the trained model and the deployment', async () => {
    const models = await call(clu.server, 'GET', `${AUTHORING}/home/models?${q}`, clu.key);
    assert.equal(models.status, 200);
    assert.ok(models.body.value.some((m: any) => m.label === 'model'), JSON.stringify(models.body));
    const deployments = await call(clu.server, 'GET', `${AUTHORING}/home/deployments?${q}`, clu.key);
    assert.equal(deployments.status, 200);
    assert.ok(deployments.body.value.some((d: any) => d.deploymentName === 'production'), JSON.stringify(deployments.body));
  });

  it('swaps two deployments', async () => {
    const put = await call(clu.server, 'PUT', `${AUTHORING}/home/deployments/staging?${q}`, clu.key, { trainedModelLabel: 'model' });
    assert.equal(put.status, 202);
    await pollJob(clu.server, clu.key, put.headers.get('operation-location')!);
    const swap = await call(clu.server, 'POST', `${AUTHORING}/home/deployments/:swap?${q}`, clu.key, { firstDeploymentName: 'production', secondDeploymentName: 'staging' });
    assert.equal(swap.status, 202, JSON.stringify(swap.body));
    const job = await pollJob(clu.server, clu.key, swap.headers.get('operation-location')!);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
  });

  it('refuses training an unknown project with 404', async () => {
    const res = await call(clu.server, 'POST', `${AUTHORING}/ghost/:train?${q}`, clu.key, { modelLabel: 'm', trainingMode: 'standard' });
    assert.equal(res.status, 404, JSON.stringify(res.body));
  });

  it('deletes a project, after which it is not found', async () => {
    await deployedProject(clu.server, clu.key, 'doomed');
    const del = await call(clu.server, 'DELETE', `${AUTHORING}/doomed?${q}`, clu.key);
    assert.equal(del.status, 202, JSON.stringify(del.body));
    await pollJob(clu.server, clu.key, del.headers.get('operation-location')!);
    assert.equal((await call(clu.server, 'GET', `${AUTHORING}/doomed?${q}`, clu.key)).status, 404);
  });

});
