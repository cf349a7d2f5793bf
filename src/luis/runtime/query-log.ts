// The endpoint query log: predictions asked with log=true are written in
// small batches off the reply path, and read back as LUIS's CSV download.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../util/clock.ts';
import { insertQueryLogs, listQueryLogs, pruneQueryLogs, type QueryLogRow } from '../store/query-logs.ts';
import type { LuisDb } from '../store/tables.ts';
import { DAY_MS } from '../../util/clock.ts';
import { csvDocument } from '../../util/csv.ts';

/** LUIS keeps endpoint logs for 30 days. */
export const QUERY_LOG_RETENTION_MS = 30 * DAY_MS;
const FLUSH_INTERVAL_MS = 50;
const MAX_BUFFERED = 5_000;
export const MAX_DOWNLOADED = 100_000;

export class QueryLog {
  private buffer: QueryLogRow[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private lastPrune = 0;

  constructor(private db: LuisDb, private clock: Clock, private onError: (err: unknown) => void = () => {}) {}

  add(entry: { appId: string; slot: string; region: string; query: string; response: unknown }): void {
    if (this.buffer.length >= MAX_BUFFERED) return;
    this.buffer.push({
      id: randomUUID(), app_id: entry.appId, at: this.clock.now(), slot: entry.slot, region: entry.region,
      query: entry.query, response: JSON.stringify(entry.response),
    });
    this.timer ??= setTimeout(() => { this.timer = undefined; void this.flush(); }, FLUSH_INTERVAL_MS);
  }

  flush(): Promise<void> {
    const rows = this.buffer.splice(0);
    this.flushing = this.flushing.then(async () => {
      try {
        await insertQueryLogs(this.db, rows);
        const now = this.clock.now();
        if (now - this.lastPrune > DAY_MS) {
          this.lastPrune = now;
          await pruneQueryLogs(this.db, now - QUERY_LOG_RETENTION_MS);
        }
      } catch (err) {
        this.onError(err);
      }
    });
    return this.flushing;
  }

  async csv(appId: string): Promise<string> {
    await this.flush();
    const rows = await listQueryLogs(this.db, appId, MAX_DOWNLOADED);
    return csvDocument(['Query', 'UTC DateTime', 'Response', 'SecondaryId', 'Region'],
      rows.map((r) => [r.query, new Date(Number(r.at)).toISOString(), r.response, '', r.region]));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
