// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { luisClient } from '../src/luis/api.ts';

// A real HTTP server answering the examples listing the way the LUIS authoring API pages it.
const TOTAL = 1_100;
let server: Server;
let base = '';
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    asked.push(`${url.searchParams.get('skip')}+${url.searchParams.get('take')}`);
    const skip = Number(url.searchParams.get('skip') ?? 0);
    const take = Math.min(500, Number(url.searchParams.get('take') ?? 100));
    const page = Array.from({ length: Math.max(0, Math.min(take, TOTAL - skip)) }, (_, i) => ({
      id: skip + i, text: `utterance ${skip + i}`, tokenizedText: ['utterance', String(skip + i)], intentLabel: 'None', entityLabels: [],
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the LUIS client', () => {
  it('reads every example of a version, page by page, beyond the API’s 500 a call', async () => {
    const client = luisClient({ region: 'westus', key: 'k'.repeat(32), base });
    const examples = await client.examples('app', '0.1');
    expect(examples).toHaveLength(TOTAL);
    expect(examples[TOTAL - 1].text).toBe(`utterance ${TOTAL - 1}`);
    expect(asked).toEqual(['0+500', '500+500', '1000+500']);
  });
});
