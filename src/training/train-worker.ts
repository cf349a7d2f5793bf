// The training thread: trains one app at a time and answers with the
// serialised model, so training never blocks the server's event loop.
import { parentPort } from 'node:worker_threads';
import { serializeModel, train } from '../nlu/index.ts';
import type { TrainJob, TrainReply } from './messages.ts';

parentPort!.on('message', (job: TrainJob) => {
  let reply: TrainReply;
  try {
    const model = serializeModel(train(job.app, { seed: job.seed }));
    reply = { id: job.id, ok: true, model, exampleCount: job.app.utterances.length };
  } catch (err) {
    reply = { id: job.id, ok: false, reason: (err as Error).message };
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.model.buffer as ArrayBuffer] : []);
});
