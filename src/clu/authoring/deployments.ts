// Deployments (list, get, deploy a trained model, delete, swap two, with their
// job states) and trained models (list, get, delete). Model evaluation and
// snapshots are routed and refused: Portico keeps neither.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { LABEL_PATTERN, NAME_PATTERN } from '../project/assets.ts';
import { deploymentView, modelView } from '../projects.ts';
import { jobState } from '../jobs.ts';
import { accepted, ApiVersionQuery, AUTHORING_BASE, gateway, ProjectParams, resourceOf, type AuthoringContext } from './kit.ts';
import { badRequest } from '../../http/errors.ts';
import type { Caller } from '../../gateway/types.ts';

const DeploymentParams = Type.Object({ projectName: Type.String({ pattern: NAME_PATTERN }), deploymentName: Type.String({ pattern: LABEL_PATTERN }) });
const DeploymentJobParams = Type.Object({ ...DeploymentParams.properties, jobId: Type.String({ minLength: 1, maxLength: 64 }) });
const ModelParams = Type.Object({ projectName: Type.String({ pattern: NAME_PATTERN }), trainedModelLabel: Type.String({ pattern: LABEL_PATTERN }) });
const DeployBody = Type.Object({
  trainedModelLabel: Type.String({ pattern: LABEL_PATTERN }),
  /** Other resources (the account's Language or multi-service ones) that serve the deployment too. */
  assignedResourceIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 })),
});
const SwapBody = Type.Object({ firstDeploymentName: Type.String({ pattern: LABEL_PATTERN }), secondDeploymentName: Type.String({ pattern: LABEL_PATTERN }) });

type P<T> = { Params: T };
type DeploymentP = P<{ projectName: string; deploymentName: string }>;
type ModelP = P<{ projectName: string; trainedModelLabel: string }>;

export async function deploymentRoutes(app: FastifyInstance, { projects }: AuthoringContext): Promise<void> {
  const base = `${AUTHORING_BASE}/:projectName`;

  app.get<P<{ projectName: string }>>(`${base}/deployments`, { schema: { params: ProjectParams, querystring: ApiVersionQuery }, config: gateway('deployments.list') },
    async (request) => ({ value: (await projects.deployments(resourceOf(request), request.params.projectName)).map(deploymentView) }));

  app.get<DeploymentP>(`${base}/deployments/:deploymentName`, { schema: { params: DeploymentParams, querystring: ApiVersionQuery }, config: gateway('deployments.get') },
    async (request) => deploymentView(await projects.deployment(resourceOf(request), request.params.projectName, request.params.deploymentName)));

  app.put<DeploymentP & { Body: typeof DeployBody.static }>(`${base}/deployments/:deploymentName`, {
    schema: { params: DeploymentParams, querystring: ApiVersionQuery, body: DeployBody }, config: gateway('deploy'),
  }, async (request, reply) => {
    const { projectName, deploymentName } = request.params;
    const { id, accountId } = (request.caller as Caller).resource;
    return accepted(request, reply, await projects.deploy({ id, accountId }, projectName, deploymentName, request.body.trainedModelLabel, request.body.assignedResourceIds));
  });

  app.delete<DeploymentP>(`${base}/deployments/:deploymentName`, { schema: { params: DeploymentParams, querystring: ApiVersionQuery }, config: gateway('deployments.delete') },
    async (request, reply) => accepted(request, reply, await projects.undeploy(resourceOf(request), request.params.projectName, request.params.deploymentName)));

  app.get<P<{ projectName: string; deploymentName: string; jobId: string }>>(`${base}/deployments/:deploymentName/jobs/:jobId`, {
    schema: { params: DeploymentJobParams, querystring: ApiVersionQuery }, config: gateway('deploy.status'),
  }, async (request) => jobState(await projects.job(resourceOf(request), request.params.projectName, 'deploy', request.params.jobId, request.params.deploymentName)));

  app.post<P<{ projectName: string }> & { Body: typeof SwapBody.static }>(`${base}/deployments/::swap`, {
    schema: { params: ProjectParams, querystring: ApiVersionQuery, body: SwapBody }, config: gateway('swap'),
  }, async (request, reply) => accepted(request, reply,
    await projects.swap(resourceOf(request), request.params.projectName, request.body.firstDeploymentName, request.body.secondDeploymentName)));

  app.get<P<{ projectName: string; jobId: string }>>(`${base}/deployments/swap/jobs/:jobId`, {
    schema: { params: Type.Object({ projectName: Type.String({ pattern: NAME_PATTERN }), jobId: Type.String({ minLength: 1, maxLength: 64 }) }), querystring: ApiVersionQuery }, config: gateway('swap.status'),
  }, async (request) => jobState(await projects.job(resourceOf(request), request.params.projectName, 'swap', request.params.jobId)));

  app.get<P<{ projectName: string }>>(`${base}/models`, { schema: { params: ProjectParams, querystring: ApiVersionQuery }, config: gateway('models.list') },
    async (request) => ({ value: (await projects.models(resourceOf(request), request.params.projectName)).map(modelView) }));

  app.get<ModelP>(`${base}/models/:trainedModelLabel`, { schema: { params: ModelParams, querystring: ApiVersionQuery }, config: gateway('models.get') },
    async (request) => modelView(await projects.model(resourceOf(request), request.params.projectName, request.params.trainedModelLabel)));

  app.delete<ModelP>(`${base}/models/:trainedModelLabel`, { schema: { params: ModelParams, querystring: ApiVersionQuery }, config: gateway('models.delete') }, async (request, reply) => {
    await projects.deleteModel(resourceOf(request), request.params.projectName, request.params.trainedModelLabel);
    return reply.code(204).send();
  });

  const noEvaluation = async (request: any) => {
    await projects.model(resourceOf(request), request.params.projectName, request.params.trainedModelLabel);
    throw badRequest('Portico does not evaluate trained models, so there are no evaluation results; test a deployment with POST /language/:analyze-conversations.', 'InvalidRequest');
  };
  const noSnapshot = async (request: any) => {
    await projects.model(resourceOf(request), request.params.projectName, request.params.trainedModelLabel);
    throw badRequest('Portico keeps trained models as they are and takes no snapshots, so there is no snapshot to load.', 'InvalidRequest');
  };
  const modelOpts = (op: string) => ({ schema: { params: ModelParams, querystring: ApiVersionQuery }, config: gateway(op) });
  app.get(`${base}/models/:trainedModelLabel/evaluation/result`, modelOpts('models.evaluation'), noEvaluation);
  app.get(`${base}/models/:trainedModelLabel/evaluation/summary-result`, modelOpts('models.evaluation'), noEvaluation);
  app.post(`${base}/models/:trainedModelLabel/::load-snapshot`, modelOpts('models.snapshot'), noSnapshot);
  app.get(`${base}/models/:trainedModelLabel/load-snapshot/jobs/:jobId`, {
    schema: { params: Type.Object({ ...ModelParams.properties, jobId: Type.String() }), querystring: ApiVersionQuery }, config: gateway('models.snapshot'),
  }, noSnapshot);
}
