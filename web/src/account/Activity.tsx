// The account's audit log: sign-ins (failed ones too), key, resource and
// collaborator changes, with who acted and from which address, newest first.
import { useInfiniteQuery } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import type { AuditPage } from '../api/types.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';

export const activityKey = ['account', 'audit'];

const when = (iso: string) => new Date(iso).toLocaleString();

type LoadPage = (before?: string) => Promise<AuditPage>;

export function Activity({ load = consoleApi.audit }: { load?: LoadPage }) {
  const log = useInfiniteQuery({
    queryKey: activityKey,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore,
  });
  const entries = log.data?.pages.flatMap((p) => p.value) ?? [];
  return (
    <section aria-labelledby="activity-title">
      <h2 className="section-title" id="activity-title">Activity</h2>
      <p className="muted">Security-relevant events of this account, newest first: sign-ins, failed sign-ins, key regenerations, resource and collaborator changes. Kept for 90 days by default.</p>
      {log.isPending && <Loading />}
      {log.error && <ErrorMessage error={log.error} onRetry={() => log.refetch()} />}
      {log.data && entries.length === 0 && <p>No events yet.</p>}
      {entries.length > 0 && (
        <table className="table" aria-label="Account activity">
          <thead><tr><th>Time</th><th>Event</th><th>By</th><th>From</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-event={e.type}>
                <td>{when(e.time)}</td>
                <td>{e.summary}</td>
                <td>{e.actor}</td>
                <td className="mono">{e.address || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button type="button" className="button" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older events'}
        </button>
      )}
    </section>
  );
}
