// Which region a request is addressed to. A path prefix (`/westus2/luis/...`)
// wins, then the first label of the host name (`westus2.api.example.org`, as
// Azure's endpoints do it), then the server's default region.
import type { IncomingMessage } from 'node:http';

export interface RegionRouting {
  /** The URL with any region prefix removed, and the region the request is for. */
  route(url: string, host: string | undefined): { url: string; region: string };
}

export function createRegionRouting(knownRegions: Iterable<string>, defaultRegion: string): RegionRouting {
  const regions = new Set(knownRegions);
  return {
    route(url, host) {
      const prefix = /^\/([a-z0-9]+)(?=\/|\?|$)/.exec(url);
      if (prefix && regions.has(prefix[1])) {
        const rest = url.slice(prefix[0].length);
        return { url: rest.startsWith('/') ? rest : `/${rest}`, region: prefix[1] };
      }
      const label = host?.split('.')[0]?.toLowerCase();
      if (label && host!.includes('.') && regions.has(label)) return { url, region: label };
      return { url, region: defaultRegion };
    },
  };
}

const requestRegions = new WeakMap<IncomingMessage, string>();

export function setRequestRegion(req: IncomingMessage, region: string): void {
  requestRegions.set(req, region);
}

export function requestRegion(req: IncomingMessage): string | undefined {
  return requestRegions.get(req);
}
