// The worker pool: jobs run on worker threads, one at a time each; a job past its
// deadline answers 500 Timeout and its thread is replaced; failed warm-up is 503.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../src/vision/pool/worker-pool.ts';
import { VisionError } from '../../src/vision/vision-error.ts';

const slow = new URL('./support/slow-worker.mjs', import.meta.url);

describe('worker pool', () => {
  it('runs jobs on all workers at once and returns their results', async () => {
    const pool = new WorkerPool<{ wait: number }, { waited: number; start: number; end: number }>({ size: 2, entry: slow, timeoutMs: 10_000 });
    try {
      await pool.start();
      const [a, b] = await Promise.all([pool.run({ wait: 300 }), pool.run({ wait: 300 })]);
      assert.deepEqual([a.waited, b.waited], [300, 300]);
      assert.ok(a.start < b.end && b.start < a.end, 'the two jobs ran side by side on two threads');
    } finally {
      await pool.close();
    }
  });

  it('answers 500 Timeout past the deadline, replaces the stuck thread and keeps serving', async () => {
    const pool = new WorkerPool<{ wait: number }, { waited: number }>({ size: 1, entry: slow, timeoutMs: 500 });
    try {
      await assert.rejects(pool.run({ wait: 5000 }), (e: VisionError) => e.code === 'Timeout' && e.statusCode === 500);
      assert.equal((await pool.run({ wait: 10 })).waited, 10);
    } finally {
      await pool.close();
    }
  });

  it('passes a worker\'s VisionError through with its code and status', async () => {
    const pool = new WorkerPool<{ fail: boolean }, never>({ size: 1, entry: slow, timeoutMs: 1000 });
    try {
      await assert.rejects(pool.run({ fail: true }), (e: VisionError) => e instanceof VisionError && e.code === 'InvalidImageFormat' && e.statusCode === 400);
    } finally {
      await pool.close();
    }
  });

  it('answers 503 when the models cannot load', async () => {
    const pool = new WorkerPool({ size: 1, entry: new URL('./support/broken-worker.mjs', import.meta.url), timeoutMs: 1000 });
    try {
      await assert.rejects(pool.run({}), (e: VisionError) => e.statusCode === 503 && /no such file/.test(e.message));
    } finally {
      await pool.close();
    }
  });
});
