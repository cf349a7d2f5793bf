// Subscription keys at rest: AES-256-GCM ciphertext (so an owner can see the key
// again) plus an HMAC-SHA256 digest to find a resource by key without ever
// storing or indexing the plain key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 32 lowercase hex characters from the CSPRNG, as Azure's keys are. */
export function generateKey(): string {
  return randomBytes(16).toString('hex');
}

export function isKeyShaped(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/** Ciphertexts name the master key that sealed them: `v2-<key id>.<iv>.<body>.<tag>` (v1 had no key id). */
const SEALED_VERSION = 'v2';
const KEY_ID_LENGTH = 16;

export class UnknownMasterKeyError extends Error {}

/**
 * The master keys one process holds: normally one; during a rotation (see
 * rotation.ts) also the other key in play: the one that seals (current) and
 * the one that still opens what is not yet re-encrypted. Lookups try the
 * digest under each.
 */
export interface KeyVault {
  /** Seals under the current master key. */
  encrypt(plain: string): string;
  /** Opens a ciphertext sealed under any master key held; UnknownMasterKeyError names a key not held. */
  decrypt(cipher: string): string;
  /** Whether a master key held opens this ciphertext (by its key id; v1 ones are tried). */
  canOpen(cipher: string): boolean;
  /** The lookup digest under the current master key. */
  digest(plain: string): string;
  /** The lookup digests under every master key held, the current one first. */
  digests(plain: string): string[];
  /** A value the database keeps to recognise the current master key; it reveals nothing of it. */
  checkValue(): string;
  /** Whether the master key with this check value is held. */
  holds(checkValue: string): boolean;
  /** The key id a ciphertext sealed now carries (a prefix of the check value). */
  keyId(): string;
  /** Holds `masterKey` too, for opening (and for sealing once promoted). */
  keep(masterKey: Buffer): void;
  /** Makes the held key with this check value the one that seals. */
  promote(checkValue: string): void;
  /** Forgets every key but the current one and those with these check values (a rotation has moved on). */
  retain(checkValues: string[]): void;
  /** How many master keys are held. */
  size(): number;
}

interface HeldKey {
  id: string;
  check: string;
  encKey: Buffer;
  macKey: Buffer;
}

function deriveKey(masterKey: Buffer): HeldKey {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), label, 32));
  const check = createHmac('sha256', derive('portico master key check')).update('portico master key check v1').digest('hex');
  return { id: check.slice(0, KEY_ID_LENGTH), check, encKey: derive('portico key encryption'), macKey: derive('portico key lookup') };
}

function seal(key: HeldKey, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [`${SEALED_VERSION}-${key.id}`, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

function open(key: HeldKey, iv: string, body: string, tag: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.encKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** The key id of a v2 ciphertext, undefined for a v1 one; throws for anything else. */
function sealedKeyId(sealed: string): string | undefined {
  const version = sealed.slice(0, sealed.indexOf('.'));
  if (version === 'v1') return undefined;
  if (version.startsWith(`${SEALED_VERSION}-`) && version.length === SEALED_VERSION.length + 1 + KEY_ID_LENGTH) return version.slice(SEALED_VERSION.length + 1);
  throw new Error('unrecognised key ciphertext');
}

/** The SQL LIKE pattern of ciphertexts sealed under the master key with this check value. */
export function sealedUnderPattern(checkValue: string): string {
  return `${SEALED_VERSION}-${checkValue.slice(0, KEY_ID_LENGTH)}.%`;
}

/** `key` sealed under `under`, for the database to hand a rotation's other key to processes holding one. */
export function wrapMasterKey(under: Buffer, key: Buffer): string {
  return seal(deriveKey(under), key.toString('hex'));
}

/** The master key a wrapMasterKey value holds, opened with a key the vault holds. */
export function unwrapMasterKey(vault: KeyVault, wrapped: string): Buffer {
  const hex = vault.decrypt(wrapped);
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('a wrapped master key does not hold 64 hex characters');
  return Buffer.from(hex, 'hex');
}

/** The check value of a master key, without building a vault. */
export function masterKeyCheckValue(masterKey: Buffer): string {
  return deriveKey(masterKey).check;
}

/** Derives separate encryption and lookup keys from each master key held. */
export function createKeyVault(masterKey: Buffer): KeyVault {
  let held: HeldKey[] = [deriveKey(masterKey)];
  const find = (id: string) => held.find((k) => k.id === id);
  return {
    encrypt(plain) {
      return seal(held[0], plain);
    },
    decrypt(sealed) {
      const id = sealedKeyId(sealed);
      const [, iv, body, tag] = sealed.split('.');
      if (!iv || !body || !tag) throw new Error('unrecognised key ciphertext');
      if (id !== undefined) {
        const key = find(id);
        if (!key) throw new UnknownMasterKeyError(`this ciphertext is sealed under master key ${id}, which this process does not hold`);
        return open(key, iv, body, tag);
      }
      // v1 names no key: GCM's tag tells which held key sealed it.
      for (const key of held) {
        try { return open(key, iv, body, tag); } catch { /* try the next key */ }
      }
      throw new Error('no master key held opens this v1 ciphertext');
    },
    canOpen(sealed) {
      const id = sealedKeyId(sealed);
      return id === undefined || find(id) !== undefined;
    },
    digest(plain) {
      return createHmac('sha256', held[0].macKey).update(plain).digest('hex');
    },
    digests(plain) {
      return held.map((k) => createHmac('sha256', k.macKey).update(plain).digest('hex'));
    },
    checkValue() {
      return held[0].check;
    },
    holds(checkValue) {
      return held.some((k) => k.check === checkValue);
    },
    keyId() {
      return held[0].id;
    },
    keep(masterKey) {
      const key = deriveKey(masterKey);
      if (!find(key.id)) held.push(key);
    },
    promote(checkValue) {
      const key = held.find((k) => k.check === checkValue);
      if (!key) throw new UnknownMasterKeyError('cannot seal under a master key this process does not hold');
      held = [key, ...held.filter((k) => k !== key)];
    },
    retain(checkValues) {
      held = held.filter((k, i) => i === 0 || checkValues.includes(k.check));
    },
    size() {
      return held.length;
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

/** Where a rotation keeps the master key it replaces until it finishes. */
export function previousMasterKeyFile(dataDir: string): string {
  return join(dataDir, 'master.key.previous');
}

/** Writes a key file (mode 0600) whole or not at all: a temporary file, flushed, then renamed over. */
export function writeMasterKeyFile(file: string, key: Buffer): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeFileSync(fd, key.toString('hex') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
