import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { LuisClient, Suggestion } from '../src/luis/api.ts';
import { ReviewSection } from '../src/luis/ReviewSection.tsx';

const intents = [{ id: 'i-none', name: 'None' }, { id: 'i-on', name: 'TurnOn' }, { id: 'i-off', name: 'TurnOff' }];
const suggestion = (text: string, top: string): Suggestion => ({
  text, tokenizedText: text.split(' '), entityPredictions: [],
  intentPredictions: [{ name: top, score: 0.55 }, { name: 'None', score: 0.4 }],
});

function renderReview(overrides: Partial<LuisClient>) {
  const sent: [string, unknown[]][] = [];
  const client = new Proxy({} as LuisClient, {
    get: (_t, name: string) => (overrides as Record<string, unknown>)[name] ?? (async (...args: unknown[]) => { sent.push([name, args]); return 'ok'; }),
  });
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={queries}><ReviewSection ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} /></QueryClientProvider>);
  return sent;
}

describe('the review of endpoint utterances', () => {
  it("lists the first intent's uncertain queries, adds one as an example of the chosen intent and dismisses another", async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    let pending = [suggestion('lamp please', 'TurnOn'), suggestion('kitchen', 'TurnOn')];
    const sent = renderReview({
      intents: async () => intents,
      intentSuggestions: async (_app: string, _version: string, intentId: string) => { asked.push(intentId); return pending; },
      addExample: async (...args: unknown[]) => { sent.push(['addExample', args]); pending = pending.slice(1); return 'ok'; },
      dismissSuggestion: async (...args: unknown[]) => { sent.push(['dismissSuggestion', args]); pending = []; return 'ok'; },
    });
    const list = await screen.findByRole('list', { name: 'Utterances to review for TurnOn' });
    expect(asked[0]).toBe('i-on');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await user.selectOptions(screen.getByLabelText('Intent for “lamp please”'), 'TurnOff');
    await user.click(screen.getByRole('button', { name: 'Add “lamp please” as an example' }));
    await screen.findByText('kitchen');
    await user.click(screen.getByRole('button', { name: 'Dismiss “kitchen”' }));
    expect(await screen.findByText('Nothing to review for TurnOn.')).toBeInTheDocument();
    expect(sent).toEqual([
      ['addExample', ['app', '0.1', { text: 'lamp please', intentName: 'TurnOff', entityLabels: [] }]],
      ['dismissSuggestion', ['app', '0.1', 'kitchen']],
    ]);
  });

  it('asks again for the intent the user picks', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    renderReview({ intents: async () => intents, intentSuggestions: async (_a: string, _v: string, id: string) => { asked.push(id); return []; } });
    await screen.findByText('Nothing to review for TurnOn.');
    await user.selectOptions(screen.getByLabelText('Intent'), 'TurnOff');
    expect(await screen.findByText('Nothing to review for TurnOff.')).toBeInTheDocument();
    expect(asked).toEqual(['i-on', 'i-off']);
  });
});
