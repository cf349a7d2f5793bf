// Collaborator changes in the audit log: the change runs between two reads of
// the app's collaborators, and each e-mail added or removed is recorded on the
// acting account and on the collaborator's own account, if that e-mail has one.
import type { FastifyRequest } from 'fastify';
import type { AppRow } from '../service.ts';
import type { Author } from '../authors.ts';
import type { AuthoringContext } from './kit.ts';
import { listCollaborators } from '../store/apps.ts';

export async function auditedCollaboratorChange(context: AuthoringContext, request: FastifyRequest, author: Author, app: AppRow, change: () => Promise<unknown>): Promise<void> {
  const before = new Set(await listCollaborators(context.apps.db, app.id));
  await change();
  const after = new Set(await listCollaborators(context.apps.db, app.id));
  const { audit } = context.platform;
  const by = { actor: author.email, address: request.ip };
  const changes = [
    ...[...after].filter((e) => !before.has(e)).map((collaborator) => ({ type: 'luis-collaborator-added' as const, collaborator })),
    ...[...before].filter((e) => !after.has(e)).map((collaborator) => ({ type: 'luis-collaborator-removed' as const, collaborator })),
  ];
  for (const { type, collaborator } of changes) {
    const event = { type, appId: app.id, app: app.name, collaborator };
    await audit.record(author.accountId, event, by);
    await audit.recordForEmail(collaborator, event, by);
  }
}
