import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Platform } from '../platform.ts';

export type ConsoleApp = FastifyInstance extends FastifyInstance<infer S, infer Req, infer Res, infer L> ? FastifyInstance<S, Req, Res, L, TypeBoxTypeProvider> : never;

export interface ConsoleContext {
  platform: Platform;
  /** preHandler that requires a signed-in account. */
  signedIn: preHandlerAsyncHookHandler;
}

/** One console API route: a function that registers it. */
export type ConsoleRoute = (app: ConsoleApp, context: ConsoleContext) => void;

export const ResourceParams = Type.Object({ name: Type.String({ maxLength: 256 }) });
