// The LUIS service's refusals, in the Azure error body shape.
import { ApiError } from '../http/errors.ts';

export const appNotFound = (appId: string) =>
  new ApiError(404, 'NotFound', `Cannot find an application with the ID ${appId} in this authoring region that your authoring key may use.`);

export const versionNotFound = (appId: string, versionId: string) =>
  new ApiError(404, 'NotFound', `Cannot find version "${versionId}" of application ${appId}.`);

export const itemNotFound = (what: string, id: string | number) =>
  new ApiError(404, 'NotFound', `Cannot find the ${what} with the ID ${id} in this version.`);

export const badArgument = (message: string) => new ApiError(400, 'BadArgument', message);

export const ownerOnly = (what: string) =>
  new ApiError(403, 'Forbidden', `Only the owner of the application may ${what}; collaborators may edit, train and publish it.`);

/** The 401 a LUIS endpoint key gets on an authoring API (the gateway sends it). */
export const ENDPOINT_KEY_ON_AUTHORING =
  'Access denied due to invalid endpoint key: this is an authoring API and it needs an authoring key. ' +
  'Use your authoring key (Account Settings, or `portico account`), not the key of a LUIS endpoint (prediction) resource.';
