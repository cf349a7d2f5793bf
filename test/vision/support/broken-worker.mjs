// A pool worker whose models fail to load.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ type: 'failed', message: 'loading the models failed: no such file' });
