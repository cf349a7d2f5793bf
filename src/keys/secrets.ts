// Subscription keys at rest: AES-256-GCM ciphertext (so an owner can see the key
// again) plus an HMAC-SHA256 digest to find a resource by key without ever
// storing or indexing the plain key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 32 lowercase hex characters from the CSPRNG, as Azure's keys are. */
export function generateKey(): string {
  return randomBytes(16).toString('hex');
}

export function isKeyShaped(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

export interface KeyVault {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  digest(plain: string): string;
  /** A value the database keeps to recognise this master key; it reveals nothing of it. */
  checkValue(): string;
}

/** Derives separate encryption and lookup keys from one master key. */
export function createKeyVault(masterKey: Buffer): KeyVault {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portico key encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portico key lookup', 32));
  const checkKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portico master key check', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error('unrecognised key ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    digest(plain) {
      return createHmac('sha256', macKey).update(plain).digest('hex');
    },
    checkValue() {
      return createHmac('sha256', checkKey).update('portico master key check v1').digest('hex');
    },
  };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Where the master key came from; a generated one is new to this data folder. */
export type MasterKeySource = 'setting' | 'file' | 'generated';

export interface MasterKey {
  key: Buffer;
  source: MasterKeySource;
  /** Writes a generated key to <dataDir>/master.key (mode 0600); a no-op for the others. */
  persist(): void;
}

/**
 * The master key from config, else from <dataDir>/master.key, else a new one
 * that is written only once the database has accepted it (see persist).
 * Losing this file makes stored keys unreadable.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): MasterKey {
  const keep = () => {};
  if (configured) return { key: Buffer.from(configured, 'hex'), source: 'setting', persist: keep };
  const file = masterKeyFile(dataDir);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} does not hold a 64-hex-character master key`);
    return { key: Buffer.from(hex, 'hex'), source: 'file', persist: keep };
  }
  const key = randomBytes(32);
  return {
    key,
    source: 'generated',
    persist() {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    },
  };
}

export function masterKeyFile(dataDir: string): string {
  return join(dataDir, 'master.key');
}
