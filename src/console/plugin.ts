// The console API (/api): what the portal and the CLI use to manage accounts,
// resources and keys, with its OpenAPI document at /api/openapi.json.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { Platform } from '../platform.ts';
import { requireAccount } from './auth.ts';
import type { ConsoleRoute } from './route.ts';
import { signup } from './routes/signup.ts';
import { login } from './routes/login.ts';
import { logout } from './routes/logout.ts';
import { accountGet } from './routes/account-get.ts';
import { accountPassword } from './routes/account-password.ts';
import { authoringKeyRegenerate } from './routes/authoring-key-regenerate.ts';
import { catalog } from './routes/catalog.ts';
import { resourcesList } from './routes/resources-list.ts';
import { resourcesCreate } from './routes/resources-create.ts';
import { resourceGet } from './routes/resource-get.ts';
import { resourceUpdate } from './routes/resource-update.ts';
import { resourceDelete } from './routes/resource-delete.ts';
import { resourceKeys } from './routes/resource-keys.ts';
import { resourceRegenerateKey } from './routes/resource-regenerate-key.ts';
import { resourceRenew } from './routes/resource-renew.ts';
import { resourceUsage } from './routes/resource-usage.ts';
import { resourceToken } from './routes/resource-token.ts';
import { resourceNetworkRules } from './routes/resource-network-rules.ts';
import { accountSessionsList } from './routes/account-sessions-list.ts';
import { accountSessionDelete } from './routes/account-session-delete.ts';
import { accountAudit } from './routes/account-audit.ts';

const ROUTES: ConsoleRoute[] = [
  signup, login, logout, accountGet, accountPassword, authoringKeyRegenerate, catalog,
  resourcesList, resourcesCreate, resourceGet, resourceUpdate, resourceDelete, resourceKeys,
  resourceRegenerateKey, resourceRenew, resourceUsage, resourceToken, accountSessionsList, accountSessionDelete,
  resourceNetworkRules, accountAudit,
];

export async function consolePlugin(app: FastifyInstance, options: { platform: Platform }): Promise<void> {
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Portico console API', version: '1.0.0', description: 'Accounts, resources, keys and usage. Auth: Authorization: Bearer <token from POST /api/login>, or the session cookie.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  const signedIn = requireAccount(options.platform.accounts, options.platform.config.publicUrl) as onRequestAsyncHookHandler;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const route of ROUTES) route(typed as never, { platform: options.platform, signedIn });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
