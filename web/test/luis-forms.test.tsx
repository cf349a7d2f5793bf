import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../src/api/client.ts';
import type { LuisClient, Prediction } from '../src/luis/api.ts';
import type { Ctx } from '../src/luis/ctx.ts';
import { NewEntityForm } from '../src/luis/LuisAppPage.tsx';
import { TestPanel } from '../src/luis/TestPanel.tsx';

/** A client that records what the form sends and answers like the LUIS service. */
function recordingClient(overrides: Partial<LuisClient>): { client: LuisClient; sent: [string, unknown][] } {
  const sent: [string, unknown][] = [];
  const client = new Proxy({} as LuisClient, {
    get: (_t, name: string) => (overrides as Record<string, unknown>)[name] ?? (async (...args: unknown[]) => { sent.push([name, args]); return 'ok'; }),
  });
  return { client, sent };
}

function renderWith(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

describe('the new entity form', () => {
  it('says what is missing before sending a list entity, then sends its values as sub-lists', async () => {
    const user = userEvent.setup();
    const { client, sent } = recordingClient({});
    const ctx: Ctx = { client, appId: 'app', version: '0.1', region: 'westus' };
    renderWith(<NewEntityForm ctx={ctx} onCreated={async () => undefined} />);
    await user.selectOptions(screen.getByLabelText('Type'), 'list');
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name for the entity.');
    await user.type(screen.getByLabelText('Name'), 'Colour');
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter at least one value');
    expect(sent).toEqual([]);
    await user.type(screen.getByLabelText(/^Values/), 'red: crimson, scarlet{Enter}blue');
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    await screen.findByRole('button', { name: 'Create entity' });
    expect(sent).toEqual([['createListEntity', ['app', '0.1', { name: 'Colour', subLists: [{ canonicalForm: 'red', list: ['crimson', 'scarlet'] }, { canonicalForm: 'blue', list: [] }] }]]]);
  });
});

describe('composite and hierarchical entities', () => {
  it('makes a composite of the entities chosen, and says when none is chosen', async () => {
    const user = userEvent.setup();
    const { client, sent } = recordingClient({
      models: async () => [
        { id: 'e1', name: 'Room', readableType: 'Entity Extractor' },
        { id: 'e2', name: 'Device', readableType: 'List Entity Extractor' },
        { id: 'e3', name: 'Old', readableType: 'Composite Entity Extractor' },
      ],
    });
    renderWith(<NewEntityForm ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} onCreated={async () => undefined} />);
    await user.selectOptions(screen.getByLabelText('Type'), 'composite');
    await user.type(screen.getByLabelText('Name'), 'Setting');
    expect(await screen.findByRole('checkbox', { name: 'Room' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Old' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one entity for the composite.');
    await user.click(screen.getByRole('checkbox', { name: 'Room' }));
    await user.click(screen.getByRole('checkbox', { name: 'Device' }));
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    await screen.findByRole('button', { name: 'Create entity' });
    expect(sent).toEqual([['createCompositeEntity', ['app', '0.1', { name: 'Setting', children: ['Room', 'Device'] }]]]);
  });

  it('makes a hierarchical entity with the child names typed, without repeats', async () => {
    const user = userEvent.setup();
    const { client, sent } = recordingClient({});
    renderWith(<NewEntityForm ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} onCreated={async () => undefined} />);
    await user.selectOptions(screen.getByLabelText('Type'), 'hierarchical');
    await user.type(screen.getByLabelText('Name'), 'Location');
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter at least one child name.');
    await user.type(screen.getByLabelText(/^Children/), 'origin, destination, origin,');
    await user.click(screen.getByRole('button', { name: 'Create entity' }));
    await screen.findByRole('button', { name: 'Create entity' });
    expect(sent).toEqual([['createHierarchicalEntity', ['app', '0.1', { name: 'Location', children: ['origin', 'destination'] }]]]);
  });
});

describe('the Test panel', () => {
  const prediction: Prediction = {
    query: 'turn on the kitchen lights',
    topScoringIntent: { intent: 'HomeAutomation', score: 0.98 },
    intents: [{ intent: 'HomeAutomation', score: 0.98 }, { intent: 'None', score: 0.02 }],
    entities: [{ entity: 'kitchen', type: 'Room', startIndex: 12, endIndex: 18, score: 0.9 }],
  };

  it('asks the version being edited by default, with no publishing needed', async () => {
    const user = userEvent.setup();
    const asked: unknown[][] = [];
    const { client, sent } = recordingClient({
      predictVersion: async (...args: unknown[]) => { asked.push(args); return prediction; },
    });
    renderWith(<TestPanel ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} onClose={() => undefined} />);
    expect(screen.getByRole('radio', { name: 'Version 0.1 (trained)' })).toBeChecked();
    await user.type(screen.getByLabelText('Type a test utterance and press Enter'), 'turn on the kitchen lights{Enter}');
    expect(await screen.findByTestId('top-intent')).toHaveTextContent('HomeAutomation');
    expect(asked).toEqual([['app', '0.1', 'turn on the kitchen lights']]);
    expect(sent).toEqual([]);
  });

  it('offers to publish to the slot when nothing is published there, then shows intents, scores and entities', async () => {
    const user = userEvent.setup();
    let published = false;
    const { client, sent } = recordingClient({
      predict: async () => {
        if (!published) throw new ApiError(404, 'NotPublished', 'Application app cannot answer in region westus: it is not published to the staging slot.');
        return prediction;
      },
      publish: async (...args: unknown[]) => { published = true; sent.push(['publish', args]); return { versionId: '0.1', isStaging: true, endpointUrl: '', region: 'westus', endpointRegion: 'westus' }; },
    });
    renderWith(<TestPanel ctx={{ client, appId: 'app', version: '0.1', region: 'westus' }} onClose={() => undefined} />);
    const field = screen.getByLabelText('Type a test utterance and press Enter');
    expect(field).toHaveFocus();
    await user.click(screen.getByRole('radio', { name: 'Staging slot' }));
    await user.type(field, 'turn on the kitchen lights{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('not published to the staging slot');
    await user.click(screen.getByRole('button', { name: 'Publish 0.1 to staging and test' }));
    expect(await screen.findByTestId('top-intent')).toHaveTextContent('HomeAutomation');
    expect(sent).toEqual([['publish', ['app', { versionId: '0.1', isStaging: true, region: 'westus' }]]]);
    expect(screen.getByRole('table', { name: 'Intent scores' })).toHaveTextContent('None0.020');
    expect(screen.getByRole('table', { name: 'Entities' })).toHaveTextContent('Roomkitchen0.900');
  });
});
