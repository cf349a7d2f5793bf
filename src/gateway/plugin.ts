// The gateway as a Fastify plugin: every route that declares `config.gateway`
// gets the key checks before its handler, and its reply is metered (and held
// until the meter is committed).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { Catalog } from '../catalog/catalog.ts';
import type { KeyDirectory, KeyMatch } from '../keys/directory.ts';
import type { Admission, Limiter } from '../limits/limiter.ts';
import type { AttemptLimiter, AttemptRule } from '../limits/attempts.ts';
import type { Clock } from '../util/clock.ts';
import { ApiError } from '../http/errors.ts';
import type { UsageRecorder } from './metering.ts';
import { checkActive, checkAdmission, checkLocalAuth, checkNetworkRules, checkScopeAndRegion, presentedBearer, presentedKey } from './checks.ts';
import type { AccessTokenVerifier, TokenMatch } from '../tokens/token-service.ts';
import { missingKey, invalidKey, invalidToken, isInvalidKey, tooManyUnknownKeys } from './messages.ts';
import { requestTarget } from './region.ts';
import type { Credential, GatewayRoute } from './types.ts';

export interface GatewayOptions {
  catalog: Catalog;
  directory: KeyDirectory;
  limiter: Limiter;
  recorder: UsageRecorder;
  clock: Clock;
  defaultRegion: string;
  /** Counts lookups of keys this process has not verified, per client address. */
  attempts: AttemptLimiter;
  /** The rule for invalid keys per client address; UNKNOWN_KEYS_PER_ADDRESS unless configured. */
  unknownKeyRule?: AttemptRule;
  /** Verifies `Authorization: Bearer` access tokens (issueToken's, or the console's for the owner). */
  tokens: AccessTokenVerifier;
}

/**
 * Guessing keys: once an address has presented this many invalid keys in a
 * minute, keys this process has not verified before get a 429 before any
 * lookup (so a guess learns nothing), while keys already verified keep being
 * served. Valid keys never count.
 */
export const UNKNOWN_KEYS_PER_ADDRESS: AttemptRule = { name: 'gateway-unknown-key-address', limit: 60, windowMs: 60_000 };

