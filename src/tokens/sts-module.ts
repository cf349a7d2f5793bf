// The token service: POST /sts/v1.0/issueToken (and /issuetoken, as the Speech
// clients spell it) exchanges a subscription key for an access token, answered
// as text/plain. It is a gateway route like any other, so the key is checked,
// rate-limited and metered (on the `sts` meter: no tier has a quota there, as
// Azure does not bill token requests); a token cannot ask for another.
import type { FastifyInstance } from 'fastify';
import type { ServiceModule } from '../service-module.ts';
import type { Platform } from '../platform.ts';
import { presentedKey } from '../gateway/checks.ts';
import { ApiError } from '../http/errors.ts';
import type { KeySlot } from '../resources/resource.ts';

export const ISSUE_TOKEN_OPERATION = 'sts.issueToken';
/** Tokens are small; a body is not expected (clients send none or an empty form). */
const BODY_LIMIT = 1024;

export function stsModule(): ServiceModule {
  return {
    name: 'sts',
    async mount(platform: Platform) {
      // Every kind's key may ask for a token, as on Azure; the catalogue says which kinds there are.
      const accepts = platform.catalog.data.kinds.map((k) => k.name);
      const config = { gateway: { operation: ISSUE_TOKEN_OPERATION, accepts, meter: 'sts', keyOnly: true } };
      return {
        prefix: '/sts/v1.0',
        plugin: async (app: FastifyInstance) => {
          app.removeAllContentTypeParsers();
          app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
          const handler = async (request: any, reply: any) => {
            const caller = request.caller;
            const key = presentedKey(request.headers, request.query);
            if (!caller || !key || caller.credential !== 'key') throw new ApiError(500, 'InternalServerError', 'the gateway did not identify the key of an issueToken call');
            const issued = await platform.tokens.issue(caller.resource, { slot: caller.keySlot as KeySlot, value: key });
            reply.header('content-type', 'text/plain; charset=utf-8');
            return issued.token;
          };
          const schema = { summary: 'Exchange a subscription key for an access token valid 10 minutes', hide: false };
          app.post('/issueToken', { config, schema }, handler);
          app.post('/issuetoken', { config, schema }, handler);
        },
      };
    },
  };
}
