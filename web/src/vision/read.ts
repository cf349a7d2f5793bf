// Read (v3.2): submit a document (an image or a PDF), then poll the operation
// it names until it has succeeded or failed, waiting out any 429 the resource's
// rate answers with (polls count against it).
import { ApiError, request, responseError } from '../api/client.ts';

export type ReadPage = { page: number; width: number; height: number; unit: 'pixel' | 'inch'; lines: { text: string }[] };
export type ReadOperation = { status: 'notStarted' | 'running' | 'succeeded' | 'failed'; analyzeResult?: { readResults: ReadPage[] } };

export interface ReadOptions {
  pollMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function readDocument(base: string, key: string, body: Blob, options: ReadOptions = {}): Promise<ReadPage[]> {
  const sleep = options.sleep ?? wait;
  const headers = { 'Ocp-Apim-Subscription-Key': key };
  const started = await fetch(`${base}vision/v3.2/read/analyze`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body });
  if (started.status !== 202) throw await responseError(started);
  const location = started.headers.get('Operation-Location');
  if (!location) throw new ApiError(502, 'NoOperation', 'The server accepted the document but named no operation to poll.');
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    await sleep(options.pollMs ?? 1_000);
    let operation: ReadOperation;
    try {
      operation = await request<ReadOperation>(location, { headers });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) { await sleep((e.retryAfterSeconds ?? 1) * 1000); continue; }
      throw e;
    }
    if (operation.status === 'succeeded') return operation.analyzeResult?.readResults ?? [];
    if (operation.status === 'failed') throw new ApiError(422, 'ReadFailed', 'The service could not read the document.');
    if (Date.now() > deadline) throw new ApiError(504, 'Timeout', 'Reading the document is taking too long; try fewer pages.');
  }
}

/** The text of each page, a line a line, pages apart. */
export function pagesText(pages: ReadPage[]): string {
  return pages.map((p) => `Page ${p.page}\n${p.lines.map((l) => l.text).join('\n') || '(no text)'}`).join('\n\n');
}
