// The keys that sign access tokens, kept in the database (sealed by the key
// vault) so every process signs and verifies with the same ones. A new key
// signs once the newest is older than the rotation period; an older key still
// verifies until the last token it could have signed has expired, then goes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { KeyVault } from '../keys/secrets.ts';
import type { Clock } from '../util/clock.ts';
import { deleteSigningKeysBefore, insertSigningKey, listSigningKeyRows } from '../store/repos/signing-keys.ts';
import { ACCESS_TOKEN_LIFETIME_MS } from './access-token.ts';

/** How long one signing key signs new tokens. */
export const SIGNING_KEY_ROTATION_MS = 24 * 60 * 60_000;
/** An unknown `kid` reads the store again at most this often (another process may have rotated). */
const RELOAD_INTERVAL_MS = 1_000;

export interface SigningKey {
  id: string;
  secret: Buffer;
  createdAt: number;
}

/** Whether a key created at `createdAt` may still verify tokens at `now`. */
export function stillVerifies(createdAt: number, now: number, rotationMs: number): boolean {
  return now < createdAt + rotationMs + ACCESS_TOKEN_LIFETIME_MS;
}

/** Whether a key created at `createdAt` may still sign new tokens at `now`. */
export function stillSigns(createdAt: number, now: number, rotationMs: number): boolean {
  return now < createdAt + rotationMs;
}

export class SigningKeyRing {
  private keys = new Map<string, SigningKey>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(private db: Kysely<Database>, private vault: KeyVault, private clock: Clock, private rotationMs = SIGNING_KEY_ROTATION_MS) {}

  /** The key that signs tokens now, created (and the expired ones removed) when rotation is due. */
  async signingKey(): Promise<SigningKey> {
    const now = this.clock.now();
    const current = this.newest();
    if (current && stillSigns(current.createdAt, now, this.rotationMs)) return current;
    await this.reload();
    const reloaded = this.newest();
    if (reloaded && stillSigns(reloaded.createdAt, now, this.rotationMs)) return reloaded;
    const key: SigningKey = { id: randomUUID(), secret: randomBytes(32), createdAt: now };
    await insertSigningKey(this.db, { id: key.id, secret_cipher: this.vault.encrypt(key.secret.toString('hex')), created_at: now });
    await deleteSigningKeysBefore(this.db, now - this.rotationMs - ACCESS_TOKEN_LIFETIME_MS);
    this.keys.set(key.id, key);
    return key;
  }

  /** The secret of a key that may still verify; an unknown id reads the store again (at most once a second). */
  verifyingSecret(kid: string): Buffer | undefined | Promise<Buffer | undefined> {
    const known = this.usable(kid);
    if (known || this.clock.now() - this.loadedAt < RELOAD_INTERVAL_MS) return known;
    return this.reload().then(() => this.usable(kid));
  }

  private usable(kid: string): Buffer | undefined {
    const key = this.keys.get(kid);
    return key && stillVerifies(key.createdAt, this.clock.now(), this.rotationMs) ? key.secret : undefined;
  }

  private newest(): SigningKey | undefined {
    let newest: SigningKey | undefined;
    for (const key of this.keys.values()) if (!newest || key.createdAt > newest.createdAt) newest = key;
    return newest;
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const now = this.clock.now();
      const rows = await listSigningKeyRows(this.db, now - this.rotationMs - ACCESS_TOKEN_LIFETIME_MS);
      this.keys = new Map(rows.map((r) => [r.id, { id: r.id, secret: Buffer.from(this.vault.decrypt(r.secret_cipher), 'hex'), createdAt: Number(r.created_at) }]));
      this.loadedAt = now;
    })().finally(() => { this.loading = undefined; });
    return this.loading;
  }
}
