// The resource list, and the page to create one.
import { Link, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { keys, useCatalog, useResources } from '../api/queries.ts';
import { CreateResourceForm } from '../forms/CreateResourceForm.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { StateBadge } from '../components/StateBadge.tsx';

export function ResourcesPage() {
  const resources = useResources();
  const catalog = useCatalog();
  // The account's authoring keys are resources too; they live in Account Settings.
  const accountKinds = new Set(catalog.data?.kinds.filter((k) => k.perAccount).map((k) => k.name) ?? []);
  const visible = resources.data?.filter((r) => !accountKinds.has(r.kind));
  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>Resources</h1>
          <p className="page-subtitle">Cognitive Services resources and their keys.</p>
        </div>
        <Link to="/resources/new" className="button button-primary">+ Create resource</Link>
      </header>
      {resources.isPending && <Loading label="Loading resources…" />}
      <ErrorMessage error={resources.error} title="Resources could not be loaded." onRetry={() => resources.refetch()} />
      {visible && visible.length === 0 && (
        <div className="card empty">
          <h2>No resources yet</h2>
          <p className="muted">Create a LUIS resource to query published apps, or a Computer Vision resource to analyze images.</p>
          <Link to="/resources/new" className="button button-primary">Create a resource</Link>
        </div>
      )}
      {visible && visible.length > 0 && (
        <div className="card card-flush">
          <table className="table" aria-label="Resources">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col" className="hide-narrow">Tier</th>
                <th scope="col" className="hide-narrow">Region</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((r) => (
                <tr key={r.name}>
                  <td><Link to={`/resources/${encodeURIComponent(r.name)}`}>{r.name}</Link></td>
                  <td>{r.kind}</td>
                  <td className="hide-narrow">{r.tier}</td>
                  <td className="hide-narrow">{r.region}</td>
                  <td><StateBadge state={r.state} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function CreateResourcePage() {
  const catalog = useCatalog();
  const resources = useResources();
  const navigate = useNavigate();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: consoleApi.createResource,
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: keys.resources });
      navigate(`/resources/${encodeURIComponent(created.name)}?created=1`);
    },
  });
  return (
    <div className="page page-narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb"><Link to="/resources">Resources</Link> <span aria-hidden="true">›</span> Create</nav>
      <header className="page-header">
        <h1>Create a resource</h1>
      </header>
      {catalog.isPending && <Loading label="Loading the catalog…" />}
      <ErrorMessage error={catalog.error} title="The catalog could not be loaded." onRetry={() => catalog.refetch()} />
      {catalog.data && (
        <div className="card">
          <CreateResourceForm
            catalog={catalog.data}
            existingNames={resources.data?.map((r) => r.name) ?? []}
            busy={create.isPending}
            error={create.error}
            onSubmit={(values) => create.mutate(values)}
            onCancel={() => navigate('/resources')}
          />
        </div>
      )}
    </div>
  );
}
