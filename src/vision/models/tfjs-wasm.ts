// One TensorFlow.js runtime per thread, on the WebAssembly backend with its binaries
// read from node_modules (the cpu backend is 10x slower; tfjs-node needs a download).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { MODEL_FILES } from './model-files.ts';

let ready: Promise<typeof tf> | undefined;

export function tensorflow(): Promise<typeof tf> {
  ready ??= (async () => {
    setWasmPaths(MODEL_FILES.tfjsWasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to start');
    await tf.ready();
    return tf;
  })();
  return ready;
}
