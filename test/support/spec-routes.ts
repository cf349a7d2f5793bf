// Every operation of a published OpenAPI file, as a request this server can
// route: path parameters filled with well-formed values.
import { readFileSync } from 'node:fs';
import { SHARED_DIR } from './shared-dir.ts';

export interface SpecOperation { method: string; path: string; url: string }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function specOperations(file: string, basePath: string, fill: (parameter: string) => string): SpecOperation[] {
  const spec = JSON.parse(readFileSync(`${SHARED_DIR}specs/${file}`, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) => Object.keys(operations)
    .filter((m) => METHODS.includes(m))
    .map((m) => ({ method: m.toUpperCase(), path, url: basePath + path.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name)) })));
}

/** Fastify's answer, through Portico's not-found handler, when no route matches. */
export const NO_ROUTE = /^Resource not found: /;
