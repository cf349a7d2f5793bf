// The account's console sessions: where and when each was last used, each
// revocable (its token stops working at once).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';

const sessionsKey = ['account', 'sessions'];

const when = (iso: string) => new Date(iso).toLocaleString();

export function Sessions() {
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => consoleApi.sessions() });
  const revoke = useMutation({
    mutationFn: (id: string) => consoleApi.revokeSession(id),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
  return (
    <section aria-labelledby="sessions-title">
      <h2 className="section-title" id="sessions-title">Sessions</h2>
      <p className="muted">Where this account is signed in. A session ends after 12 hours without use or 30 days after sign-in (the server's defaults).</p>
      {sessions.isPending && <Loading />}
      {sessions.error && <ErrorMessage error={sessions.error} onRetry={() => sessions.refetch()} />}
      <ErrorMessage error={revoke.error} />
      {sessions.data && (
        <table className="table">
          <thead><tr><th>Client</th><th>Signed in</th><th>Last used</th><th>Ends by</th><th /></tr></thead>
          <tbody>
            {sessions.data.value.map((s) => (
              <tr key={s.id}>
                <td>{s.client}{s.current && <strong> (this session)</strong>}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastUsedAt)}</td>
                <td>{when(s.idleExpiresAt)}</td>
                <td>
                  {!s.current && (
                    <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)} aria-label={`Revoke session ${s.client}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
