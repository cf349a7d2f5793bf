// Projects: list, get, create or update (JSON merge patch), delete, and the
// deletion job.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ProjectMetadataSchema, ProjectSettingsSchema } from '../project/assets.ts';
import { projectMetadata } from '../projects.ts';
import { jobState } from '../jobs.ts';
import { accepted, ApiVersionQuery, AUTHORING_BASE, gateway, ProjectParams, resourceOf, type AuthoringContext } from './kit.ts';
import { badRequest } from '../../http/errors.ts';

const PatchBody = Type.Object({
  projectKind: Type.Optional(ProjectMetadataSchema.properties.projectKind),
  projectName: Type.Optional(Type.String()),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
  multilingual: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  settings: Type.Optional(ProjectSettingsSchema),
  storageInputContainerName: Type.Optional(Type.String()),
});

export async function projectRoutes(app: FastifyInstance, { projects }: AuthoringContext): Promise<void> {
  app.get(AUTHORING_BASE, { schema: { querystring: ApiVersionQuery }, config: gateway('projects.list') }, async (request) => {
    const rows = await projects.list(resourceOf(request));
    return { value: rows.map(projectMetadata) };
  });

  app.get<{ Params: { projectName: string } }>(`${AUTHORING_BASE}/:projectName`, { schema: { params: ProjectParams, querystring: ApiVersionQuery }, config: gateway('projects.get') },
    async (request) => projectMetadata(await projects.project(resourceOf(request), request.params.projectName)));

  app.patch<{ Params: { projectName: string }; Body: typeof PatchBody.static }>(`${AUTHORING_BASE}/:projectName`, {
    schema: { params: ProjectParams, querystring: ApiVersionQuery, body: PatchBody }, config: gateway('projects.create'),
  }, async (request, reply) => {
    const { projectName } = request.params;
    if (request.body.projectName !== undefined && request.body.projectName !== projectName) {
      throw badRequest(`projectName "${request.body.projectName}" differs from the project in the path, "${projectName}".`, 'InvalidArgument');
    }
    const { created, row } = await projects.createOrUpdate(resourceOf(request), projectName, request.body);
    return reply.code(created ? 201 : 200).send(projectMetadata(row));
  });

  app.delete<{ Params: { projectName: string } }>(`${AUTHORING_BASE}/:projectName`, { schema: { params: ProjectParams, querystring: ApiVersionQuery }, config: gateway('projects.delete') },
    async (request, reply) => accepted(request, reply, await projects.deleteProject(resourceOf(request), request.params.projectName)));

  app.get<{ Params: { jobId: string } }>(`${AUTHORING_BASE}/global/deletion-jobs/:jobId`, {
    schema: { params: Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) }), querystring: ApiVersionQuery }, config: gateway('projects.deletion-status'),
  }, async (request) => jobState(await projects.job(resourceOf(request), '', 'delete', request.params.jobId)));
}
