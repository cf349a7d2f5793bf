import type { Kysely } from 'kysely';
import type { Database, TokenSigningKeysTable } from '../schema.ts';

export type SigningKeyRow = TokenSigningKeysTable;

export function listSigningKeyRows(db: Kysely<Database>, createdAfter: number): Promise<SigningKeyRow[]> {
  return db.selectFrom('token_signing_keys').selectAll().where('created_at', '>', createdAfter).orderBy('created_at', 'desc').execute();
}

export function insertSigningKey(db: Kysely<Database>, row: SigningKeyRow): Promise<unknown> {
  return db.insertInto('token_signing_keys').values(row).execute();
}

export function deleteSigningKeysBefore(db: Kysely<Database>, createdBefore: number): Promise<unknown> {
  return db.deleteFrom('token_signing_keys').where('created_at', '<=', createdBefore).execute();
}
