import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { Platform } from '../platform.ts';

export type ConsoleApp = FastifyInstance extends FastifyInstance<infer S, infer Req, infer Res, infer L> ? FastifyInstance<S, Req, Res, L, TypeBoxTypeProvider> : never;

export interface ConsoleContext {
  platform: Platform;
  /** onRequest hook that requires a signed-in account (before body validation, so anonymous calls get 401). */
  signedIn: onRequestAsyncHookHandler;
}

/** One console API route: a function that registers it. */
export type ConsoleRoute = (app: ConsoleApp, context: ConsoleContext) => void;

export const ResourceParams = Type.Object({ name: Type.String({ maxLength: 256 }) });
