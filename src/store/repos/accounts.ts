import type { Kysely } from 'kysely';
import type { AccountsTable, Database } from '../schema.ts';

export type AccountRow = AccountsTable;

export function insertAccount(db: Kysely<Database>, row: AccountRow): Promise<unknown> {
  return db.insertInto('accounts').values(row).execute();
}

export function findAccountByEmail(db: Kysely<Database>, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAccountIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('accounts').select('id').execute()).map((r) => r.id);
}

export function countAccounts(db: Kysely<Database>): Promise<number> {
  return db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export function updatePasswordHash(db: Kysely<Database>, id: string, passwordHash: string): Promise<unknown> {
  return db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export function insertSession(db: Kysely<Database>, row: Database['sessions']): Promise<unknown> {
  return db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Kysely<Database>, tokenDigest: string): Promise<Database['sessions'] | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_digest', '=', tokenDigest).executeTakeFirst();
}

export function deleteSession(db: Kysely<Database>, tokenDigest: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('token_digest', '=', tokenDigest).execute();
}

export function deleteOtherSessions(db: Kysely<Database>, accountId: string, keepDigest: string | undefined): Promise<unknown> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keepDigest) query = query.where('token_digest', '!=', keepDigest);
  return query.execute();
}

export function listSessions(db: Kysely<Database>, accountId: string): Promise<Database['sessions'][]> {
  return db.selectFrom('sessions').selectAll().where('account_id', '=', accountId).orderBy('last_used_at', 'desc').execute();
}

export function touchSession(db: Kysely<Database>, tokenDigest: string, at: number): Promise<unknown> {
  return db.updateTable('sessions').set({ last_used_at: at }).where('token_digest', '=', tokenDigest).execute();
}

/** Deletes one session of one account; the number deleted (0 when the id is not that account's). */
export async function deleteAccountSession(db: Kysely<Database>, accountId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past their absolute end or idle since before `idleBefore`. */
export function deleteEndedSessions(db: Kysely<Database>, accountId: string, now: number, idleBefore: number): Promise<unknown> {
  return db.deleteFrom('sessions').where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_used_at', '<=', idleBefore)])).execute();
}
