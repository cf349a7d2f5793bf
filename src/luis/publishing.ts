// Publishing: a trained version goes to the staging or production slot in
// one or more publishing regions of the app's authoring region; the runtime's
// model cache is rebuilt and swapped before the call answers.
import type { Catalog } from '../catalog/catalog.ts';
import type { Clock } from '../util/clock.ts';
import * as versionsRepo from './store/versions.ts';
import type { LuisDb } from './store/tables.ts';
import type { AppRow } from './service.ts';
import type { PublishedApps, Slot } from './runtime/published-apps.ts';
import { badArgument, versionNotFound } from './errors.ts';

export interface EndpointInfo {
  versionId: string;
  isStaging: boolean;
  endpointUrl: string;
  region: string;
  assignedEndpointKey: string;
  endpointRegion: string;
  failedRegions: string;
  publishedDateTime: string;
  directVersionPublish: boolean;
}

export class Publishing {
  constructor(
    private db: LuisDb,
    private catalog: Catalog,
    private clock: Clock,
    private published: PublishedApps,
    /** The base URL of a region (with a trailing slash). */
    private endpointOf: (region: string) => string,
  ) {}

  /** Regions named in a publish request (comma-separated), or every publishing region of the app. */
  regionsFor(app: AppRow, requested: string | undefined): string[] {
    const allowed = this.catalog.publishingRegionsOf(app.authoring_region);
    if (!requested?.trim()) return allowed;
    const regions = [...new Set(requested.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean))];
    const outside = regions.filter((r) => !allowed.includes(r));
    if (outside.length) {
      throw badArgument(`Cannot publish to ${outside.join(', ')}: an app authored in ${app.authoring_region} publishes only to ${allowed.join(', ')}.`);
    }
    return regions;
  }

  async publish(app: AppRow, versionId: string, isStaging: boolean, region: string | undefined): Promise<EndpointInfo> {
    const regions = this.regionsFor(app, region);
    const version = await versionsRepo.findVersionMeta(this.db, app.id, versionId);
    if (!version) throw versionNotFound(app.id, versionId);
    if (!version.model_id) {
      const why = version.training_status === 'Queued' || version.training_status === 'InProgress'
        ? 'its training has not finished yet; poll GET .../train until it reports Success' : 'it has not been trained; POST .../train first';
      throw badArgument(`Version "${versionId}" cannot be published: ${why}.`);
    }
    const slot: Slot = isStaging ? 'staging' : 'production';
    const now = this.clock.now();
    await versionsRepo.publish(this.db, regions.map((r) => ({ app_id: app.id, slot, region: r, version_id: versionId, model_id: version.model_id!, published_at: now })));
    await versionsRepo.deleteUnusedModels(this.db, app.id);
    await this.published.changed(app.id);
    const home = regions.includes(app.authoring_region) ? app.authoring_region : regions[0];
    return {
      versionId, isStaging,
      endpointUrl: `${this.endpointOf(home)}luis/v2.0/apps/${app.id}`,
      region: home,
      assignedEndpointKey: '',
      endpointRegion: regions.join(', '),
      failedRegions: '',
      publishedDateTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      directVersionPublish: false,
    };
  }

  /** Rebuilds the runtime's view of an app, here and in every other process (after keys are assigned or removed, or the app is deleted). */
  refresh(appId: string): Promise<void> {
    return this.published.changed(appId);
  }

  /** Where an app answers, per slot: LUIS's `endpoints` member of the app info. */
  async endpoints(app: AppRow): Promise<Record<string, unknown>> {
    const publications = await versionsRepo.listPublications(this.db, app.id);
    const out: Record<string, unknown> = {};
    for (const slot of ['production', 'staging'] as const) {
      const rows = publications.filter((p) => p.slot === slot);
      if (!rows.length) continue;
      const latest = rows.reduce((a, b) => (Number(b.published_at) > Number(a.published_at) ? b : a));
      const home = rows.find((r) => r.region === app.authoring_region) ?? rows[0];
      out[slot.toUpperCase()] = {
        versionId: latest.version_id, isStaging: slot === 'staging',
        endpointUrl: `${this.endpointOf(home.region)}luis/v2.0/apps/${app.id}`, region: home.region,
        assignedEndpointKey: '', endpointRegion: rows.map((r) => r.region).join(', '), failedRegions: '',
        publishedDateTime: new Date(Number(latest.published_at)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    }
    return out;
  }
}