async function gateway(app: FastifyInstance, options: GatewayOptions): Promise<void> {
  const { catalog, directory, limiter, recorder, clock, attempts, tokens } = options;
  const unknownKeyRule = options.unknownKeyRule ?? UNKNOWN_KEYS_PER_ADDRESS;
  // What the reply is metered as, set once the key has named a resource. A
  // request decoration rather than a side table: it is on every call's path.
  app.decorateRequest('meteredCall', null);

  /**
   * The checks, in order. They run without waiting when the key and the quota
   * counter are already in memory (nearly every call), and fall back to the
   * store only on a first sight; this keeps the gateway's cost per call small.
   */
  function check(request: FastifyRequest, route: GatewayRoute): void | Promise<void> {
    const key = presentedKey(request.headers, request.query);
    if (!key) return checkBearer(request, route);
    const match = directory.cached(key);
    if (match) return checkResource(request, route, match, key);
    if (directory.verifiedBefore(key)) return resolveAndCheck(request, route, key);
    return attempts.check(unknownKeyRule, request.ip, clock.now()).then((decision) => {
      if (!decision.allowed) throw tooManyUnknownKeys(unknownKeyRule.limit, decision.retryAfterSeconds);
      return resolveAndCheck(request, route, key, true);
    });
  }

  /** No key: an access token in place of one, verified and then checked as its resource's key would be. */
  function checkBearer(request: FastifyRequest, route: GatewayRoute): Promise<void> {
    const token = route.keyOnly ? undefined : presentedBearer(request.headers);
    if (!token) throw missingKey();
    return tokens.verify(token).then((found) => {
      if (!found) throw invalidToken();
      return checkResource(request, route, found, undefined, 'token');
    });
  }

  /** `countFailure`: an invalid key counts against its address (a valid one never does). */
  function resolveAndCheck(request: FastifyRequest, route: GatewayRoute, key: string, countFailure = false): Promise<void> {
    return directory.resolve(key).then(async (found) => {
      if (!found) {
        if (countFailure) await attempts.take(unknownKeyRule, request.ip, clock.now());
        throw invalidKey();
      }
      return checkResource(request, route, found);
    });
  }

  /**
   * `cachedKey` is set when the match came from the cache: a 401 for it (wrong
   * region) then first pays for a store lookup, so that refusing a known key
   * costs what refusing an unknown one does and timing does not tell them apart.
   */
  function checkResource(request: FastifyRequest, route: GatewayRoute, match: KeyMatch | TokenMatch, cachedKey?: string, credential: Credential = 'key'): void | Promise<void> {
    const { resource } = match;
    checkLocalAuth(resource, credential);
    let region: string;
    try {
      region = checkScopeAndRegion(resource, route, requestTarget(request.raw) ?? { region: options.defaultRegion });
    } catch (err) {
      if (cachedKey === undefined || !isInvalidKey(err)) throw err;
      return directory.fromStore(cachedKey).then(() => { throw err; });
    }
    // Before metering: a refused address is not the resource's use, and must not count against its quota.
    checkNetworkRules(resource, request.ip);
    const now = clock.now();
    request.meteredCall = { resourceId: resource.id, at: now, meter: route.meter, operation: route.operation, keySlot: match.slot, status: 0, admitted: false };
    checkActive(resource, catalog, now);
    const tier = catalog.tier(resource.kind, resource.tier);
    if (!tier) throw new ApiError(500, 'InternalServerError', `the catalogue has no tier ${resource.tier} for kind ${resource.kind}`);
    const limits = { resourceId: resource.id, rate: tier.rate, meter: route.meter, monthlyQuota: tier.monthlyQuota[route.meter], now };
    const decided = limiter.admitNow?.(limits);
    if (decided) return admit(request, match, region, credential, decided);
    return limiter.admit(limits).then((admission) => admit(request, match, region, credential, admission));
  }

  function admit(request: FastifyRequest, { resource, slot }: KeyMatch | TokenMatch, region: string, credential: Credential, admission: Admission): void {
    const call = request.meteredCall!;
    checkAdmission(admission, resource, call.meter, catalog);
    call.admitted = true;
    if (call.at > resource.lastUsedAt) resource.lastUsedAt = call.at;
    request.caller = { resource, keySlot: slot, region, credential };
  }

  function onRequest(route: GatewayRoute): onRequestHookHandler {
    return (request, _reply, done) => {
      let pending: void | Promise<void>;
      try {
        pending = check(request, route);
      } catch (err) {
        return done(err as Error);
      }
      if (pending) pending.then(() => done(), done);
      else done();
    };
  }

  /** Meters the reply of a gateway route once a key has named its resource, and holds it until committed. */
  const onSend: onSendHookHandler = (request, reply, payload, done) => {
    const call = request.meteredCall;
    if (!call) return done(null, payload);
    call.status = reply.statusCode;
    call.latencyMs = reply.elapsedTime;
    recorder.record(call).then(() => done(null, payload), (err) => {
      request.log.error({ err }, 'usage could not be recorded');
      reply.code(503).header('content-type', 'application/json; charset=utf-8');
      done(null, JSON.stringify(new ApiError(503, 'ServiceUnavailable', 'The call could not be metered, so it was not served. Retry in a moment.').body()));
    });
  };

  app.addHook('onRoute', (routeOptions) => {
    const route = routeOptions.config?.gateway;
    if (!route) return;
    const flat = <T>(hooks: T | T[] | undefined): T[] => (hooks ? [hooks].flat() as T[] : []);
    routeOptions.onRequest = [onRequest(route), ...flat(routeOptions.onRequest)];
    routeOptions.onSend = [onSend, ...flat(routeOptions.onSend)];
  });
}

export const gatewayPlugin = fp(gateway, { name: 'portico-gateway' });
