// `portico signup`, `login` and `logout`: getting and dropping the token the
// other commands use.
import { defineCommand } from './command.ts';
import { ConsoleClient, chooseEndpoint, normaliseEndpoint } from './client.ts';
import { credentialsPath, readCredentials, removeCredentials, saveCredentials } from './credentials.ts';
import { PASSWORD_HELP, readEmail, readPassword } from './prompt.ts';
import { formatTable, printJson } from './output.ts';
import { authoringKeyRows } from './account.ts';
import type { AccountBody, LoginBody } from './api-types.ts';

const CREDENTIAL_OPTIONS = {
  email: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

const CREDENTIAL_HELP = `  --email <email>        the account's e-mail (asked for on a terminal when left out)
${PASSWORD_HELP}`;

async function logIn(client: ConsoleClient, email: string, password: string): Promise<LoginBody> {
  const login = await client.call<LoginBody>('POST', '/login', { email, password });
  saveCredentials({ endpoint: client.endpoint, email: login.email, token: login.token, expiresAt: login.expiresAt });
  return login;
}

export const signupCommand = defineCommand({
  summary: 'create an account (and sign in to it)',
  usage: 'signup [--email <email>] [--password-stdin]',
  description: 'Creates an account on the server, signs in, and shows the LUIS authoring keys made for it in every authoring region.',
  options: CREDENTIAL_OPTIONS,
  optionHelp: CREDENTIAL_HELP,
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const client = new ConsoleClient(chooseEndpoint(values.endpoint, readCredentials()));
    const email = await readEmail(values.email);
    const password = await readPassword(values, true);
    const account = await client.call<AccountBody>('POST', '/signup', { email, password });
    await logIn(client, email, password);
    if (values.json) return printJson(account);
    console.log(`Created account ${account.email} on ${client.endpoint} and signed in.\n\nLUIS authoring keys:`);
    console.log(formatTable(['region', 'key1', 'key2', 'endpoint'], authoringKeyRows(account)));
  },
});

export const loginCommand = defineCommand({
  summary: 'sign in and save the session token',
  usage: 'login [--email <email>] [--password-stdin]',
  description: `Signs in to a Portico server and saves the token (file mode 0600) in ${credentialsPath()}.\nLater commands use that server unless --endpoint names another.`,
  options: CREDENTIAL_OPTIONS,
  optionHelp: CREDENTIAL_HELP,
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const client = new ConsoleClient(chooseEndpoint(values.endpoint, readCredentials()));
    const email = await readEmail(values.email);
    const password = await readPassword(values);
    const login = await logIn(client, email, password);
    if (values.json) return printJson({ endpoint: client.endpoint, email: login.email, expiresAt: login.expiresAt });
    console.log(`Signed in to ${client.endpoint} as ${login.email} (session valid until ${login.expiresAt}).`);
  },
});

export const logoutCommand = defineCommand({
  summary: 'end the session and forget its token',
  usage: 'logout',
  description: 'Ends the saved session on the server and deletes the saved token.',
  options: {},
  optionHelp: '',
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const saved = readCredentials();
    if (!saved) {
      if (values.json) return printJson({ signedOut: false });
      console.log('Not signed in.');
      return;
    }
    if (values.endpoint && normaliseEndpoint(values.endpoint) !== normaliseEndpoint(saved.endpoint)) {
      console.error(`portico: signed in to ${saved.endpoint}, not ${normaliseEndpoint(values.endpoint)}; nothing to do`);
      return 1;
    }
    const client = new ConsoleClient(normaliseEndpoint(saved.endpoint), saved.token);
    let note = '';
    try {
      await client.call('POST', '/logout');
    } catch (err) {
      // The token is forgotten either way; say why the server did not end it.
      note = ` (the server did not confirm: ${(err as Error).message})`;
    }
    removeCredentials();
    if (values.json) return printJson({ signedOut: true, endpoint: saved.endpoint, email: saved.email });
    console.log(`Signed out of ${saved.endpoint} (${saved.email})${note}.`);
  },
});
