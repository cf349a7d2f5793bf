// Request validation: bodies are checked strictly (a number where a string is
// expected is a 400 naming the field), while query strings, path parameters and
// headers, which are text on the wire, are coerced to their declared types.
import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

function ajv(coerceTypes: boolean | 'array'): Ajv {
  return new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false, allowUnionTypes: true });
}

export function validatorCompiler(): FastifySchemaCompiler<any> {
  const strict = ajv(false);
  const coercing = ajv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema) as any;
}
