import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../src/api/client.ts';
import type { NetworkAcls, Resource } from '../src/api/types.ts';
import { allowListText, describeAccess, parseAllowList, rulesForAllowList, sameRules } from '../src/networking/allowList.ts';
import { NetworkingCard, type NetworkingApi } from '../src/networking/NetworkingCard.tsx';

const OPEN: NetworkAcls = { defaultAction: 'Allow', ipRules: [] };

function resourceWith(changes: Partial<Resource> = {}): Resource {
  return {
    id: 'r-1', name: 'vision-1', kind: 'ComputerVision', tier: 'S1', region: 'westus', state: 'active',
    endpoint: 'http://127.0.0.1:5080/', customSubDomainName: null, networkAcls: OPEN, disableLocalAuth: false, ...changes,
  };
}

/**
 * The console calls as the server answers them: each call is recorded, and
 * answers with the resource as changed, or with the error given for it.
 */
function consoleLike(start: Resource, refuse: { rules?: ApiError; subdomain?: ApiError } = {}) {
  const calls: unknown[][] = [];
  let resource = start;
  const api: NetworkingApi = {
    async setNetworkRules(name, rules) {
      calls.push(['setNetworkRules', name, rules]);
      if (refuse.rules) throw refuse.rules;
      resource = { ...resource, networkAcls: rules };
      return resource;
    },
    async setCustomSubDomain(name, subdomain) {
      calls.push(['setCustomSubDomain', name, subdomain]);
      if (refuse.subdomain) throw refuse.subdomain;
      resource = { ...resource, customSubDomainName: subdomain, endpoint: subdomain ? `http://${subdomain}.cognitiveservices.azure.com:5080/` : 'http://127.0.0.1:5080/' };
      return resource;
    },
  };
  return { api, calls };
}

function renderCard(resource: Resource, api: NetworkingApi) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}><NetworkingCard resource={resource} api={api} /></QueryClientProvider>);
}

describe('the IP allow-list text', () => {
  it('takes one entry per line, trimmed, without blank lines or repeats', () => {
    expect(parseAllowList(' 10.0.0.0/8 \r\n\n203.0.113.7\n10.0.0.0/8\n  \n2001:db8::/32')).toEqual(['10.0.0.0/8', '203.0.113.7', '2001:db8::/32']);
    expect(parseAllowList('\n  \n')).toEqual([]);
  });

  it('lets every address in when empty, and only its entries otherwise', () => {
    expect(rulesForAllowList([])).toEqual({ defaultAction: 'Allow', ipRules: [] });
    expect(rulesForAllowList(['10.0.0.0/8'])).toEqual({ defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] });
    expect(allowListText({ defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '::1' }] })).toBe('10.0.0.0/8\n::1');
  });

  it('shows no list under Allow, where rules stored through the API do not apply, and says so', () => {
    const allowWithRules: NetworkAcls = { defaultAction: 'Allow', ipRules: [{ value: '10.0.0.0/8' }] };
    expect(allowListText(allowWithRules)).toBe('');
    expect(describeAccess(allowWithRules)).toBe('Every address may use the keys; the IP rule stored with the default action Allow does not apply.');
    expect(sameRules([], allowWithRules)).toBe(false);
    expect(sameRules([], OPEN)).toBe(true);
  });

  it('counts an emptied Deny list as a change: it opens the resource', () => {
    expect(sameRules([], { defaultAction: 'Deny', ipRules: [] })).toBe(false);
    expect(sameRules(['10.0.0.0/8'], { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] })).toBe(true);
    expect(sameRules(['10.0.0.0/8', '::1'], { defaultAction: 'Deny', ipRules: [{ value: '::1' }, { value: '10.0.0.0/8' }] })).toBe(false);
  });

  it('says who may use the keys, including a Deny without rules set through the API', () => {
    expect(describeAccess(OPEN)).toBe('Every address may use the keys.');
    expect(describeAccess({ defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] })).toMatch(/^Only the address or range below may use the keys/);
    expect(describeAccess({ defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '::1' }] })).toMatch(/^Only these 2 addresses and ranges/);
    expect(describeAccess({ defaultAction: 'Deny', ipRules: [] })).toMatch(/^No address may use the keys/);
  });
});

