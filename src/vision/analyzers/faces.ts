// Faces with age and gender: face-api's SSD MobileNet v1 detector and its
// age/gender network, running on the shared tfjs wasm runtime.
import { createRequire } from 'node:module';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import type * as tfjs from '@tensorflow/tfjs';
import type { DetectedFace } from '../types.ts';
import { MODEL_FILES } from '../models/model-files.ts';
import { tensorflow } from '../models/tfjs-wasm.ts';

const require = createRequire(import.meta.url);
/** Detections below this score are not faces often enough to report. */
export const FACE_MIN_CONFIDENCE = 0.5;
/** Azure reports at most 100 faces. */
const MAX_FACES = 100;

export interface FaceDetector {
  /** `rgb` is a decoded image of `width`x`height`; `scale` maps its coordinates back to the original image. */
  detect(rgb: Uint8Array, width: number, height: number, scale: number): Promise<DetectedFace[]>;
}

export async function loadFaceDetector(): Promise<FaceDetector> {
  const tf = await tensorflow();
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(MODEL_FILES.faceApiModelDir);
  await faceapi.nets.ageGenderNet.loadFromDisk(MODEL_FILES.faceApiModelDir);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: FACE_MIN_CONFIDENCE, maxResults: MAX_FACES });
  return {
    async detect(rgb, width, height, scale) {
      const input = tf.tensor3d(rgb, [height, width, 3], 'int32') as tfjs.Tensor3D;
      try {
        const found = await faceapi.detectAllFaces(input as never, options).withAgeAndGender();
        return found
          .map((f): DetectedFace => {
            const box = f.detection.box;
            const left = Math.max(0, Math.round(box.x * scale));
            const top = Math.max(0, Math.round(box.y * scale));
            return {
              age: Math.max(0, Math.round(f.age)),
              gender: f.gender === 'male' ? 'Male' : 'Female',
              faceRectangle: { left, top, width: Math.round(box.width * scale), height: Math.round(box.height * scale) },
              detectionScore: f.detection.score,
              genderProbability: f.genderProbability,
            };
          })
          // Largest faces first, as Azure orders them.
          .sort((a, b) => b.faceRectangle.width * b.faceRectangle.height - a.faceRectangle.width * a.faceRectangle.height);
      } finally {
        input.dispose();
      }
    },
  };
}
