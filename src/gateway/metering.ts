// Metering with group commit: calls are gathered for one turn of the event
// loop, written in one transaction, and only then are their replies released,
// so a killed process never loses a call whose response a client received.
import { hostname } from 'node:os';
import type { LatencyRow, UsageRow, UsageWriter } from '../store/repos/usage.ts';
import { latencyBucket } from '../metrics/latency.ts';
import { DAY_MS, utcDay } from '../util/clock.ts';

export interface MeteredCall {
  resourceId: string;
  at: number;
  meter: string;
  operation: string;
  keySlot: number;
  status: number;
  admitted: boolean;
  /** Milliseconds from the request's arrival to its reply being ready (set with the status). */
  latencyMs?: number;
}

/** Last use is written at most this often per resource; expiry counts in days. */
const LAST_USE_WRITE_INTERVAL_MS = 60_000;

interface Pending {
  calls: MeteredCall[];
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function newPending(): Pending {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { calls: [], done, resolve, reject };
}

/** This process's name in usage rows, so that processes never contend for one row. */
export function processWriterId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}`;
}

/**
 * Sums calls that share a usage key, so a batch becomes few upserts. Rows come
 * sorted by key, so two transactions touching the same rows lock them in one order.
 */
export function aggregate(calls: MeteredCall[], writer: string): UsageRow[] {
  const rows = new Map<string, UsageRow>();
  // Calls of one batch are nearly always alike and of one day: the previous
  // call's row and day string are reused instead of re-deriving them per call.
  let previous: MeteredCall | undefined;
  let previousRow: UsageRow | undefined;
  let dayStart = NaN;
  let day = '';
  for (const c of calls) {
    if (previous && previousRow && sameUsageKey(previous, c) && c.at >= dayStart && c.at < dayStart + DAY_MS) {
      previousRow.calls++;
      previous = c;
      continue;
    }
    if (!(c.at >= dayStart && c.at < dayStart + DAY_MS)) {
      dayStart = c.at - (c.at % DAY_MS);
      day = utcDay(c.at);
    }
    const admitted = c.admitted ? 1 : 0;
    const key = `${c.resourceId}|${day}|${c.meter}|${c.operation}|${c.keySlot}|${c.status}|${admitted}`;
    let row = rows.get(key);
    if (row) row.calls++;
    else rows.set(key, row = { resource_id: c.resourceId, day, meter: c.meter, operation: c.operation, key_slot: c.keySlot, status: c.status, admitted, writer, calls: 1 });
    previous = c;
    previousRow = row;
  }
  return rows.size === 1 ? [...rows.values()] : [...rows.keys()].sort().map((key) => rows.get(key)!);
}

/** Sums the latency of admitted calls per resource, day, operation and latency bucket, sorted by key. */
export function aggregateLatency(calls: MeteredCall[], writer: string): LatencyRow[] {
  const rows = new Map<string, LatencyRow>();
  let dayStart = NaN;
  let day = '';
  for (const c of calls) {
    if (!c.admitted || c.latencyMs === undefined) continue;
    if (!(c.at >= dayStart && c.at < dayStart + DAY_MS)) {
      dayStart = c.at - (c.at % DAY_MS);
      day = utcDay(c.at);
    }
    const le = latencyBucket(c.latencyMs);
    const key = `${c.resourceId}|${day}|${c.operation}|${String(le).padStart(10, '0')}`;
    const row = rows.get(key);
    if (row) {
      row.calls++;
      row.latency_ms += c.latencyMs;
    } else {
      rows.set(key, { resource_id: c.resourceId, day, operation: c.operation, writer, le_ms: le, calls: 1, latency_ms: c.latencyMs });
    }
  }
  return rows.size <= 1 ? [...rows.values()] : [...rows.keys()].sort().map((key) => rows.get(key)!);
}

function sameUsageKey(a: MeteredCall, b: MeteredCall): boolean {
  return a.resourceId === b.resourceId && a.status === b.status && a.admitted === b.admitted && a.keySlot === b.keySlot
    && a.operation === b.operation && a.meter === b.meter;
}

export class UsageRecorder {
  private pending: Pending | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private lastUseWritten = new Map<string, number>();
  batches = 0;

  constructor(private store: UsageWriter, private writer: string = processWriterId()) {}

  /** Resolves once the call is committed to the store. */
  record(call: MeteredCall): Promise<void> {
    if (!this.pending) {
      this.pending = newPending();
      const batch = this.pending;
      // Wait for the batch before (one transaction at a time), then for the
      // rest of this event-loop turn so that concurrent calls join the batch.
      this.flushing = this.flushing.then(() => new Promise<void>((r) => setImmediate(r))).then(() => this.flush(batch));
    }
    this.pending.calls.push(call);
    return this.pending.done;
  }

  private async flush(batch: Pending): Promise<void> {
    if (this.pending === batch) this.pending = undefined;
    try {
      const lastUse = this.lastUseToWrite(batch.calls);
      await this.store.write(aggregate(batch.calls, this.writer), lastUse, aggregateLatency(batch.calls, this.writer));
      for (const [id, at] of lastUse) this.lastUseWritten.set(id, at);
      this.batches++;
      batch.resolve();
    } catch (err) {
      batch.reject(err);
    }
  }

  private lastUseToWrite(calls: MeteredCall[]): Map<string, number> {
    const lastUse = new Map<string, number>();
    // A batch is nearly always one resource's calls in time order: a call no
    // later than the last one seen of the same resource changes nothing.
    let seenId = '';
    let seenAt = -1;
    for (const c of calls) {
      if (!c.admitted || (c.resourceId === seenId && c.at <= seenAt)) continue;
      seenId = c.resourceId;
      seenAt = c.at;
      const written = this.lastUseWritten.get(c.resourceId) ?? 0;
      if (c.at - written >= LAST_USE_WRITE_INTERVAL_MS && c.at > (lastUse.get(c.resourceId) ?? 0)) lastUse.set(c.resourceId, c.at);
    }
    return lastUse;
  }

  /** Waits for every call recorded so far to be committed. */
  async drain(): Promise<void> {
    await this.flushing;
    if (this.pending) await this.pending.done.catch(() => undefined);
    await this.flushing;
  }
}
