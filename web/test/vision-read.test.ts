// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagesText, readDocument } from '../src/vision/read.ts';

// A real HTTP server answering as Read does: 202 with an Operation-Location, then running, a 429, and the result.
let server: Server;
let base = '';
const polls: string[] = [];
let answers: Array<{ status: number; body: unknown; headers?: Record<string, string> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'POST') {
      res.writeHead(202, { 'Operation-Location': `${base}vision/v3.2/read/analyzeResults/op-1` }).end();
      return;
    }
    polls.push(req.headers['ocp-apim-subscription-key'] as string);
    const next = answers.shift()!;
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('reading a document', () => {
  it('polls the operation with the key until it succeeds, waiting out a 429', async () => {
    const pages = [{ page: 1, width: 8.5, height: 11, unit: 'inch', lines: [{ text: 'Invoice 42' }, { text: 'Total 10 EUR' }] }, { page: 2, width: 8.5, height: 11, unit: 'inch', lines: [] }];
    answers = [
      { status: 200, body: { status: 'running' } },
      { status: 429, body: { error: { code: '429', message: 'Rate limit is exceeded.' } }, headers: { 'Retry-After': '2' } },
      { status: 200, body: { status: 'succeeded', analyzeResult: { readResults: pages } } },
    ];
    const slept: number[] = [];
    const read = await readDocument(base, 'k'.repeat(32), new Blob(['%PDF-1.4']), { sleep: async (ms) => { slept.push(ms); } });
    expect(read).toEqual(pages);
    expect(polls).toEqual(['k'.repeat(32), 'k'.repeat(32), 'k'.repeat(32)]);
    expect(slept).toEqual([1000, 1000, 2000, 1000]);
    expect(pagesText(read)).toBe('Page 1\nInvoice 42\nTotal 10 EUR\n\nPage 2\n(no text)');
  });

  it('says so when the operation failed', async () => {
    answers = [{ status: 200, body: { status: 'failed' } }];
    await expect(readDocument(base, 'k'.repeat(32), new Blob(['x']), { sleep: async () => undefined })).rejects.toThrow('could not read the document');
  });
});
