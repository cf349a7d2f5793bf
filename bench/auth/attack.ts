// node --import tsx bench/auth/attack.ts — a bounded log-in attack against a real
// server with an injected clock: 300 guesses over one simulated minute (a) at one
// account from 30 addresses, (b) at 300 accounts from one address. Prints how many
// were admitted (401) and how many refused (429).
import { startTestServer } from '../../test/support/server.ts';
import { ManualClock } from '../../src/util/clock.ts';

const clock = new ManualClock(Date.UTC(2026, 5, 1));
const server = await startTestServer({ clock, env: { PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
async function attack(label: string, target: (i: number) => { email: string; address: string }): Promise<void> {
  const counts: Record<number, number> = {};
  for (let i = 0; i < 300; i++) {
    const { email, address } = target(i);
    const res = await server.fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password: `guess ${i}` }) });
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    clock.advance(200);
  }
  console.log(`${label}: 300 attempts in 1 simulated minute → admitted (401) ${counts[401] ?? 0}, refused (429) ${counts[429] ?? 0}`);
  clock.advance(60 * 60_000);
}
await attack('one account, 30 addresses', (i) => ({ email: 'victim@example.com', address: `10.0.0.${i % 30}` }));
await attack('300 accounts, one address', (i) => ({ email: `user${i}@example.com`, address: '10.9.9.9' }));
await server.close();
