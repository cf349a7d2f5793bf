// The api-versions each CLU API answers to. Every listed version has the
// request and response shapes Portico serves; another version is refused
// with the list, rather than answered in a shape its client does not expect.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';

/** Runtime: the stable versions, and the preview the official JS client 1.0.0-beta.1 sends by default. */
export const RUNTIME_API_VERSIONS = ['2022-05-01', '2022-05-15-preview', '2022-10-01-preview', '2023-04-01', '2024-11-01'] as const;
export const AUTHORING_API_VERSIONS = ['2022-05-01', '2022-10-01-preview', '2023-04-01'] as const;

/** Adds the check to every route of the plugin it is called in. */
export function requireApiVersion(app: FastifyInstance, versions: readonly string[]): void {
  app.addHook('preValidation', async (request) => {
    const version = (request.query as Record<string, unknown> | undefined)?.['api-version'];
    if (typeof version !== 'string' || version === '') {
      throw new ApiError(400, 'InvalidArgument', `The api-version query parameter is required; supported: ${versions.join(', ')}.`);
    }
    if (!versions.includes(version)) {
      throw new ApiError(400, 'UnsupportedApiVersion', `The api-version '${version}' is not supported; supported: ${versions.join(', ')}.`);
    }
  });
}
