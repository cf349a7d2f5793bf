// Query keys and hooks for the console API's collections, in one place so
// that every mutation invalidates exactly what it changed.
import { useQuery } from '@tanstack/react-query';
import { consoleApi } from './console.ts';

export const keys = {
  catalog: ['catalog'] as const,
  resources: ['resources'] as const,
  resource: (name: string) => ['resources', name] as const,
  resourceKeys: (name: string) => ['resources', name, 'keys'] as const,
  usage: (name: string, from: string, to: string) => ['resources', name, 'usage', from, to] as const,
};

export function useCatalog() {
  return useQuery({ queryKey: keys.catalog, queryFn: consoleApi.catalog, staleTime: 5 * 60_000 });
}

export function useResources() {
  return useQuery({ queryKey: keys.resources, queryFn: consoleApi.resources });
}

/** A resource's two keys, for pages that call its API with them (none until a resource is chosen). */
export function useResourceKeys(name: string | undefined) {
  return useQuery({ queryKey: keys.resourceKeys(name ?? ''), queryFn: () => consoleApi.keys(name!), enabled: Boolean(name) });
}
