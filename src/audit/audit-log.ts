// The audit log of each account: record an event with who acted and from
// where, read a page newest first, drop what is older than the retention.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import * as repo from '../store/repos/audit.ts';
import { findAccountByEmail, listAccountIds } from '../store/repos/accounts.ts';
import type { Clock } from '../util/clock.ts';
import { DAY_MS } from '../util/clock.ts';
import { describeAuditEvent, detailOf, type AuditDetail, type AuditEvent } from './events.ts';

export type { AuditCursor } from '../store/repos/audit.ts';
type AuditCursor = repo.AuditCursor;

/** Who acted and from where: an account's e-mail (or "operator") and the client address as the request saw it. */
export interface AuditContext {
  actor: string;
  address: string;
}

export interface AuditEntry {
  id: string;
  at: number;
  type: string;
  actor: string;
  address: string;
  detail: AuditDetail;
  summary: string;
}

export const DEFAULT_AUDIT_RETENTION_MS = 90 * DAY_MS;
export const MAX_AUDIT_PAGE = 200;
/** Old events are deleted at most this often, by whichever process records an event. */
const PRUNE_EVERY_MS = 3_600_000;

function auditRow(accountId: string, at: number, event: AuditEvent, context: AuditContext): repo.AuditRow {
  return {
    id: randomUUID(), account_id: accountId, at, type: event.type,
    actor: context.actor.slice(0, 320), address: context.address.slice(0, 64), detail: JSON.stringify(detailOf(event)),
  };
}

function toEntry(row: repo.AuditRow): AuditEntry {
  const detail = JSON.parse(row.detail) as AuditDetail;
  return { id: row.id, at: Number(row.at), type: row.type, actor: row.actor, address: row.address, detail, summary: describeAuditEvent(row.type, detail) };
}

/** The cursor of the page after `entries` (the last one's time and id), if the page was full. */
function nextCursor(entries: AuditEntry[], limit: number): AuditCursor | undefined {
  const last = entries.at(-1);
  return entries.length === limit && last ? { at: last.at, id: last.id } : undefined;
}

/** `2026-12-07T05:00:00.000Z` (older than that time) or `…Z_<event id>` (as a page's `nextBefore` says). */
export function formatAuditCursor(cursor: AuditCursor): string {
  const time = new Date(cursor.at).toISOString();
  return cursor.id ? `${time}_${cursor.id}` : time;
}

export function parseAuditCursor(text: string): AuditCursor | undefined {
  const [time, id, extra] = text.split('_');
  const at = Date.parse(time);
  if (extra !== undefined || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(time) || Number.isNaN(at)) return undefined;
  if (id !== undefined && !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return id === undefined ? { at } : { at, id };
}

/** A background write that failed is not lost silently: Node prints the warning on stderr. */
function warnNotRecorded(err: unknown): void {
  process.emitWarning(`audit event not recorded: ${(err as Error)?.message ?? String(err)}`);
}

export class AuditLog {
  private lastPrune = 0;
  private background = new Set<Promise<void>>();

  constructor(private db: Kysely<Database>, private clock: Clock, readonly retentionMs: number = DEFAULT_AUDIT_RETENTION_MS, private onError: (err: unknown) => void = warnNotRecorded) {}

  async record(accountId: string, event: AuditEvent, context: AuditContext): Promise<void> {
    const now = this.clock.now();
    await repo.insertAuditEvents(this.db, [auditRow(accountId, now, event, context)]);
    if (now - this.lastPrune >= PRUNE_EVERY_MS) await this.prune();
  }

  /**
   * Records without making the caller wait: a failed log-in is answered as
   * fast for an existing account (which gets the event) as for an unknown
   * e-mail (which gets nothing), so the answer's timing tells nobody which
   * e-mails have accounts.
   */
  recordInBackground(accountId: string, event: AuditEvent, context: AuditContext): void {
    const write: Promise<void> = this.record(accountId, event, context).catch(this.onError).finally(() => this.background.delete(write));
    this.background.add(write);
  }

  /** Records on the account with that e-mail, if there is one (a collaborator's own log). */
  async recordForEmail(email: string, event: AuditEvent, context: AuditContext): Promise<void> {
    const account = await findAccountByEmail(this.db, email);
    if (account) await this.record(account.id, event, context);
  }

  /** Waits for the background writes started so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.background]);
  }

  /** A page of the account's events, newest first, within the retention. */
  async list(accountId: string, options: { limit: number; before?: AuditCursor }): Promise<{ entries: AuditEntry[]; next?: AuditCursor }> {
    const limit = Math.min(Math.max(1, options.limit), MAX_AUDIT_PAGE);
    const rows = await repo.listAuditEvents(this.db, accountId, { limit, before: options.before, notBefore: this.clock.now() - this.retentionMs });
    const entries = rows.map(toEntry);
    return { entries, next: nextCursor(entries, limit) };
  }

  /** Deletes every account's events older than the retention; the number deleted. */
  async prune(): Promise<number> {
    const now = this.clock.now();
    this.lastPrune = now;
    return repo.deleteAuditEventsBefore(this.db, now - this.retentionMs);
  }
}

/**
 * Records `master-key-rotated` on every account: for the operator's command,
 * which runs beside (or without) a server on the same database.
 */
export async function recordMasterKeyRotated(db: Kysely<Database>, at: number, context: AuditContext = { actor: 'operator', address: '' }): Promise<number> {
  const ids = await listAccountIds(db);
  const rows = ids.map((id) => auditRow(id, at, { type: 'master-key-rotated' }, context));
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) await repo.insertAuditEvents(db, rows.slice(i, i + 500));
  return rows.length;
}
