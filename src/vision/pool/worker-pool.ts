// A fixed set of worker threads that each load the models once and then take one
// job at a time, so a slow image occupies one thread and never the event loop.
// Jobs wait for warm-up; each job has a deadline, and a worker that overruns it is
// replaced (its computation cannot be interrupted any other way).
import { Worker } from 'node:worker_threads';
import { VisionError } from '../vision-error.ts';

export interface PoolOptions {
  size: number;
  /** The worker's entry module. */
  entry: URL;
  /** Deadline of one job, counted from the moment a worker takes it. */
  timeoutMs: number;
  /** How long the models may take to load before the pool gives up. */
  warmUpTimeoutMs?: number;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string; statusCode: number } };

interface Job {
  id: number;
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  worker?: Slot;
}

interface Slot { worker: Worker; ready: boolean; job?: Job; retired: boolean }

export class WorkerPool<Request, Response> {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private brokenReason?: string;
  private closed = false;
  private warm?: Promise<void>;
  private markWarm!: () => void;
  private markBroken!: (e: Error) => void;

  constructor(private readonly options: PoolOptions) {}

  /** Starts the workers and their model warm-up in the background. */
  start(): Promise<void> {
    if (this.warm) return this.warm;
    this.warm = new Promise<void>((resolve, reject) => { this.markWarm = resolve; this.markBroken = reject; });
    this.warm.catch(() => {});
    for (let i = 0; i < this.options.size; i++) this.spawn();
    const limit = this.options.warmUpTimeoutMs;
    if (limit) {
      const t = setTimeout(() => this.fail(`the vision models did not load within ${limit} ms`), limit);
      t.unref();
      this.warm.then(() => clearTimeout(t), () => clearTimeout(t));
    }
    return this.warm;
  }

  get isWarm(): boolean { return [...this.slots].some((s) => s.ready); }

  get pending(): number { return this.queue.length + [...this.slots].filter((s) => s.job).length; }

  run(request: Request): Promise<Response> {
    if (this.closed) return Promise.reject(new VisionError('ServiceUnavailable', 'The vision service is shutting down.', 503));
    if (this.brokenReason) return Promise.reject(this.brokenError());
    const warm = this.start();
    return new Promise<Response>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, resolve: resolve as (v: unknown) => void, reject };
      const enqueue = () => {
        this.queue.push(job);
        this.dispatch();
      };
      warm.then(enqueue, () => reject(this.brokenError()));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new VisionError('ServiceUnavailable', 'The vision service is shutting down.', 503));
    await Promise.all([...this.slots].map((s) => { s.retired = true; return s.worker.terminate(); }));
    this.slots.clear();
  }

  private brokenError(): VisionError {
    return new VisionError('ServiceUnavailable', `The vision models are unavailable: ${this.brokenReason}.`, 503);
  }

  private fail(reason: string): void {
    if (this.brokenReason || this.isWarm) return;
    this.brokenReason = reason;
    this.markBroken(new Error(reason));
  }

  private spawn(): void {
    const worker = new Worker(this.options.entry);
    const slot: Slot = { worker, ready: false, retired: false };
    this.slots.add(slot);
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (e) => this.onExit(slot, `worker error: ${e.message}`));
    worker.on('exit', (code) => this.onExit(slot, `worker exited with code ${code}`));
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      this.markWarm();
      this.dispatch();
    } else if (reply.type === 'failed') {
      slot.retired = true;
      this.slots.delete(slot);
      void slot.worker.terminate();
      this.fail(reply.message);
    } else {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      if (reply.ok) this.settle(job, undefined, reply.value);
      else this.settle(job, new VisionError(reply.error.code as never, reply.error.message, reply.error.statusCode));
      this.dispatch();
    }
  }

  private onExit(slot: Slot, why: string): void {
    if (slot.retired || !this.slots.has(slot)) return;
    this.slots.delete(slot);
    const job = slot.job;
    if (job) this.settle(job, new VisionError('FailedToProcess', `The image could not be processed (${why}).`, 500));
    if (!slot.ready) this.fail(why);
    if (!this.closed && !this.brokenReason) this.spawn();
    this.dispatch();
  }

  private expire(job: Job): void {
    const slot = job.worker;
    if (slot && slot.job === job) {
      // The computation cannot be cancelled inside the thread: replace the thread.
      slot.retired = true;
      slot.job = undefined;
      this.slots.delete(slot);
      void slot.worker.terminate();
      if (!this.closed) this.spawn();
    }
    this.settle(job, new VisionError('Timeout', `The operation timed out: the image was not processed within ${this.options.timeoutMs} ms.`, 500));
  }

  private settle(job: Job, error?: Error, value?: unknown): void {
    clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(value);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.retired) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      job.worker = slot;
      job.timer = setTimeout(() => this.expire(job), this.options.timeoutMs);
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }
}
