// Where each model's files sit inside node_modules. Every model ships inside an
// npm package; nothing is fetched at run time.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageRoot = (entry: string) => join(dirname(require.resolve(entry)), '..');

export const MODEL_FILES = {
  /** tfjs wasm backend binaries (tfjs-backend-wasm.wasm, -simd, -threaded-simd). */
  tfjsWasmDir: dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/',
  /** face-api: SSD MobileNet v1 face detector and the age/gender network. */
  faceApiModelDir: join(packageRoot('@vladmandic/face-api'), 'model'),
  /** @vladmandic/human: MB3-CenterNet COCO object detector (centernet.json + centernet.bin). */
  centernetJson: join(packageRoot('@vladmandic/human'), 'models', 'centernet.json'),
  centernetBin: join(packageRoot('@vladmandic/human'), 'models', 'centernet.bin'),
  /** tesseract.js English LSTM model (gzip). */
  tesseractLangDir: join(dirname(require.resolve('@tesseract.js-data/eng')), '4.0.0_best_int'),
};
