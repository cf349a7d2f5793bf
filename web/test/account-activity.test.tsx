import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Activity } from '../src/account/Activity.tsx';
import type { AuditEntry, AuditPage } from '../src/api/types.ts';

const entry = (id: string, type: string, summary: string, address = '203.0.113.7'): AuditEntry => ({
  id, time: '2026-12-07T09:00:00.000Z', type, actor: 'ada@example.com', address, detail: {}, summary,
});

function renderActivity(load: (before?: string) => Promise<AuditPage>) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={queries}><Activity load={load} /></QueryClientProvider>);
}

describe("the account's activity", () => {
  it('lists events newest first with who acted and from where, and pages back through older ones', async () => {
    const user = userEvent.setup();
    const asked: (string | undefined)[] = [];
    renderActivity(async (before) => {
      asked.push(before);
      return before === undefined
        ? { value: [entry('a', 'login-failed', 'Sign-in failed: wrong password'), entry('b', 'login-succeeded', 'Signed in (session s1)')], nextBefore: 'cursor-1' }
        : { value: [entry('c', 'account-created', 'Account created', '')] };
    });
    const table = await screen.findByRole('table', { name: 'Account activity' });
    const rows = () => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows().map((r) => r[1])).toEqual(['Sign-in failed: wrong password', 'Signed in (session s1)']);
    expect(rows()[0].slice(2)).toEqual(['ada@example.com', '203.0.113.7']);
    await user.click(screen.getByRole('button', { name: 'Show older events' }));
    await screen.findByText('Account created');
    expect(rows().map((r) => r[3])).toEqual(['203.0.113.7', '203.0.113.7', '—']);
    expect(asked).toEqual([undefined, 'cursor-1']);
    expect(screen.queryByRole('button', { name: 'Show older events' })).not.toBeInTheDocument();
  });

  it("says so when there is nothing yet", async () => {
    renderActivity(async () => ({ value: [] }));
    expect(await screen.findByText('No events yet.')).toBeInTheDocument();
  });

  it("shows the server's message when the log cannot be read", async () => {
    renderActivity(async () => { throw new Error('The server answered 500: boom'); });
    expect(await screen.findByText(/boom/)).toBeInTheDocument();
  });
});
