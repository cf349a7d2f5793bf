// What every section of an app page works on: the client for the authoring
// region, the app, and the version being edited.
import type { LuisClient } from './api.ts';

export type Ctx = { client: LuisClient; appId: string; version: string; region: string };

/** Query keys of one app (and optionally one of its versions). */
export const appKey = (ctx: Ctx, what: string) => ['luis', ctx.region, ctx.appId, what];
export const versionKey = (ctx: Ctx, what: string) => ['luis', ctx.region, ctx.appId, ctx.version, what];
