import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { normalizeCatalog } from '../src/api/normalize.ts';
import { CreateResourceForm } from '../src/forms/CreateResourceForm.tsx';
import { LoginPage, SignupPage } from '../src/pages/AuthPages.tsx';
import { ApiError } from '../src/api/client.ts';

const catalog = normalizeCatalog({
  authoringRegions: { westus: ['westus', 'eastus'], westeurope: ['westeurope'] },
  kinds: [
    { name: 'LUIS.Authoring', displayName: 'LUIS authoring key', perAccount: true, regions: 'authoring', tiers: [{ name: 'F0', rate: { limit: 5, per: 'second' }, monthlyQuota: { authoring: 1_000_000 } }] },
    { name: 'LUIS', displayName: 'Language Understanding', perAccount: false, regions: 'publishing', tiers: [
      { name: 'F0', rate: { limit: 5, per: 'second' }, monthlyQuota: { prediction: 10_000 } },
      { name: 'S0', rate: { limit: 50, per: 'second' }, monthlyQuota: {} },
    ] },
    { name: 'ComputerVision', displayName: 'Computer Vision', perAccount: false, regions: ['westus'], tiers: [
      { name: 'F0', rate: { limit: 20, per: 'minute' }, monthlyQuota: { vision: 5000 } },
      { name: 'S1', rate: { limit: 10, per: 'second' }, monthlyQuota: {} },
    ] },
  ],
});

function inRouter(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: '*', element: ui }]);
  return render(<QueryClientProvider client={client}><RouterProvider router={router} /></QueryClientProvider>);
}

describe('create-resource form', () => {
  it('offers only the kinds a user can create, not the per-account authoring key', () => {
    render(<CreateResourceForm catalog={catalog} existingNames={[]} onSubmit={() => {}} />);
    const options = within(screen.getByLabelText('Kind')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(options).toEqual(['LUIS', 'ComputerVision']);
  });

  it("shows each tier's rate and monthly quota beside it", () => {
    render(<CreateResourceForm catalog={catalog} existingNames={[]} onSubmit={() => {}} />);
    const f0 = screen.getByRole('radio', { name: /F0/ }).closest('label')!;
    expect(f0).toHaveTextContent('5 calls per second');
    expect(f0).toHaveTextContent('10,000 calls per month');
    expect(screen.getByRole('radio', { name: /S0/ }).closest('label')).toHaveTextContent('no monthly cap');
  });

  it("switches tiers and regions to the chosen kind's", async () => {
    const user = userEvent.setup();
    render(<CreateResourceForm catalog={catalog} existingNames={[]} onSubmit={() => {}} />);
    expect(within(screen.getByLabelText('Region')).getAllByRole('option').map((o) => o.textContent)).toEqual(['westus', 'eastus', 'westeurope']);
    await user.selectOptions(screen.getByLabelText('Kind'), 'ComputerVision');
    expect(screen.getByRole('radio', { name: /F0/ }).closest('label')).toHaveTextContent('20 calls per minute');
    expect(screen.getByRole('radio', { name: /S1/ })).toBeInTheDocument();
    expect(within(screen.getByLabelText('Region')).getAllByRole('option').map((o) => o.textContent)).toEqual(['westus']);
  });

  it('shows the rule next to a bad name and sends nothing', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<CreateResourceForm catalog={catalog} existingNames={['taken']} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Name'), '-bad');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/letters, digits and hyphens/);
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Taken');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByText('You already have a resource named Taken.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends name, kind, tier and region as chosen', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<CreateResourceForm catalog={catalog} existingNames={[]} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Name'), ' my-luis ');
    await user.click(screen.getByRole('radio', { name: /S0/ }));
    await user.selectOptions(screen.getByLabelText('Region'), 'westeurope');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'my-luis', kind: 'LUIS', tier: 'S0', region: 'westeurope' });
  });

  it("shows the server's message when creation is refused", () => {
    render(<CreateResourceForm catalog={catalog} existingNames={[]} onSubmit={() => {}} error={new ApiError(409, 'Conflict', 'a resource named "x" already exists in this account')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('a resource named "x" already exists in this account');
  });
});

describe('sign-up and sign-in forms', () => {
  it('explains every missing field of the sign-up form', async () => {
    const user = userEvent.setup();
    inRouter(<SignupPage />);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Choose a password/);
    expect(screen.getByLabelText('Confirm password')).toHaveAccessibleDescription('Type the password again.');
  });

  it('says when the two passwords differ', async () => {
    const user = userEvent.setup();
    inRouter(<SignupPage />);
    await user.type(screen.getByLabelText('Email'), 'ana@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.type(screen.getByLabelText('Confirm password'), 'correct house');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();
  });

  it('can be filled and sent with the keyboard alone', async () => {
    const user = userEvent.setup();
    inRouter(<LoginPage />);
    await user.tab();
    expect(screen.getByLabelText('Email')).toHaveFocus();
    await user.keyboard('not-an-email');
    await user.tab();
    expect(screen.getByLabelText('Password')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/name@example.com/);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
  });
});
