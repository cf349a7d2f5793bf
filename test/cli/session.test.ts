import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BIN, CliUser, deadEndpoint, runPortico, uniqueEmail } from './support/cli.ts';

describe('portico help', () => {
  it('portico --help lists every command and exits 0', async () => {
    const result = await runPortico(['--help']);
    assert.equal(result.code, 0);
    for (const command of ['start', 'signup', 'login', 'logout', 'account', 'resource']) assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
  });

  it('portico <command> --help shows that command\'s usage and options', async () => {
    const create = await runPortico(['resource', 'create', '--help']);
    assert.equal(create.code, 0);
    assert.match(create.stdout, /Usage: portico resource create <name> --kind <kind> --tier <tier> --region <region>/);
    assert.match(create.stdout, /--endpoint <url>/);
    const login = await runPortico(['login', '--help']);
    assert.equal(login.code, 0);
    assert.match(login.stdout, /--password-stdin/);
  });

  it('an unknown command or option exits 2 and says what was wrong', async () => {
    const unknown = await runPortico(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const option = await runPortico(['resource', 'list', '--colour']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /--colour/);
  });
});

describe('portico signup, login and logout', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

  it('signup creates the account, signs in and shows one authoring key per authoring region', async () => {
    const user = new CliUser(server.url);
    const email = uniqueEmail('signup');
    const result = await user.signUp(email);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Created account ${email}`));
    for (const region of ['westus', 'westeurope', 'australiaeast']) assert.match(result.stdout, new RegExp(`^${region} +[0-9a-f]{32} +[0-9a-f]{32} `, 'm'));
    const account = await user.json(['account']);
    assert.equal(account.email, email);
    user.remove();
  });

  it('the token is saved in PORTICO_CONFIG_DIR/credentials.json with mode 0600 and works against the server', async () => {
    const user = new CliUser(server.url);
    await user.signUp(uniqueEmail('mode'));
    const path = join(user.configDir, 'credentials.json');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(saved.endpoint, server.url);
    const me = await server.api('GET', '/api/account', undefined, saved.token);
    assert.equal(me.status, 200);
    user.remove();
  });

  it('without PORTICO_CONFIG_DIR the session lives in $XDG_CONFIG_HOME/portico', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'portico-xdg-'));
    const email = uniqueEmail('xdg');
    const env = { XDG_CONFIG_HOME: xdg };
    const signup = await runPortico(['signup', '--email', email, '--password-stdin', '--endpoint', server.url], { input: 'correct horse battery\n', env });
    assert.equal(signup.code, 0, signup.stderr);
    assert.equal(statSync(join(xdg, 'portico', 'credentials.json')).mode & 0o777, 0o600);
    const account = await runPortico(['account', '--json'], { env });
    assert.equal(account.code, 0, account.stderr);
    assert.equal(JSON.parse(account.stdout).email, email);
    rmSync(xdg, { recursive: true, force: true });
  });

  it('signing up an e-mail that exists exits 1 with the server\'s message', async () => {
    const user = new CliUser(server.url);
    const email = uniqueEmail('dup');
    assert.equal((await user.signUp(email)).code, 0);
    const again = await user.signUp(email);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^portico: an account with e-mail .* already exists/);
    user.remove();
  });

  it('signup refuses a short password with the server\'s message', async () => {
    const user = new CliUser(server.url);
    const result = await user.signUp(uniqueEmail('short'), 'short');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /password must be at least \d+ characters/);
    assert.equal(existsSync(join(user.configDir, 'credentials.json')), false);
    user.remove();
  });

  it('login with a wrong password exits 1 and saves nothing', async () => {
    const user = new CliUser(server.url);
    const email = uniqueEmail('wrong');
    await user.signUp(email);
    await user.run(['logout']);
    const result = await user.run(['login', '--email', email, '--password', 'not the password']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /e-mail or password is wrong/);
    assert.equal(existsSync(join(user.configDir, 'credentials.json')), false);
    user.remove();
  });

  it('login remembers the endpoint: later commands need no --endpoint', async () => {
    const user = new CliUser(server.url);
    const email = uniqueEmail('remember');
    await user.signUp(email);
    const login = await user.run(['login', '--email', email, '--password-stdin'], { input: 'correct horse battery\n' });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, new RegExp(`Signed in to ${server.url} as ${email}`));
    const account = await user.run(['account', '--json'], { withEndpoint: false });
    assert.equal(account.code, 0, account.stderr);
    assert.equal(JSON.parse(account.stdout).email, email);
    user.remove();
  });

  it('a command aimed at another endpoint than the saved session says to log in there', async () => {
    const user = new CliUser(server.url);
    await user.signUp(uniqueEmail('other'));
    const result = await user.run(['resource', 'list', '--endpoint', 'http://127.0.0.1:9'], { withEndpoint: false });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /signed in to .*, not http:\/\/127\.0\.0\.1:9: run "portico login --endpoint http:\/\/127\.0\.0\.1:9"/);
    user.remove();
  });

  it('logout ends the session on the server and deletes the saved token', async () => {
    const user = new CliUser(server.url);
    await user.signUp(uniqueEmail('logout'));
    const token = JSON.parse(readFileSync(join(user.configDir, 'credentials.json'), 'utf8')).token;
    const result = await user.run(['logout']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Signed out/);
    assert.equal(existsSync(join(user.configDir, 'credentials.json')), false);
    assert.equal((await server.api('GET', '/api/account', undefined, token)).status, 401);
    const after = await user.run(['account']);
    assert.equal(after.code, 1);
    assert.match(after.stderr, /not signed in: run "portico login/);
    user.remove();
  });

  it('without a password flag and with stdin not a terminal, login exits 2 and says how to pass one', async () => {
    const user = new CliUser(server.url);
    const result = await user.run(['login', '--email', 'x@example.com']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--password-stdin/);
    user.remove();
  });

  // script(1) from util-linux gives the command a pseudo-terminal.
  it('on a terminal the password is prompted for and not echoed', async () => {
    const user = new CliUser(server.url);
    const email = uniqueEmail('tty');
    await user.signUp(email);
    await user.run(['logout']);
    const secret = 'correct horse battery';
    const command = `${process.execPath} ${BIN} login --email ${email} --endpoint ${server.url}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, PORTICO_CONFIG_DIR: user.configDir, NODE_TEST_CONTEXT: undefined } });
    let output = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      // Type only once the prompt is shown: the terminal is in no-echo mode by then.
      if (!typed && output.includes('Password: ')) { typed = true; child.stdin.write(`${secret}\r`); }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, output);
    assert.match(output, new RegExp(`Signed in to ${server.url} as ${email}`));
    assert.doesNotMatch(output, /correct horse/);
    user.remove();
  });

  it('an endpoint with no server behind it exits 1 naming the endpoint', async () => {
    const endpoint = await deadEndpoint();
    const user = new CliUser(endpoint);
    const result = await user.signUp(uniqueEmail('nobody'));
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `portico: cannot reach Portico at ${endpoint}: ECONNREFUSED\n`);
    user.remove();
  });

  it('a malformed --endpoint is a usage error', async () => {
    const result = await runPortico(['login', '--email', 'a@example.com', '--password', 'x', '--endpoint', 'ftp://x']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--endpoint must be an http:\/\/ or https:\/\/ URL/);
  });
});
