import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { MASK, SecretField } from '../src/components/SecretField.tsx';
import { ConfirmDialog } from '../src/components/Dialog.tsx';
import { DeleteCard } from '../src/pages/ResourceDetailPage.tsx';

const KEY = '0123456789abcdef0123456789abcdef';

describe('a key field', () => {
  it('keeps the key hidden until asked, then shows it', async () => {
    const user = userEvent.setup();
    render(<SecretField label="KEY 1" value={KEY} />);
    expect(screen.getByLabelText('KEY 1')).toHaveValue(MASK);
    await user.click(screen.getByRole('button', { name: 'Show KEY 1' }));
    expect(screen.getByLabelText('KEY 1')).toHaveValue(KEY);
    expect(screen.getByRole('button', { name: 'Hide KEY 1' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('copies the real key even while it is hidden, and says so', async () => {
    const user = userEvent.setup();
    render(<SecretField label="KEY 2" value={KEY} />);
    await user.click(screen.getByRole('button', { name: 'Copy KEY 2' }));
    expect(await navigator.clipboard.readText()).toBe(KEY);
    expect(await screen.findByText('KEY 2 copied to the clipboard.')).toBeInTheDocument();
    expect(screen.getByLabelText('KEY 2')).toHaveValue(MASK);
  });

  it('offers nothing to show or copy while the key loads', () => {
    render(<SecretField label="KEY 1" value={undefined} />);
    expect(screen.getByRole('button', { name: 'Show KEY 1' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Copy KEY 1' })).toBeDisabled();
  });
});

describe('a confirmation dialog', () => {
  it('takes focus, keeps Tab inside, and closes on Escape', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<ConfirmDialog title="Regenerate Key1?" confirmLabel="Regenerate" onConfirm={() => {}} onCancel={onCancel}><p>Sure?</p></ConfirmDialog>);
    expect(screen.getByRole('dialog', { name: 'Regenerate Key1?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('deleting a resource', () => {
  it('is possible only after typing the exact name', async () => {
    const user = userEvent.setup();
    const client = new QueryClient();
    const resource = { id: 'r-1', name: 'vision-1', kind: 'ComputerVision', tier: 'F0', region: 'westus', state: 'active' };
    const router = createMemoryRouter([{ path: '*', element: <DeleteCard resource={resource} /> }]);
    render(<QueryClientProvider client={client}><RouterProvider router={router} /></QueryClientProvider>);
    await user.click(screen.getByRole('button', { name: 'Delete vision-1' }));
    const confirm = screen.getByRole('button', { name: 'Delete' });
    expect(confirm).toBeDisabled();
    await user.type(screen.getByLabelText(/to confirm/), 'vision-');
    expect(confirm).toBeDisabled();
    await user.type(screen.getByLabelText(/to confirm/), '2');
    expect(confirm).toBeDisabled();
    await user.clear(screen.getByLabelText(/to confirm/));
    await user.type(screen.getByLabelText(/to confirm/), 'vision-1');
    expect(confirm).toBeEnabled();
  });
});

describe('the usage chart', () => {
  it('shows the average latency beside the calls, and each day\'s average and p95 in the table', async () => {
    const { UsageChart } = await import('../src/usage/UsageChart.tsx');
    const { shapeUsage } = await import('../src/usage/shapeUsage.ts');
    const days = shapeUsage({ days: [{ day: '2025-01-02', calls: 5, statusClasses: { '2xx': 4, '4xx': 1 }, rateLimited: 1, quotaExceeded: 0, operations: {}, latency: { calls: 4, averageMs: 12.4, p95Ms: 48.5 } }] }, '2025-01-01', '2025-01-02');
    render(<UsageChart days={days} />);
    expect(screen.getByTestId('usage-total').textContent).toMatch(/5 calls in the last 2 days · 1 rate limited · average latency 12 ms/);
    const row = screen.getByRole('row', { name: /2025-01-02/ });
    expect(row.textContent).toContain('12 ms');
    expect(row.textContent).toContain('49 ms');
    expect(screen.getByRole('columnheader', { name: 'p95 latency' })).toBeTruthy();
  });
});
