// The operations of an OpenAPI document (Swagger 2.0 as Azure publishes them,
// or OpenAPI 3 as @fastify/swagger writes the console's), with the schemas of
// their query parameters and body, $refs resolved: what the fuzz test derives
// well-formed input from before it breaks it.
import { readFileSync } from 'node:fs';
import { SHARED_DIR } from '../support/shared-dir.ts';

export type Schema = Record<string, any>;

export interface SpecOperation {
  /** Which document, for the report. */
  source: string;
  method: string;
  /** The full path with every parameter as `*`, e.g. `/luis/api/v2.0/apps/*`: how routes and operations meet. */
  shape: string;
  query: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A route's `::` is a literal colon (as in `/imageanalysis::analyze`); `:name` and `{name}` are parameters. */
export const shapeOf = (path: string) => path.replace(/\{[^}]+\}|::|:\w+/g, (m) => (m === '::' ? ':' : '*')).replace(/\/$/, '');

/** Replaces `$ref`s by what they name, stopping at `depth` so recursive definitions stay finite. */
function resolve(doc: any, node: any, depth = 0): any {
  if (Array.isArray(node)) return node.map((n) => resolve(doc, n, depth));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (depth > 6) return {};
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((o: any, k: string) => o?.[k], doc);
    return resolve(doc, target ?? {}, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v, depth)]));
}

export function operationsOf(doc: any, base: string, source: string): SpecOperation[] {
  return Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => Object.entries(item)
    .filter(([m]) => METHODS.includes(m))
    .map(([method, raw]) => {
      const op = resolve(doc, raw);
      const params: any[] = [...resolve(doc, item.parameters ?? []), ...(op.parameters ?? [])];
      const body = params.find((p) => p.in === 'body')?.schema
        ?? op.requestBody?.content?.['application/json']?.schema;
      return {
        source, method: method.toUpperCase(), shape: shapeOf(base + path.replace(/:/g, '::')),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? p })),
        ...(body ? { body } : {}),
      };
    }));
}

/** Azure's published documents, under the paths Portico serves them at. */
export function publishedOperations(): SpecOperation[] {
  const read = (file: string) => JSON.parse(readFileSync(`${SHARED_DIR}specs/${file}`, 'utf8'));
  return [
    ['luis-authoring-v2.0.json', '/luis/api/v2.0'], ['luis-runtime-v2.0.json', '/luis/v2.0'],
    ['luis-runtime-v3.0.json', '/luis/prediction/v3.0'], ['luis-runtime-v3.0.json', '/luis/v3.0'],
    ['computervision-v3.2.json', '/vision/v3.2'], ['computervision-v3.2-read.json', '/vision/v3.2'],
    ['imageanalysis-v4.0-2023-10-01.json', '/computervision'],
    ['clu-authoring-2023-04-01.json', '/language'], ['clu-runtime-2024-11-01.json', '/language'],
  ].flatMap(([file, base]) => operationsOf(read(file), base, file));
}
