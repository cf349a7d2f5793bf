// The worker pool: jobs run on worker threads, one at a time each; a job past its
// deadline answers 500 Timeout and its thread is replaced; failed warm-up is 503.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../src/vision/pool/worker-pool.ts';
import { VisionError } from '../../src/vision/vision-error.ts';

const slow = new URL('./support/slow-worker.mjs', import.meta.url);

describe('worker pool', () => {
  it('runs jobs on all workers at once and returns their results', async () => {
    const pool = new WorkerPool<{ wait: number }, { waited: number }>({ size: 2, entry: slow, timeoutMs: 5000 });
    try {
      await pool.start();
      const t0 = Date.now();
      const results = await Promise.all([pool.run({ wait: 300 }), pool.run({ wait: 300 })]);
      assert.deepEqual(results, [{ waited: 300 }, { waited: 300 }]);
      assert.ok(Date.now() - t0 < 550, 'two workers ran side by side');
    } finally {
      await pool.close();
    }
  });

  it('answers 500 Timeout past the deadline, replaces the stuck thread and keeps serving', async () => {
    const pool = new WorkerPool<{ wait: number }, { waited: number }>({ size: 1, entry: slow, timeoutMs: 200 });
    try {
      await assert.rejects(pool.run({ wait: 2000 }), (e: VisionError) => e.code === 'Timeout' && e.statusCode === 500);
      assert.deepEqual(await pool.run({ wait: 10 }), { waited: 10 });
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
