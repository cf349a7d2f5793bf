import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { LuisClient } from '../src/luis/api.ts';
import { SettingsSection } from '../src/luis/SettingsSection.tsx';

describe('the app settings form', () => {
  it('says a name is needed before sending, then renames the app and keeps its description', async () => {
    const user = userEvent.setup();
    const sent: unknown[][] = [];
    const client = { renameApp: async (...args: unknown[]) => { sent.push(args); return 'ok'; } } as unknown as LuisClient;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SettingsSection ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} app={{ id: 'app', name: 'Lights', culture: 'en-us', description: 'home' }} />
      </QueryClientProvider>,
    );
    const name = screen.getByLabelText('App name');
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter a name for the app.')).toBeInTheDocument();
    expect(sent).toEqual([]);
    await user.type(name, 'Home lights');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sent).toEqual([['app', { name: 'Home lights', description: 'home' }]]);
  });
});
