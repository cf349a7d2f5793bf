// What the server and the training thread say to each other.
import type { LuisApp } from '../nlu/index.ts';

export interface TrainJob {
  id: number;
  app: LuisApp;
  seed: number;
}

export type TrainReply =
  | { id: number; ok: true; model: Uint8Array; exampleCount: number }
  | { id: number; ok: false; reason: string };
