// Keys are stored encrypted and found by digest: the plain key never reaches the database or a log line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyVault, generateKey, loadMasterKey } from '../../src/keys/secrets.ts';
import { loadConfig, configHelp, ConfigError } from '../../src/config.ts';
import { startTestServer, newAccount } from '../support/server.ts';
import { echoService } from '../support/echo-service.ts';
import { redactUrl } from '../../src/http/redact.ts';

describe('keys at rest', () => {
  it('generates 32 lowercase hex characters, different every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateKey));
    assert.equal(keys.size, 1000);
    for (const k of keys) assert.match(k, /^[0-9a-f]{32}$/);
  });

  it('encrypts with AES-GCM (fresh IV each time) and detects tampering', () => {
    const vault = createKeyVault(Buffer.alloc(32, 7));
    const key = generateKey();
    const a = vault.encrypt(key);
    const b = vault.encrypt(key);
    assert.notEqual(a, b);
    assert.equal(vault.decrypt(a), key);
    const [v, iv, body, tag] = a.split('.');
    const flipped = body[0] === 'A' ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    assert.throws(() => vault.decrypt([v, iv, flipped, tag].join('.')));
    assert.equal(vault.digest(key), vault.digest(key));
    assert.notEqual(vault.digest(key), createKeyVault(Buffer.alloc(32, 8)).digest(key), 'the digest depends on the master key');
  });

  it('creates the master key file with mode 0600 on first start and reuses it', async () => {
    const server = await startTestServer();
    const file = join(server.config.dataDir, 'master.key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadMasterKey(undefined, server.config.dataDir).key, Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
    await server.close();
  });

  it('never writes a plain key into the database files', async () => {
    const server = await startTestServer({ services: [echoService()] });
    const { token } = await newAccount(server);
    const { key1, key2 } = (await server.api('POST', '/api/resources', { name: 'secret', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, token)).body;
    assert.equal((await server.fetch(`/test/echo?subscription-key=${key1}`)).status, 200);
    await server.platform.recorder.drain();
    const dir = server.config.dataDir;
    const files = readdirSync(dir).filter((f) => f.startsWith('portico.db'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f)).toString('latin1');
      assert.ok(!bytes.includes(key1) && !bytes.includes(key2), `${f} holds a plain key`);
    }
    await server.close();
  });

  it('redacts subscription keys from logged URLs', () => {
    assert.equal(redactUrl('/luis/v2.0/apps/x?q=hi&subscription-key=abc123&verbose=true'), '/luis/v2.0/apps/x?q=hi&subscription-key=[redacted]&verbose=true');
  });
});

describe('configuration', () => {
  it('reads flags over environment variables, with the documented defaults', () => {
    const config = loadConfig(['--port', '6000', '--region=westeurope'], { PORT: '7000', PORTICO_DATA_DIR: '/tmp/x' });
    assert.equal(config.port, 6000);
    assert.equal(config.region, 'westeurope');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, '/tmp/x');
    assert.equal(loadConfig([], {}).port, 5080);
    assert.equal(loadConfig([], {}).demo, true);
    assert.equal(loadConfig(['--no-demo'], {}).demo, false);
  });

  it('refuses bad values naming the setting', () => {
    assert.throws(() => loadConfig(['--port', 'eighty'], {}), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message));
    assert.throws(() => loadConfig([], { DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig(['--colour'], {}), /unknown option --colour/);
    assert.throws(() => loadConfig([], { PORTICO_MASTER_KEY: 'abc' }), /PORTICO_MASTER_KEY/);
  });

  it('lists every setting in --help', () => {
    const help = configHelp();
    for (const name of ['PORT', 'HOST', 'PORTICO_DATA_DIR', 'PORTICO_REGION', 'PORTICO_CATALOG', 'DATABASE_URL', 'REDIS_URL']) assert.match(help, new RegExp(name));
  });
});
