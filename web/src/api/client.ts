// One way to call the console API: JSON in, JSON out, and every non-2xx answer
// becomes an ApiError carrying the server's own code and message, so that each
// page can show exactly what the server said.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** From a 429 answer's Retry-After header, when it named a number of seconds. */
  readonly retryAfterSeconds?: number;
  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

function errorFrom(status: number, statusText: string, body: unknown, retryAfter: string | null = null): ApiError {
  const error = (body as ErrorBody | null)?.error;
  const code = error?.code !== undefined ? String(error.code) : String(status);
  const message = typeof error?.message === 'string' && error.message
    ? error.message
    : `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  return new ApiError(status, code, message, seconds);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The ApiError of a response that is not OK, for callers that fetch themselves (binary bodies, Operation-Location). */
export async function responseError(response: Response): Promise<ApiError> {
  return errorFrom(response.status, response.statusText, await readBody(response), response.headers?.get?.('Retry-After') ?? null);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob || options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NetworkError', 'Cannot reach the Portico server. Check that it is running and try again.');
  }
  if (!response.ok) throw await responseError(response);
  return await readBody(response) as T;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * Whether a failed query is worth asking again: a network failure or a 5xx
 * may pass, a 4xx answer (bad input, no access, not found) will not, and its
 * message should be shown at once rather than after a round of retries.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
