// The gateway as a Fastify plugin: every route that declares `config.gateway`
// gets the key checks before its handler, and its reply is metered (and held
// until the meter is committed).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.ts';
import type { KeyDirectory } from '../keys/directory.ts';
import type { Limiter } from '../limits/limiter.ts';
import type { Clock } from '../util/clock.ts';
import { ApiError } from '../http/errors.ts';
import type { UsageRecorder, MeteredCall } from './metering.ts';
import { checkActive, checkAdmission, checkScopeAndRegion, presentedKey } from './checks.ts';
import { missingKey, invalidKey } from './messages.ts';
import { requestRegion } from './region.ts';
import type { GatewayRoute } from './types.ts';

export interface GatewayOptions {
  catalog: Catalog;
  directory: KeyDirectory;
  limiter: Limiter;
  recorder: UsageRecorder;
  clock: Clock;
  defaultRegion: string;
}

/** What the reply of a call is metered as; set once the key has named a resource. */
const meterOf = new WeakMap<FastifyRequest, Omit<MeteredCall, 'status'>>();

async function gateway(app: FastifyInstance, options: GatewayOptions): Promise<void> {
  const { catalog, directory, limiter, recorder, clock } = options;

  async function check(request: FastifyRequest, route: GatewayRoute): Promise<void> {
    const key = presentedKey(request.headers, request.query);
    if (!key) throw missingKey();
    const match = await directory.resolve(key);
    if (!match) throw invalidKey();
    const { resource, slot } = match;
    const region = requestRegion(request.raw) ?? options.defaultRegion;
    checkScopeAndRegion(resource, route, region);
    const now = clock.now();
    const metered = { resourceId: resource.id, at: now, meter: route.meter, operation: route.operation, keySlot: slot, admitted: false };
    meterOf.set(request, metered);
    checkActive(resource, catalog, now);
    const tier = catalog.tier(resource.kind, resource.tier);
    if (!tier) throw new ApiError(500, 'InternalServerError', `the catalogue has no tier ${resource.tier} for kind ${resource.kind}`);
    const admission = await limiter.admit({ resourceId: resource.id, rate: tier.rate, meter: route.meter, monthlyQuota: tier.monthlyQuota[route.meter], now });
    checkAdmission(admission, resource, route.meter, catalog);
    metered.admitted = true;
    if (now > resource.lastUsedAt) resource.lastUsedAt = now;
    request.caller = { resource, keySlot: slot, region };
  }

  app.addHook('onRoute', (routeOptions) => {
    const route = routeOptions.config?.gateway;
    if (!route) return;
    const existing = routeOptions.onRequest ? [routeOptions.onRequest].flat() : [];
    routeOptions.onRequest = [async (request: FastifyRequest) => check(request, route), ...existing];
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const metered = meterOf.get(request);
    if (!metered) return payload;
    try {
      await recorder.record({ ...metered, status: reply.statusCode });
      return payload;
    } catch (err) {
      request.log.error({ err }, 'usage could not be recorded');
      reply.code(503).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify(new ApiError(503, 'ServiceUnavailable', 'The call could not be metered, so it was not served. Retry in a moment.').body());
    }
  });
}

export const gatewayPlugin = fp(gateway, { name: 'portico-gateway' });
