// The HTTP server: Fastify with Azure-style errors, an apim-request-id on every
// response, region routing, the gateway, the console API and the services.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyContextConfig, type FastifyError, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Platform } from '../platform.ts';
import { ApiError } from './errors.ts';
import { createRegionRouting, setRequestTarget } from '../gateway/region.ts';
import { gatewayPlugin, UNKNOWN_KEYS_PER_ADDRESS } from '../gateway/plugin.ts';
import { consolePlugin } from '../console/plugin.ts';
import { metricsPlugin } from '../metrics/plugin.ts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { processWriterId } from '../gateway/metering.ts';
import { redactUrl } from './redact.ts';
import { validatorCompiler } from './validation.ts';
import { ipMatcher } from '../util/ip-range.ts';

/** A service mounted behind the gateway (LUIS, Computer Vision, …). */
export interface ServiceMount {
  plugin: FastifyPluginAsync<any>;
  prefix?: string;
  options?: Record<string, unknown>;
}

export interface ServerOptions {
  services?: ServiceMount[];
  /** Folder of the built portal (web/dist); served at / when present. */
  webRoot?: string;
  logger?: boolean;
  /** Default body limit for JSON routes (services may raise it per route). */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** One route as the server registered it: what tests enumerate, so a route added later cannot escape them. */
export interface RegisteredRoute {
  method: string;
  url: string;
  config: FastifyContextConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the server, filled as plugins register them. */
    routeTable: readonly RegisteredRoute[];
  }
}

function fastifyErrorToApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const context = error.validationContext ?? 'request';
    const first = error.validation[0];
    const field = [context, ...(first?.instancePath ?? '').split('/').filter(Boolean)].join('.');
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const message = missing ? `${field}.${missing} is required` : `${field} ${first?.message ?? 'is invalid'}`;
    return new ApiError(400, 'BadArgument', message);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'RequestEntityTooLarge', `The request body is larger than the limit of ${error.message.match(/\d+/)?.[0] ?? 'the server'} bytes.`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'BadArgument', `The request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'UnsupportedMediaType', error.message);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'BadArgument', error.message);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, String(error.statusCode), error.message);
  }
  return new ApiError(500, 'InternalServerError', 'The server met an unexpected error; it has been logged with this request id.');
}

export async function buildServer(platform: Platform, options: ServerOptions = {}): Promise<FastifyInstance> {
  const { config, catalog } = platform;
  const routing = createRegionRouting(catalog.allRegions, config.region, config.customDomain);
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      redact: { paths: ['req.headers["ocp-apim-subscription-key"]', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        req: (req) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }),
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // X-Forwarded-For names the client only when the TCP peer is a configured
    // proxy; otherwise anyone could pick the address the per-address limits and
    // the network rules see.
    trustProxy: config.trustedProxies.length ? ipMatcher(config.trustedProxies) : false,
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    rewriteUrl(req) {
      const routed = routing.route(req.url ?? '/', req.headers.host);
      setRequestTarget(req, routed.target);
      return routed.url;
    },
  });

  app.setValidatorCompiler(validatorCompiler());

  const routeTable: RegisteredRoute[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, config: route.config ?? {} });
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('apim-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = fastifyErrorToApiError(error);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(apiError.statusCode).headers(apiError.headers).send(apiError.body());
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(new ApiError(404, '404', `Resource not found: ${request.method} ${redactUrl(request.url)}`).body());
  });

  await app.register(gatewayPlugin, {
    catalog, directory: platform.directory, limiter: platform.limiter, recorder: platform.recorder,
    clock: platform.clock, defaultRegion: config.region, attempts: platform.attempts, tokens: platform.tokens,
    unknownKeyRule: { ...UNKNOWN_KEYS_PER_ADDRESS, limit: config.invalidKeysPerMinute },
  });
  // Before the services: its onRoute hook must see their gateway routes.
  await app.register(metricsPlugin, {
    metrics: new GatewayMetrics(processWriterId()), token: config.metricsToken, directory: platform.directory, catalog,
  });
  await app.register(consolePlugin, { prefix: '/api', platform });
  for (const service of options.services ?? []) {
    await app.register(service.plugin, { prefix: service.prefix, ...service.options });
  }
  if (options.webRoot) {
    const { webPlugin } = await import('./web.ts');
    await app.register(webPlugin, { root: options.webRoot });
  }
  return app;
}
