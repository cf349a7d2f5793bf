// Where a resource's (or an authoring key's) endpoint puts the service APIs on
// this origin: its path, e.g. `/westeurope/` behind a region prefix, else `/`.
// The portal calls the APIs there with the key, as any client of them would.
export function endpointPath(endpoint: string | undefined): string {
  let path = '/';
  try {
    path = new URL(endpoint ?? '/', location.origin).pathname;
  } catch {
    path = '/';
  }
  return path.endsWith('/') ? path : `${path}/`;
}
