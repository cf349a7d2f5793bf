// Every operation of a published OpenAPI file, as a request this server can
// route: path parameters filled with well-formed values.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SHARED_DIR } from './shared-dir.ts';

export interface SpecOperation { method: string; path: string; url: string }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `file` is a name in the shared specs folder, or a path (absolute, or a file URL) to one kept in the repository. */
export function specOperations(file: string | URL, basePath: string, fill: (parameter: string) => string): SpecOperation[] {
  const path = file instanceof URL || file.startsWith('/') ? file : `${SHARED_DIR}specs/${file}`;
  const spec = JSON.parse(readFileSync(path, 'utf8')) as { paths: Record<string, Record<string, unknown>>; 'x-ms-paths'?: Record<string, Record<string, unknown>> };
  // x-ms-paths are overloads of a path (`/imageanalysis:analyze?_overload=analyzeFromUrl`): the same route, told apart by the query.
  const paths = { ...spec.paths, ...Object.fromEntries(Object.entries(spec['x-ms-paths'] ?? {}).map(([p, ops]) => [p.replace(/\?.*$/, ' (overload)'), ops])) };
  return Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations)
    .filter((m) => METHODS.includes(m))
    .map((m) => ({ method: m.toUpperCase(), path, url: basePath + path.replace(/ \(overload\)$/, '').replace(/\{([^}]+)\}/g, (_, name: string) => fill(name)) })));
}

/** Fastify's answer, through Portico's not-found handler, when no route matches. */
export const NO_ROUTE = /^Resource not found: /;

/**
 * Every operation of a generated Azure SDK (AutoRest's operation specs,
 * `httpMethod` and `path`), as requests: for an API whose OpenAPI file the
 * SDK was generated from (the authoring v3.0-preview spec, 322 kB, is not kept
 * here; its 4.x SDK carries the same operations).
 */
export function sdkOperations(packageName: string, basePath: string, fill: (parameter: string) => string): SpecOperation[] {
  const dir = `${createRequire(import.meta.url).resolve(`${packageName}/package.json`).replace(/package\.json$/, '')}esm/operations/`;
  const seen = new Set<string>();
  return readdirSync(dir).filter((f) => f.endsWith('.js')).flatMap((f) => [...readFileSync(dir + f, 'utf8').matchAll(/httpMethod: "([A-Z]+)",\s*path: "([^"]+)"/g)])
    .map(([, method, path]) => ({ method: method!, path: `/${path}`, url: `${basePath}/${path!.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name))}` }))
    .filter((op) => !seen.has(`${op.method} ${op.path}`) && seen.add(`${op.method} ${op.path}`));
}
