// Which regions an app may be published to, and which endpoint resources can
// serve it: an app authored in one region answers only in that region's
// publishing regions (the catalog's authoringRegions). Pure, so the rules are
// tested without a page.
import type { AppInfo, SlotEndpoint } from './api.ts';

export function allowedPublishRegions(authoringRegions: Record<string, string[]>, authoringRegion: string): string[] {
  return authoringRegions[authoringRegion] ?? [];
}

/** Why these regions cannot be published to, or undefined when they can. */
export function publishRegionsProblem(allowed: readonly string[], chosen: readonly string[], authoringRegion: string): string | undefined {
  if (chosen.length === 0) return 'Choose at least one region to publish to.';
  const outside = chosen.filter((r) => !allowed.includes(r));
  if (outside.length > 0) {
    return `An app authored in ${authoringRegion} cannot be published to ${outside.join(', ')}; its publishing regions are ${allowed.join(', ')}.`;
  }
  return undefined;
}

/** The slot's publication as the app info reports it, if the app was published there. */
export function slotEndpoint(app: AppInfo | undefined, staging: boolean): SlotEndpoint | undefined {
  return app?.endpoints?.[staging ? 'STAGING' : 'PRODUCTION'] ?? undefined;
}

/** The regions a slot answers in (endpointRegion is a comma-separated list). */
export function publishedRegions(endpoint: SlotEndpoint | undefined): string[] {
  return endpoint?.endpointRegion.split(',').map((r) => r.trim()).filter(Boolean) ?? [];
}
