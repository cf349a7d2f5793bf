// Which endpoint a request is addressed to. A custom subdomain host
// (`<name>.<custom domain>`, as Azure's `<name>.cognitiveservices.azure.com`)
// names one resource; otherwise a path prefix (`/westus2/luis/...`) wins, then
// the first label of the host name (`westus2.api.example.org`, as Azure's
// regional endpoints do it), then the server's default region. A region's name
// is never a subdomain, so `westus.<custom domain>` stays regional.
import type { IncomingMessage } from 'node:http';

/** A regional endpoint, or a resource's custom subdomain (whose region is the resource's). */
export type EndpointTarget = { region: string; subdomain?: undefined } | { subdomain: string; region?: undefined };

export interface RegionRouting {
  /** The URL with any region prefix removed, and the endpoint the request is for. */
  route(url: string, host: string | undefined): { url: string; target: EndpointTarget };
}

/** The host name without its port, lower-case: `[::1]:80` → `[::1]`, `A.b:5080` → `a.b`. */
function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name.toLowerCase();
}

export function createRegionRouting(knownRegions: Iterable<string>, defaultRegion: string, customDomain: string): RegionRouting {
  const regions = new Set(knownRegions);
  const domainSuffix = `.${customDomain}`;
  return {
    route(url, host) {
      const name = host ? hostName(host) : '';
      if (name.endsWith(domainSuffix)) {
        const label = name.slice(0, -domainSuffix.length);
        if (label && !label.includes('.') && !regions.has(label)) return { url, target: { subdomain: label } };
      }
      const prefix = /^\/([a-z0-9]+)(?=\/|\?|$)/.exec(url);
      if (prefix && regions.has(prefix[1])) {
        const rest = url.slice(prefix[0].length);
        return { url: rest.startsWith('/') ? rest : `/${rest}`, target: { region: prefix[1] } };
      }
      const label = name.split('.')[0];
      if (label && name.includes('.') && regions.has(label)) return { url, target: { region: label } };
      return { url, target: { region: defaultRegion } };
    },
  };
}

const requestTargets = new WeakMap<IncomingMessage, EndpointTarget>();

export function setRequestTarget(req: IncomingMessage, target: EndpointTarget): void {
  requestTargets.set(req, target);
}

export function requestTarget(req: IncomingMessage): EndpointTarget | undefined {
  return requestTargets.get(req);
}
