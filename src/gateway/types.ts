import type { KeySlot, Resource } from '../resources/resource.ts';
import type { MeteredCall } from './metering.ts';

/** What a service route declares in `config.gateway`. */
export interface GatewayRoute {
  /** Name of the operation in usage reports, e.g. `vision.analyze`. */
  operation: string;
  /** Resource kinds whose keys this route serves, e.g. ['ComputerVision']. */
  accepts: readonly string[];
  /** Which monthly quota of the tier the call counts against, e.g. `vision`. */
  meter: string;
  /** The 401 message for a key of a kind this route does not accept (default: Azure's invalid-key message). */
  wrongKindMessage?: string;
  /** Only a subscription key will do (issueToken: a token must not renew itself). */
  keyOnly?: boolean;
}

/** How the caller authenticated: a subscription key or an access token. */
export type Credential = 'key' | 'token';

/** Who is calling a gateway route: set on `request.caller` once the key checks pass. */
export interface Caller {
  resource: Resource;
  /** Which key, or which key the token was issued from; 0 for a token from the owner's identity. */
  keySlot: KeySlot | 0;
  credential: Credential;
  /** The region the request was addressed to (equal to the resource's region). */
  region: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    gateway?: GatewayRoute;
  }
  interface FastifyRequest {
    caller?: Caller;
    /** The gateway's record of this call, completed with the reply's status and metered. */
    meteredCall: MeteredCall | null;
  }
}
