// A pool worker for the pool tests: ready at once; answers {wait: ms} after
// blocking its thread that long, and {fail: true} with an error.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, request }) => {
  if (request.fail) {
    parentPort.postMessage({ type: 'result', id, ok: false, error: { code: 'InvalidImageFormat', message: 'bad', statusCode: 400 } });
    return;
  }
  const start = Date.now();
  const until = start + request.wait;
  while (Date.now() < until) { /* busy, as a model on a huge image would be */ }
  parentPort.postMessage({ type: 'result', id, ok: true, value: { waited: request.wait, start, end: Date.now() } });
});
parentPort.postMessage({ type: 'ready' });
