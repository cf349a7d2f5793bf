// Accounts: sign-up (which also issues the account's authoring keys), log-in
// tokens, log-out and password changes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import * as repo from '../store/repos/accounts.ts';
import type { ResourceService } from '../resources/service.ts';
import type { Clock } from '../util/clock.ts';
import { DAY_MS } from '../util/clock.ts';
import { badRequest, conflict, unauthorized } from '../http/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface Account {
  id: string;
  email: string;
  createdAt: number;
}

const TOKEN_LIFETIME_MS = 90 * DAY_MS;
export const MIN_PASSWORD_LENGTH = 8;
// Kept simple on purpose: one @, no spaces, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toAccount(row: repo.AccountRow): Account {
  return { id: row.id, email: row.email, createdAt: Number(row.created_at) };
}

export class AccountService {
  constructor(private db: Kysely<Database>, private resources: ResourceService, private clock: Clock) {}

  async signUp(emailInput: string, password: string): Promise<Account> {
    const email = normaliseEmail(emailInput);
    if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw badRequest('email must be an e-mail address like name@example.com');
    if (password.length < MIN_PASSWORD_LENGTH) throw badRequest(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    if (await repo.findAccountByEmail(this.db, email)) throw conflict(`an account with e-mail ${email} already exists`, 'AccountExists');
    const row: repo.AccountRow = { id: randomUUID(), email, password_hash: await hashPassword(password), created_at: this.clock.now() };
    try {
      await this.db.transaction().execute(async (tx) => {
        await repo.insertAccount(tx, row);
        await this.resources.createAccountResources(tx, row.id);
      });
    } catch (err) {
      // Two sign-ups with one e-mail at the same moment: the unique index decides.
      if (await repo.findAccountByEmail(this.db, email)) throw conflict(`an account with e-mail ${email} already exists`, 'AccountExists');
      throw err;
    }
    return toAccount(row);
  }

  /** Checks the password and issues a bearer token (also used as the portal's session cookie). */
  async logIn(emailInput: string, password: string): Promise<{ account: Account; token: string; expiresAt: number }> {
    const row = await repo.findAccountByEmail(this.db, normaliseEmail(emailInput));
    // Verify against a dummy hash when the account is unknown, so timing does not reveal which e-mails exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw unauthorized('e-mail or password is wrong', 'InvalidCredentials');
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const expiresAt = now + TOKEN_LIFETIME_MS;
    await repo.insertSession(this.db, { token_digest: tokenDigest(token), account_id: row.id, created_at: now, expires_at: expiresAt });
    return { account: toAccount(row), token, expiresAt };
  }

  async authenticate(token: string): Promise<Account | undefined> {
    const session = await repo.findSession(this.db, tokenDigest(token));
    if (!session || Number(session.expires_at) <= this.clock.now()) return undefined;
    const row = await repo.findAccountById(this.db, session.account_id);
    return row && toAccount(row);
  }

  async logOut(token: string): Promise<void> {
    await repo.deleteSession(this.db, tokenDigest(token));
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(accountId: string, currentToken: string | undefined, current: string, next: string): Promise<void> {
    const row = await repo.findAccountById(this.db, accountId);
    if (!row || !(await verifyPassword(current, row.password_hash))) throw badRequest('currentPassword is wrong', 'InvalidCredentials');
    if (next.length < MIN_PASSWORD_LENGTH) throw badRequest(`newPassword must be at least ${MIN_PASSWORD_LENGTH} characters`);
    await repo.updatePasswordHash(this.db, accountId, await hashPassword(next));
    await repo.deleteOtherSessions(this.db, accountId, currentToken && tokenDigest(currentToken));
  }

  countAccounts(): Promise<number> {
    return repo.countAccounts(this.db);
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
