// Who is calling an authoring API: the account behind the authoring key, in
// the authoring region the request was addressed to.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { findAccountById } from '../store/repos/accounts.ts';
import { unauthorized } from '../http/errors.ts';

export interface Author {
  accountId: string;
  email: string;
  region: string;
}

/** Account e-mails never change, so they are cached for the collaborator checks. */
export class AuthorDirectory {
  private emails = new Map<string, string>();

  constructor(private db: Kysely<Database>) {}

  async of(request: FastifyRequest): Promise<Author> {
    const caller = request.caller;
    if (!caller) throw unauthorized('An authoring key is required.');
    const accountId = caller.resource.accountId;
    let email = this.emails.get(accountId);
    if (!email) {
      const row = await findAccountById(this.db, accountId);
      if (!row) throw unauthorized('The account of this authoring key no longer exists.');
      email = row.email;
      this.emails.set(accountId, email);
    }
    return { accountId, email, region: caller.region };
  }
}
