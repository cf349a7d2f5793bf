// Read operations: created by POST read/analyze, polled through
// read/analyzeResults/{id}. Each belongs to the resource whose key created it (any
// other resource gets 404) and is forgotten 48 hours after it was created.
import { randomUUID } from 'node:crypto';
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

export class ReadOperations {
  private readonly operations = new Map<string, ReadOperation>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 10 * 60 * 1000);
    this.sweeper.unref();
  }

  create(ownerResourceId: string): ReadOperation {
    const at = this.now();
    const op: ReadOperation = { id: randomUUID(), ownerResourceId, status: 'notStarted', createdAt: at, updatedAt: at };
    this.operations.set(op.id, op);
    return op;
  }

  /** The operation if it exists, has not expired and belongs to this resource. */
  find(id: string, resourceId: string): ReadOperation | undefined {
    const op = this.operations.get(id);
    if (!op || op.ownerResourceId !== resourceId) return undefined;
    if (this.now() - op.createdAt >= READ_RESULT_LIFETIME_MS) {
      this.operations.delete(id);
      return undefined;
    }
    return op;
  }

  update(op: ReadOperation, change: Partial<Pick<ReadOperation, 'status' | 'readResults' | 'failure'>>): void {
    Object.assign(op, change, { updatedAt: this.now() });
  }

  sweep(): void {
    const now = this.now();
    for (const [id, op] of this.operations) if (now - op.createdAt >= READ_RESULT_LIFETIME_MS) this.operations.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
