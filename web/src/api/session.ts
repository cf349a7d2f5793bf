// Who is signed in: the account query doubles as the session check, since
// GET /api/account answers 401 when the session cookie is missing or stale.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, shouldRetry } from './client.ts';
import { consoleApi } from './console.ts';

export const accountKey = ['account'] as const;

export function useAccount() {
  return useQuery({
    queryKey: accountKey,
    queryFn: consoleApi.account,
    retry: (count, error) => shouldRetry(count, error),
  });
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function useForgetSession() {
  const client = useQueryClient();
  return () => {
    client.clear();
  };
}
