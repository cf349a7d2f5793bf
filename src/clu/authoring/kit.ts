// What every CLU authoring route shares: the gateway config, the caller's
// Language resource, and where a job's state is polled.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Caller } from '../../gateway/types.ts';
import { LANGUAGE_AUTHORING_KINDS, NOT_A_LANGUAGE_KEY } from '../kinds.ts';
import { jobPath } from '../jobs.ts';
import type { JobRow } from '../store/jobs.ts';
import type { CluProjects } from '../projects.ts';
import { NAME_PATTERN } from '../project/assets.ts';

export interface AuthoringContext { projects: CluProjects }

export const AUTHORING_BASE = '/language/authoring/analyze-conversations/projects';

export const gateway = (operation: string) => ({ gateway: { operation: `clu.authoring.${operation}`, accepts: LANGUAGE_AUTHORING_KINDS, meter: 'language-authoring', wrongKindMessage: NOT_A_LANGUAGE_KEY } });

export const ApiVersionQuery = Type.Object({ 'api-version': Type.String() }, { additionalProperties: true });
export const ProjectParams = Type.Object({ projectName: Type.String({ pattern: NAME_PATTERN, description: 'the project name' }) });
export const JobParams = Type.Object({ projectName: Type.String({ pattern: NAME_PATTERN }), jobId: Type.String({ minLength: 1, maxLength: 64 }) });

/** The Language resource whose key called: it owns the projects. */
export const resourceOf = (request: FastifyRequest) => (request.caller as Caller).resource.id;

/** The address the client came in on, region prefix included, so that polling goes where the call went. */
export function baseUrl(request: FastifyRequest): string {
  const prefix = request.originalUrl.slice(0, request.originalUrl.length - request.url.length);
  return `${request.protocol}://${request.host}${prefix}`;
}

export function jobUrl(request: FastifyRequest, job: JobRow): string {
  const version = (request.query as Record<string, string>)['api-version'];
  return `${baseUrl(request)}${AUTHORING_BASE}/${jobPath(job)}?api-version=${encodeURIComponent(version)}`;
}

/** 202 Accepted with the job to poll in `operation-location`, as Azure's long-running operations answer. */
export function accepted(request: FastifyRequest, reply: FastifyReply, job: JobRow): FastifyReply {
  return reply.code(202).header('operation-location', jobUrl(request, job)).send();
}
