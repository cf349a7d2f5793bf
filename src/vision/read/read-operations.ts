// Read operations: created by POST read/analyze, polled through
// read/analyzeResults/{id}. Each belongs to the resource whose key created it
// (any other resource gets 404) and is forgotten 48 hours after it was created.
// They are kept in the store, so any process of an installation answers a poll.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { ReadPageResult } from '../vision-engine.ts';

export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed';

export interface ReadOperation {
  id: string;
  ownerResourceId: string;
  status: OperationStatus;
  createdAt: number;
  updatedAt: number;
  readResults?: ReadPageResult[];
  failure?: { code: string; message: string };
}

export const READ_RESULT_LIFETIME_MS = 48 * 60 * 60 * 1000;

interface ReadOperationsTable {
  id: string;
  resource_id: string;
  status: string;
  created_at: number;
  updated_at: number;
  outcome: string | null;
}

type ReadDb = Kysely<Database & { vision_read_operations: ReadOperationsTable }>;

function fromRow(row: ReadOperationsTable): ReadOperation {
  const op: ReadOperation = {
    id: row.id, ownerResourceId: row.resource_id, status: row.status as OperationStatus,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
  };
  if (row.outcome && op.status === 'succeeded') op.readResults = JSON.parse(row.outcome);
  if (row.outcome && op.status === 'failed') op.failure = JSON.parse(row.outcome);
  return op;
}

export class ReadOperations {
  private readonly db: ReadDb;
  private readonly sweeper: NodeJS.Timeout;

  constructor(db: Kysely<Database>, private readonly now: () => number = Date.now) {
    this.db = db.withTables<{ vision_read_operations: ReadOperationsTable }>();
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 10 * 60 * 1000);
    this.sweeper.unref();
  }

  async create(ownerResourceId: string): Promise<ReadOperation> {
    const at = this.now();
    const op: ReadOperation = { id: randomUUID(), ownerResourceId, status: 'notStarted', createdAt: at, updatedAt: at };
    await this.db.insertInto('vision_read_operations')
      .values({ id: op.id, resource_id: ownerResourceId, status: op.status, created_at: at, updated_at: at, outcome: null })
      .execute();
    return op;
  }

  /** The operation if it exists, has not expired and belongs to this resource. */
  async find(id: string, resourceId: string): Promise<ReadOperation | undefined> {
    const row = await this.db.selectFrom('vision_read_operations').selectAll()
      .where('id', '=', id).where('resource_id', '=', resourceId)
      .where('created_at', '>', this.now() - READ_RESULT_LIFETIME_MS)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async update(op: ReadOperation, change: Partial<Pick<ReadOperation, 'status' | 'readResults' | 'failure'>>): Promise<void> {
    Object.assign(op, change, { updatedAt: this.now() });
    const outcome = op.status === 'succeeded' ? JSON.stringify(op.readResults ?? []) : op.status === 'failed' ? JSON.stringify(op.failure) : null;
    await this.db.updateTable('vision_read_operations').set({ status: op.status, updated_at: op.updatedAt, outcome }).where('id', '=', op.id).execute();
  }

  /** Deletes operations older than 48 hours. */
  async sweep(): Promise<void> {
    await this.db.deleteFrom('vision_read_operations').where('created_at', '<=', this.now() - READ_RESULT_LIFETIME_MS).execute();
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