describe('the Networking card', () => {
  it('shows the saved allow-list and saves an edited one as Deny with those entries', async () => {
    const user = userEvent.setup();
    const { api, calls } = consoleLike(resourceWith({ networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] } }));
    renderCard(resourceWith({ networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] } }), api);
    const list = screen.getByLabelText('Allowed addresses and CIDR ranges');
    expect(list).toHaveValue('10.0.0.0/8');
    expect(screen.getByTestId('network-access')).toHaveTextContent('Only the address or range below may use the keys');
    const save = screen.getByRole('button', { name: 'Save network rules' });
    expect(save).toBeDisabled();
    await user.type(list, '\n 203.0.113.7 \n\n');
    await user.click(save);
    expect(await screen.findByText('Saved: only 10.0.0.0/8, 203.0.113.7 may use the keys from the next call.')).toBeInTheDocument();
    expect(calls).toEqual([['setNetworkRules', 'vision-1', { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '203.0.113.7' }] }]]);
    expect(list).toHaveValue('10.0.0.0/8\n203.0.113.7');
  });

  it('opens the resource to every address when the list is emptied', async () => {
    const user = userEvent.setup();
    const fenced = resourceWith({ networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.0/24' }] } });
    const { api, calls } = consoleLike(fenced);
    renderCard(fenced, api);
    await user.clear(screen.getByLabelText('Allowed addresses and CIDR ranges'));
    await user.click(screen.getByRole('button', { name: 'Save network rules' }));
    expect(await screen.findByText('Saved: every address may use the keys.')).toBeInTheDocument();
    expect(calls).toEqual([['setNetworkRules', 'vision-1', { defaultAction: 'Allow', ipRules: [] }]]);
  });

  it("shows the server's message when it refuses an entry", async () => {
    const user = userEvent.setup();
    const message = 'networkAcls.ipRules[0].value must be an IPv4 or IPv6 address or CIDR range; got "10.0.0.0/33"';
    const { api } = consoleLike(resourceWith(), { rules: new ApiError(400, '400', message) });
    renderCard(resourceWith(), api);
    await user.type(screen.getByLabelText('Allowed addresses and CIDR ranges'), '10.0.0.0/33');
    await user.click(screen.getByRole('button', { name: 'Save network rules' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The network rules were not saved.');
    expect(alert).toHaveTextContent(message);
  });

  it('sets a custom subdomain and shows the endpoint the server answers with', async () => {
    const user = userEvent.setup();
    const { api, calls } = consoleLike(resourceWith());
    renderCard(resourceWith(), api);
    expect(screen.queryByRole('button', { name: 'Remove subdomain' })).not.toBeInTheDocument();
    const set = screen.getByRole('button', { name: 'Set subdomain' });
    expect(set).toBeDisabled();
    await user.type(screen.getByLabelText('Custom subdomain name'), ' my-vision ');
    await user.click(set);
    expect(await screen.findByText('The endpoint is now http://my-vision.cognitiveservices.azure.com:5080/')).toBeInTheDocument();
    expect(calls).toEqual([['setCustomSubDomain', 'vision-1', 'my-vision']]);
  });

  it("shows the server's message when the name is taken", async () => {
    const user = userEvent.setup();
    const message = 'the custom subdomain name "taken" is already taken; choose another';
    const { api } = consoleLike(resourceWith(), { subdomain: new ApiError(409, 'CustomSubDomainNameTaken', message) });
    renderCard(resourceWith(), api);
    await user.type(screen.getByLabelText('Custom subdomain name'), 'taken');
    await user.click(screen.getByRole('button', { name: 'Set subdomain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`The custom subdomain was not changed. ${message}`);
  });

  it('removes the subdomain only after confirmation', async () => {
    const user = userEvent.setup();
    const named = resourceWith({ customSubDomainName: 'my-vision', endpoint: 'http://my-vision.cognitiveservices.azure.com:5080/' });
    const { api, calls } = consoleLike(named);
    renderCard(named, api);
    expect(screen.getByLabelText('Custom subdomain name')).toHaveValue('my-vision');
    expect(screen.getByRole('button', { name: 'Set subdomain' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Remove subdomain' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the subdomain my-vision?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove subdomain' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove subdomain' }));
    expect(await screen.findByText('The custom subdomain was removed; the endpoint is http://127.0.0.1:5080/')).toBeInTheDocument();
    expect(calls).toEqual([['setCustomSubDomain', 'vision-1', null]]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
