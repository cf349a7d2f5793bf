// The two forms an app travels in through import and export: LUIS JSON and
// the .lu text (`format=lu`), one conversion for apps/import, versions/import
// and versions/{v}/export.
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { LuFormatError, parseLu, toLu } from '../lu/index.ts';
import { badArgument } from '../errors.ts';

export const FormatQuery = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('lu')], { description: 'json (default) or lu: the .lu file format' }));
/** A JSON app, or a .lu text sent as text/plain. */
export const AppBody = Type.Union([Type.Object({}, { additionalProperties: true }), Type.String()]);

/** The LUIS app JSON of an import body; a .lu text that cannot be read is a 400 naming its lines. */
export async function importedApp(body: unknown, format: 'json' | 'lu' | undefined): Promise<unknown> {
  const lu = format === 'lu' || typeof body === 'string';
  if (!lu) return body;
  if (typeof body !== 'string') throw badArgument('format=lu takes the .lu text as the body (Content-Type: text/plain).');
  try {
    return await parseLu(luText(body));
  } catch (err) {
    if (err instanceof LuFormatError) throw badArgument(`The .lu content cannot be imported: ${err.message}`);
    throw err;
  }
}

/**
 * The .lu text of a text/plain body. The 4.x SDK (ms-rest-js) sends its
 * `luisAppLu` string JSON-encoded, quotes and escapes, under text/plain.
 */
function luText(body: string): string {
  if (!body.startsWith('"')) return body;
  try {
    const decoded: unknown = JSON.parse(body);
    return typeof decoded === 'string' ? decoded : body;
  } catch {
    return body;
  }
}

/** An exported app as JSON, or as .lu text for `format=lu`. */
export function exportedApp(reply: FastifyReply, app: Record<string, unknown>, format: 'json' | 'lu' | undefined): unknown {
  if (format !== 'lu') return app;
  reply.type('text/plain; charset=utf-8');
  return toLu(app);
}
