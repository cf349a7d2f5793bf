// Shared pieces of the authoring routes: the route declaration (gateway
// scope, both slash forms), parameter schemas, id lookups and common bodies.
import { Type, type TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Platform } from '../../platform.ts';
import type { LuisApps, AppRow, Need } from '../service.ts';
import type { AuthorDirectory, Author } from '../authors.ts';
import type { TrainingService } from '../training/training-service.ts';
import type { Publishing } from '../publishing.ts';
import type { QueryLog } from '../runtime/query-log.ts';
import type { PublishedApps } from '../runtime/published-apps.ts';
import type { BatchTests } from '../batch/batch-tests.ts';
import { ENDPOINT_KEY_ON_AUTHORING, itemNotFound } from '../errors.ts';

export type AuthoringApp = FastifyInstance extends FastifyInstance<infer S, infer Req, infer Res, infer L> ? FastifyInstance<S, Req, Res, L, TypeBoxTypeProvider> : never;

export interface AuthoringContext {
  /** The API the routes serve; v3.0-preview updates entities with PATCH where v2.0 uses PUT. */
  api: 'v2.0' | 'v3.0-preview';
  platform: Platform;
  apps: LuisApps;
  authors: AuthorDirectory;
  training: TrainingService;
  publishing: Publishing;
  queryLog: QueryLog;
  /** Trained models by version, for the predictions shown beside example labels. */
  published: PublishedApps;
  batchTests: BatchTests;
}

export type AuthoringRoutes = (app: AuthoringApp, context: AuthoringContext) => void;

/** The methods of an entity update: v3.0-preview renamed PUT to PATCH (both answer there, as old clients still PUT). */
export const entityUpdateMethods = (context: AuthoringContext): HTTPMethods[] => (context.api === 'v3.0-preview' ? ['PUT', 'PATCH'] : ['PUT']);

/** The gateway declaration of an authoring operation: authoring keys only, counted on the authoring meter. */
export function authoringGateway(operation: string) {
  return { gateway: { operation: `luis.authoring.${operation}`, accepts: ['LUIS.Authoring'], meter: 'authoring', wrongKindMessage: ENDPOINT_KEY_ON_AUTHORING } };
}

const GUID = '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$';
export const Guid = (description: string) => Type.String({ pattern: GUID, description });
export const AppParams = Type.Object({ appId: Guid('the application id') });
export const VersionParams = Type.Object({ appId: Guid('the application id'), versionId: Type.String({ minLength: 1, maxLength: 128 }) });
export const Paging = Type.Object({
  skip: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  take: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, default: 100 })),
});
export const NameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }) });

export function page<T>(items: T[], query: { skip?: number; take?: number }): T[] {
  const skip = query.skip ?? 0;
  return items.slice(skip, skip + (query.take ?? 100));
}

export const OK = { code: 'Success', message: 'Operation Successful' } as const;

/** Fastify answers a handler's string as text; LUIS answers ids as JSON strings. */
export function created(reply: FastifyReply, value: unknown): string {
  reply.code(201).type('application/json; charset=utf-8');
  return JSON.stringify(value);
}

export interface RouteSpec<S extends Record<string, TSchema | undefined>> {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  operation: string;
  schema: S & { summary?: string };
  bodyLimit?: number;
}

/**
 * Registers an authoring route under both its slash forms (the SDK calls
 * `apps/` and `versions/{id}/` with a trailing slash, other clients without).
 */
export function route(app: AuthoringApp, spec: { method: HTTPMethods | HTTPMethods[]; url: string; operation: string; schema: Record<string, unknown>; bodyLimit?: number }, handler: (request: any, reply: FastifyReply) => Promise<unknown>): void {
  const bare = spec.url.endsWith('/') ? spec.url.slice(0, -1) : spec.url;
  for (const url of [bare, `${bare}/`]) {
    app.route({ method: spec.method, url, schema: { ...spec.schema, hide: url !== bare }, config: authoringGateway(spec.operation), bodyLimit: spec.bodyLimit, handler });
  }
}

/** The author and the app of a request with an `appId` parameter. */
export async function appOf(context: AuthoringContext, request: FastifyRequest, need: Need = 'member', what?: string): Promise<{ author: Author; app: AppRow }> {
  const author = await context.authors.of(request);
  const app = await context.apps.app(author, (request.params as { appId: string }).appId, need, what);
  return { author, app };
}

export function byId<T extends { id: string | number }>(items: T[], id: string | number, what: string): T {
  const found = items.find((i) => String(i.id).toLowerCase() === String(id).toLowerCase());
  if (!found) throw itemNotFound(what, id);
  return found;
}
