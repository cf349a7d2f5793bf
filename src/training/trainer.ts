// Runs training jobs (an engine app in, a serialised model out) one at a time
// on a worker thread, for every service that trains (LUIS, CLU). A crashed thread fails
// its job and is replaced; jobs queued behind it carry on.
import { Worker } from 'node:worker_threads';
import type { LuisApp } from '../nlu/index.ts';
import type { TrainJob, TrainReply } from './messages.ts';

interface Pending {
  job: TrainJob;
  resolve: (reply: TrainReply) => void;
  onStart: () => void;
}

export class Trainer {
  private worker?: Worker;
  private queue: Pending[] = [];
  private running?: Pending;
  private nextId = 1;
  private closed = false;

  constructor(private entry: URL = new URL('./worker-entry.mjs', import.meta.url)) {}

  /** Queues a training; `onStart` runs when the thread takes it up. */
  train(app: LuisApp, seed: number, onStart: () => void = () => {}): Promise<TrainReply> {
    if (this.closed) return Promise.resolve({ id: 0, ok: false, reason: 'the server is shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, app, seed }, resolve, onStart });
      this.next();
    });
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry);
    worker.unref();
    worker.on('message', (reply: TrainReply) => {
      const running = this.running;
      if (!running || running.job.id !== reply.id) return;
      this.running = undefined;
      running.resolve(reply);
      this.next();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const running = this.running;
      this.running = undefined;
      running?.resolve({ id: running.job.id, ok: false, reason: `the training thread stopped (${why})` });
      if (!this.closed) this.next();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private next(): void {
    if (this.running || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.running = pending;
    pending.onStart();
    this.thread().postMessage(pending.job);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve({ id: p.job.id, ok: false, reason: 'the server is shutting down' });
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
