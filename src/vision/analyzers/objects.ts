// Objects: the MB3-CenterNet COCO detector that @vladmandic/human ships, loaded
// from disk into tfjs (Node's fetch cannot read file:// URLs), decoded into boxes,
// filtered by confidence and non-max suppression, and named with the v3.2 hierarchy.
import { readFile } from 'node:fs/promises';
import type * as tfjs from '@tensorflow/tfjs';
import type { DetectedObject, ObjectHierarchy } from '../types.ts';
import { MODEL_FILES } from '../models/model-files.ts';
import { tensorflow } from '../models/tfjs-wasm.ts';
import { COCO_CLASSES } from './object-taxonomy.ts';
import { suppressOverlaps, type ScoredBox } from './nms.ts';

/** The detector's input side. */
export const CENTERNET_INPUT = 512;
/** Below about 0.4 this detector starts reporting objects that are not there. */
export const OBJECT_MIN_CONFIDENCE = 0.4;
const IOU_LIMIT = 0.5;

export interface ObjectDetector {
  /** `rgb` is the image resized (without keeping the aspect) to 512x512. */
  detect(rgb: Uint8Array, originalWidth: number, originalHeight: number): Promise<DetectedObject[]>;
}

export function hierarchyOf(parents: readonly string[], confidence: number): ObjectHierarchy | undefined {
  if (parents.length === 0) return undefined;
  const [first, ...rest] = parents;
  const parent = hierarchyOf(rest, confidence);
  return parent ? { object: first, confidence, parent } : { object: first, confidence };
}

/** Rows of the detector's `tower_0/detections` output: x1, y1, x2, y2 (input pixels), score, class index. */
export function decodeDetections(rows: readonly number[][], originalWidth: number, originalHeight: number): DetectedObject[] {
  const candidates: ScoredBox[] = rows
    .filter((r) => r[4] >= OBJECT_MIN_CONFIDENCE && Number.isInteger(r[5]) && COCO_CLASSES[r[5]] !== undefined)
    .map((r) => ({ x1: r[0], y1: r[1], x2: r[2], y2: r[3], score: r[4], classIndex: r[5] }));
  const sx = originalWidth / CENTERNET_INPUT, sy = originalHeight / CENTERNET_INPUT;
  return suppressOverlaps(candidates, IOU_LIMIT).map((b) => {
    const cls = COCO_CLASSES[b.classIndex];
    const x = Math.max(0, Math.round(b.x1 * sx));
    const y = Math.max(0, Math.round(b.y1 * sy));
    const confidence = Math.round(b.score * 1000) / 1000;
    const object: DetectedObject = {
      rectangle: {
        x, y,
        w: Math.min(originalWidth, Math.round(b.x2 * sx)) - x,
        h: Math.min(originalHeight, Math.round(b.y2 * sy)) - y,
      },
      object: cls.name,
      confidence,
    };
    const parent = hierarchyOf(cls.parents, confidence);
    if (parent) object.parent = parent;
    return object;
  });
}

export async function loadObjectDetector(): Promise<ObjectDetector> {
  const tf = await tensorflow();
  const json = JSON.parse(await readFile(MODEL_FILES.centernetJson, 'utf8'));
  const bin = await readFile(MODEL_FILES.centernetBin);
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((m: { weights: unknown[] }) => m.weights),
    weightData,
  }));
  return {
    async detect(rgb, originalWidth, originalHeight) {
      const input = tf.tidy(() => tf.tensor4d(Float32Array.from(rgb), [1, CENTERNET_INPUT, CENTERNET_INPUT, 3]));
      const output = model.execute(input, ['tower_0/detections']) as tfjs.Tensor;
      try {
        const rows = ((await output.array()) as number[][][])[0];
        return decodeDetections(rows, originalWidth, originalHeight);
      } finally {
        input.dispose();
        output.dispose();
      }
    },
  };
}
