// The console API calls, one function per route of issue 3's contract.
import { request } from './client.ts';
import { normalizeCatalog, type RawCatalog } from './normalize.ts';
import type { Account, AuditPage, AuthoringKey, Catalog, Keys, NetworkAcls, Resource, Session, Usage } from './types.ts';

const enc = encodeURIComponent;

export const consoleApi = {
  signup: (email: string, password: string) =>
    request<unknown>('/api/signup', { method: 'POST', body: { email, password } }),
  login: (email: string, password: string) =>
    request<{ token: string }>('/api/login', { method: 'POST', body: { email, password } }),
  logout: () => request<unknown>('/api/logout', { method: 'POST' }),
  account: () => request<Account>('/api/account'),
  regenerateAuthoringKey: (region: string, keyName: 'Key1' | 'Key2') =>
    request<AuthoringKey>(`/api/account/authoringKeys/${enc(region)}/regenerate`, { method: 'POST', body: { keyName } }),
  sessions: () => request<{ value: Session[] }>('/api/account/sessions'),
  revokeSession: (id: string) => request<unknown>(`/api/account/sessions/${enc(id)}`, { method: 'DELETE' }),
  audit: (before?: string, limit = 20) =>
    request<AuditPage>(`/api/account/audit?limit=${limit}${before ? `&before=${enc(before)}` : ''}`),
  catalog: async (): Promise<Catalog> => normalizeCatalog(await request<RawCatalog>('/api/catalog')),
  resources: () => request<Resource[]>('/api/resources'),
  resource: (name: string) => request<Resource>(`/api/resources/${enc(name)}`),
  createResource: (body: { name: string; kind: string; tier: string; region: string }) =>
    request<Resource & Keys>('/api/resources', { method: 'POST', body }),
  changeTier: (name: string, tier: string) =>
    request<Resource>(`/api/resources/${enc(name)}`, { method: 'PATCH', body: { tier } }),
  setLocalAuthDisabled: (name: string, disableLocalAuth: boolean) =>
    request<Resource>(`/api/resources/${enc(name)}`, { method: 'PATCH', body: { disableLocalAuth } }),
  setNetworkRules: (name: string, rules: NetworkAcls) =>
    request<Resource>(`/api/resources/${enc(name)}/network-rules`, { method: 'PUT', body: rules }),
  /** null removes the custom subdomain name. */
  setCustomSubDomain: (name: string, customSubDomainName: string | null) =>
    request<Resource>(`/api/resources/${enc(name)}`, { method: 'PATCH', body: { customSubDomainName } }),
  accessToken: (name: string) =>
    request<{ accessToken: string; tokenType: 'Bearer'; expiresOn: string }>(`/api/resources/${enc(name)}/token`, { method: 'POST' }),
  deleteResource: (name: string) => request<unknown>(`/api/resources/${enc(name)}`, { method: 'DELETE' }),
  keys: (name: string) => request<Keys>(`/api/resources/${enc(name)}/keys`),
  regenerateKey: (name: string, keyName: 'Key1' | 'Key2') =>
    request<Keys>(`/api/resources/${enc(name)}/regenerateKey`, { method: 'POST', body: { keyName } }),
  renew: (name: string) => request<unknown>(`/api/resources/${enc(name)}/renew`, { method: 'POST' }),
  usage: (name: string, from: string, to: string) =>
    request<Usage>(`/api/resources/${enc(name)}/usage?from=${enc(from)}&to=${enc(to)}`),
};
