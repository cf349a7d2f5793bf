// GET /metrics, and the hook that feeds it: every gateway route's reply is
// observed once it has gone out (onResponse), so latency covers the whole call.
// The endpoint exists only when an operator sets PORTICO_METRICS_TOKEN and then
// answers only a bearer of that token: call counts per resource are the
// operator's business, never the internet's.
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Catalog } from '../catalog/catalog.ts';
import type { KeyDirectory } from '../keys/directory.ts';
import { presentedKey } from '../gateway/checks.ts';
import { resourceState, type Resource } from '../resources/resource.ts';
import { ApiError } from '../http/errors.ts';
import { redactUrl } from '../http/redact.ts';
import { EXPOSITION_CONTENT_TYPE } from './registry.ts';
import { GatewayMetrics, type BlockReason } from './gateway-metrics.ts';

export interface MetricsOptions {
  metrics: GatewayMetrics;
  /** PORTICO_METRICS_TOKEN; undefined: GET /metrics answers 404. */
  token?: string;
  directory: KeyDirectory;
  catalog: Catalog;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time check of an Authorization header against the token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** Why the gateway refused an unadmitted call; undefined when it was admitted. */
function blockReason(request: FastifyRequest, status: number, resource: Resource, catalog: Catalog, at: number): BlockReason | undefined {
  if (request.meteredCall?.admitted) return undefined;
  if (status === 429) return 'rate';
  if (status === 403) return resourceState(resource, catalog, at) === 'expired' ? 'expired' : 'quota';
  return undefined;
}

async function metricsRoutes(app: FastifyInstance, options: MetricsOptions): Promise<void> {
  const { metrics, directory, catalog, token } = options;

  const onResponse: onResponseHookHandler = (request, reply, done) => {
    const call = request.meteredCall;
    // A call whose key named no resource (missing or unknown key) has nobody to count it for.
    if (call) {
      // Refused calls have no caller: their key is in the directory's cache since the check just found it.
      const resource = request.caller?.resource ?? directory.cached(presentedKey(request.headers, request.query) ?? '')?.resource;
      if (resource) {
        const status = reply.statusCode;
        metrics.observe({ resource, operation: call.operation, status, latencyMs: reply.elapsedTime, blocked: blockReason(request, status, resource, catalog, call.at) });
      }
    }
    done();
  };

  app.addHook('onRoute', (routeOptions) => {
    if (!routeOptions.config?.gateway) return;
    routeOptions.onResponse = [...[routeOptions.onResponse ?? []].flat(), onResponse];
  });

  app.get('/metrics', {
    schema: {
      summary: 'Prometheus text exposition of this process\'s gateway metrics; needs Authorization: Bearer <PORTICO_METRICS_TOKEN>',
      headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
    },
  }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!token) throw new ApiError(404, '404', `Resource not found: ${request.method} ${redactUrl(request.url)}`);
    if (!bearerMatches(request.headers.authorization, token)) {
      throw new ApiError(401, '401', 'Access denied: GET /metrics needs the header Authorization: Bearer <PORTICO_METRICS_TOKEN>.', {}, { 'www-authenticate': 'Bearer realm="portico-metrics"' });
    }
    reply.header('content-type', EXPOSITION_CONTENT_TYPE).header('cache-control', 'no-store');
    return metrics.render();
  });
}

export const metricsPlugin = fp(metricsRoutes, { name: 'portico-metrics' });
