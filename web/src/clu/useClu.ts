// The Language resources of the account, and a CLU client holding one
// resource's key1 at that resource's endpoint.
import { useMemo } from 'react';
import { useResourceKeys, useResources } from '../api/queries.ts';
import { endpointPath } from '../api/endpoint.ts';
import type { Resource } from '../api/types.ts';
import { cluClient } from './api.ts';

/** CLU projects live on Language resources: a multi-service key serves prediction only (docs/tokens.md). */
export const LANGUAGE_KINDS = ['TextAnalytics'];

/** Kinds whose keys a deployment can be rolled out to (assignedResourceIds): another Language or a multi-service resource. */
export const DEPLOYABLE_KINDS = ['TextAnalytics', 'CognitiveServices'];

export function useLanguageResources() {
  const resources = useResources();
  return { resources, languages: resources.data?.filter((r) => LANGUAGE_KINDS.includes(r.kind)) ?? [] };
}

export function useClu(resource: Resource | undefined) {
  const keys = useResourceKeys(resource?.name);
  const key = keys.data?.key1;
  const client = useMemo(
    () => (resource && key ? cluClient({ base: endpointPath(resource.endpoint), key }) : undefined),
    [resource?.endpoint, key],
  );
  return { keys, client };
}

/** Query keys of one resource's CLU data. */
export const cluKey = (resource: string, ...rest: string[]) => ['clu', resource, ...rest];
