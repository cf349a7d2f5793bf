import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { MIN_PASSWORD_LENGTH } from '../../src/accounts/password-rules.ts';
import { call } from './support.ts';

describe('password rules', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  it(`refuses a sign-up password shorter than ${MIN_PASSWORD_LENGTH} characters with 400 naming the rule`, async () => {
    const res = await call(server, 'POST', '/api/signup', { email: 'short@example.com', password: 'nine char' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'WeakPassword');
    assert.equal(res.body.error.message, 'password must be at least 10 characters');
  });

  it('refuses a common password, whatever its case, and the e-mail itself', async () => {
    for (const password of ['password123', 'QWERTYUIOP', '1234567890']) {
      const res = await call(server, 'POST', '/api/signup', { email: 'common@example.com', password });
      assert.equal(res.status, 400, password);
      assert.match(res.body.error.message, /password is on the list of commonly used passwords/);
    }
    const same = await call(server, 'POST', '/api/signup', { email: 'me@example.com', password: 'me@example.com' });
    assert.match(same.body.error.message, /must not be the account's e-mail address/);
  });

  it('applies the same rules to a password change, naming newPassword', async () => {
    const { token, password } = await newAccount(server);
    const weak = await call(server, 'POST', '/api/account/password', { currentPassword: password, newPassword: 'iloveyou12' }, { token });
    assert.equal(weak.status, 400);
    assert.match(weak.body.error.message, /^newPassword is on the list of commonly used passwords/);
    const good = await call(server, 'POST', '/api/account/password', { currentPassword: password, newPassword: 'plum tree at dusk' }, { token });
    assert.equal(good.status, 204);
  });
});
