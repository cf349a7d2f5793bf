// Accounts: sign-up (which also issues the account's authoring keys), log-in
// tokens, log-out and password changes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import * as repo from '../store/repos/accounts.ts';
import type { ResourceService } from '../resources/service.ts';
import type { Clock } from '../util/clock.ts';
import { DAY_MS } from '../util/clock.ts';
import { badRequest, conflict, notFound, unauthorized } from '../http/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { passwordProblem } from './password-rules.ts';
import type { AuditLog } from '../audit/audit-log.ts';

export interface Account {
  id: string;
  email: string;
  createdAt: number;
}


export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after log-in. */
  maxMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3_600_000, maxMs: 30 * DAY_MS };

/** Last use is written at most once a minute per session, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** Who opened a session, as its owner will see it in the list. */
export interface SessionClient {
  userAgent?: string;
  address?: string;
}

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastUsedAt: number;
  /** When it ends if it keeps being used (the absolute end), and if it is not (the idle end). */
  expiresAt: number;
  idleExpiresAt: number;
  client: string;
}

function describeClient(client: SessionClient): string {
  const agent = (client.userAgent ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200) || 'unknown client';
  return client.address ? `${agent} (${client.address})`.slice(0, 300) : agent;
}
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
  constructor(private db: Kysely<Database>, private resources: ResourceService, private clock: Clock, private audit: AuditLog, private sessions: SessionPolicy = DEFAULT_SESSION_POLICY) {}

  async signUp(emailInput: string, password: string): Promise<Account> {
    const email = normaliseEmail(emailInput);
    if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw badRequest('email must be an e-mail address like name@example.com');
    const problem = passwordProblem('password', password, email);
    if (problem) throw badRequest(problem, 'WeakPassword');
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
  async logIn(emailInput: string, password: string, client: SessionClient = {}): Promise<{ account: Account; token: string; expiresAt: number }> {
    const row = await repo.findAccountByEmail(this.db, normaliseEmail(emailInput));
    // Verify against a dummy hash when the account is unknown, so timing does not reveal which e-mails exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    // Log-ins are audited here, the one place that knows whether the e-mail has an account: a failure goes to
    // that account's log only, in the background, so an unknown e-mail is answered alike and as fast.
    if (row && !ok) this.audit.recordInBackground(row.id, { type: 'login-failed' }, { actor: row.email, address: client.address ?? '' });
    if (!row || !ok) throw unauthorized('e-mail or password is wrong', 'InvalidCredentials');
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const expiresAt = now + this.sessions.maxMs;
    await repo.deleteEndedSessions(this.db, row.id, now, now - this.sessions.idleMs);
    const sessionId = randomUUID();
    await repo.insertSession(this.db, {
      token_digest: tokenDigest(token), id: sessionId, account_id: row.id, created_at: now, expires_at: expiresAt, last_used_at: now, client: describeClient(client),
    });
    await this.audit.record(row.id, { type: 'login-succeeded', session: sessionId }, { actor: row.email, address: client.address ?? '' });
    return { account: toAccount(row), token, expiresAt };
  }

  /** The account of a live session, recording its use; undefined once it has ended (absolute or idle). */
  async authenticate(token: string): Promise<(Account & { sessionId: string }) | undefined> {
    const digest = tokenDigest(token);
    const session = await repo.findSession(this.db, digest);
    const now = this.clock.now();
    if (!session) return undefined;
    const lastUsed = Number(session.last_used_at);
    if (Number(session.expires_at) <= now || lastUsed + this.sessions.idleMs <= now) {
      await repo.deleteSession(this.db, digest);
      return undefined;
    }
    const row = await repo.findAccountById(this.db, session.account_id);
    if (!row) return undefined;
    if (now - lastUsed >= TOUCH_EVERY_MS) await repo.touchSession(this.db, digest, now);
    return { ...toAccount(row), sessionId: session.id };
  }

  /** The account's live sessions, most recently used first. */
  async listSessions(accountId: string): Promise<SessionInfo[]> {
    const now = this.clock.now();
    await repo.deleteEndedSessions(this.db, accountId, now, now - this.sessions.idleMs);
    return (await repo.listSessions(this.db, accountId)).map((s) => ({
      id: s.id,
      createdAt: Number(s.created_at),
      lastUsedAt: Number(s.last_used_at),
      expiresAt: Number(s.expires_at),
      idleExpiresAt: Math.min(Number(s.expires_at), Number(s.last_used_at) + this.sessions.idleMs),
      client: s.client,
    }));
  }

  /** Ends one of the account's sessions; 404 for an id that is not one of them. */
  async revokeSession(accountId: string, sessionId: string): Promise<void> {
    if (!(await repo.deleteAccountSession(this.db, accountId, sessionId))) {
      throw notFound(`this account has no session with id ${sessionId} (it may have ended already)`, 'SessionNotFound');
    }
  }

  async logOut(token: string): Promise<void> {
    await repo.deleteSession(this.db, tokenDigest(token));
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(accountId: string, currentToken: string | undefined, current: string, next: string): Promise<void> {
    const row = await repo.findAccountById(this.db, accountId);
    if (!row || !(await verifyPassword(current, row.password_hash))) throw badRequest('currentPassword is wrong', 'InvalidCredentials');
    const problem = passwordProblem('newPassword', next, row.email);
    if (problem) throw badRequest(problem, 'WeakPassword');
    await repo.updatePasswordHash(this.db, accountId, await hashPassword(next));
    await repo.deleteOtherSessions(this.db, accountId, currentToken && tokenDigest(currentToken));
  }

  countAccounts(): Promise<number> {
    return repo.countAccounts(this.db);
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
