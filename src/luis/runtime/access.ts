// Which keys may query a published app, and where (the seed's key rules):
// an endpoint key of a LUIS resource assigned to the app (or any LUIS key
// when the app is public), or the owner's authoring key on its starter
// quota; and only in a region the app is published to.
import type { Caller } from '../../gateway/types.ts';
import { ApiError } from '../../http/errors.ts';
import type { PublishedModel, RuntimeApp, Slot } from './published-apps.ts';

export const cannotAccess = (why: string) =>
  new ApiError(401, '401', `This application cannot be accessed with the current subscription: ${why}`);

/** The answer for an app id nobody published, also given to a stranger's key so that it learns nothing of the app. */
export const unknownApp = (appId: string) => new ApiError(404, 'NotFound', `There is no application with the ID ${appId.toLowerCase()}.`);

/** The key rules shared by every prediction route: whose keys may query this app at all. */
function checkKey({ resource }: Caller, app: RuntimeApp): void {
  const stranger = resource.accountId !== app.ownerAccountId && !app.assignedResourceIds.has(resource.id) && !app.isPublic;
  if (stranger) throw unknownApp(app.id);
  if (resource.kind === 'LUIS.Authoring') {
    if (resource.accountId !== app.ownerAccountId) {
      throw cannotAccess("only the app owner's authoring key may query it. Use an endpoint key of a LUIS resource assigned to the app.");
    }
  } else if (!app.assignedResourceIds.has(resource.id) && !app.isPublic) {
    throw cannotAccess(`the key's resource "${resource.name}" is not assigned to app ${app.id}. ` +
      'Assign it on the Publish page (POST /luis/api/v2.0/apps/{appId}/azureaccounts with its accountName, or `portico luis assign-key`).');
  }
}

/** A query of a slot: the key rules, then the model published to that slot in the caller's region. */
export function admitQuery(caller: Caller, app: RuntimeApp, slot: Slot): PublishedModel {
  checkKey(caller, app);
  const { region } = caller;
  const regions = app.slots.get(slot);
  const published = regions?.get(region);
  if (!published) {
    const where = regions?.size ? `it is published to the ${slot} slot in ${[...regions.keys()].join(', ')} only` : `it is not published to the ${slot} slot`;
    throw new ApiError(404, 'NotPublished', `Application ${app.id} cannot answer in region ${region}: ${where}.`);
  }
  return published;
}

/**
 * A query of a version (v3.0 `versions/{versionId}/predict`): the same key
 * rules, from the app's authoring region or any region it may publish to.
 */
export function admitVersionQuery(caller: Caller, app: RuntimeApp, regions: readonly string[]): void {
  checkKey(caller, app);
  if (caller.region !== app.authoringRegion && !regions.includes(caller.region)) {
    throw cannotAccess(`application ${app.id} is authored in ${app.authoringRegion}; query its versions in ${[app.authoringRegion, ...regions.filter((r) => r !== app.authoringRegion)].join(', ')}.`);
  }
}
