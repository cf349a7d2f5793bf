// The server's own route table, as the tests that must cover every route walk
// it: one entry per method and path (Fastify's trailing-slash twin and the
// HEAD it adds to each GET run the same handler), with its path parameters.
import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../../src/http/server.ts';

export interface TableRoute extends RegisteredRoute {
  /** `GET /luis/api/v2.0/apps/:appId`, the route's name in reports and exemption lists. */
  id: string;
  /** Its parameters in order, `*` for a wildcard. */
  params: string[];
}

/** A parameter (`:name`), a wildcard, or Fastify's escaped literal colon (`::`, as in CLU's `/projects/x/:train`). */
const PARAM = /::|:(\w+)|\*/g;

const withoutSlash = (url: string) => (url.length > 1 ? url.replace(/\/$/, '') : url);

export function routeTable(app: FastifyInstance): TableRoute[] {
  const seen = new Set<string>();
  const routes: TableRoute[] = [];
  for (const route of app.routeTable) {
    if (route.method === 'HEAD') continue;
    const id = `${route.method} ${withoutSlash(route.url)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const params = [...route.url.matchAll(PARAM)].filter((m) => m[0] !== '::').map((m) => m[1] ?? '*');
    routes.push({ ...route, url: withoutSlash(route.url), id, params });
  }
  return routes;
}

/** A path of the route with its parameters filled (each value already encoded for a URL). */
export function fillPath(route: TableRoute, value: (param: string) => string): string {
  return route.url.replace(PARAM, (match, name?: string) => (match === '::' ? ':' : value(name ?? '*')));
}
