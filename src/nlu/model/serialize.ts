// Binary model files: "PNLU", format version (u32 LE), metadata length (u32),
// metadata JSON (UTF-8), then 4-byte aligned typed arrays in the order the
// metadata lists them. A file of another format version is refused, never
// guessed at: the fix is to retrain from the stored app.
import { ModelFormatError } from '../errors.ts';
import type { IntentFeatureOptions } from '../intent/features.ts';
import { MODEL_FORMAT_VERSION, type Model } from './types.ts';

const MAGIC = [0x50, 0x4e, 0x4c, 0x55]; // "PNLU"

type ArrayKind = 'u32' | 'f32';
interface ArrayEntry { kind: ArrayKind; length: number }

const align4 = (n: number) => (n + 3) & ~3;

export function serializeModel(model: Model): Uint8Array {
  const arrays: Array<Uint32Array | Float32Array> = [
    ...model.intent.members.flatMap((m) => [m.keys, m.weights, m.bias]), model.knownWords,
    model.gazetteer.keys, model.gazetteer.labelIds,
    ...model.layers.flatMap((l) => [l.keys, l.rowStart, l.emissionTags, l.emission, l.transition]),
  ];
  const meta = {
    culture: model.culture, seed: model.seed, app: model.app, intents: model.intents,
    intentFeatures: model.intent.members.map((m) => m.features), intentTemperature: model.intent.temperature,
    gazetteerLabels: model.gazetteer.labels,
    layers: model.layers.map((l) => l.labels),
    arrays: arrays.map((a): ArrayEntry => ({ kind: a instanceof Uint32Array ? 'u32' : 'f32', length: a.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(meta));
  let size = align4(12 + json.length);
  for (const a of arrays) size += a.byteLength;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, MODEL_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let offset = align4(12 + json.length);
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return out;
}

/** The format version a model file was written in (from its header), or undefined when it is not a model file. */
export function modelFormatVersion(bytes: Uint8Array): number | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

/** Whether this engine reads the model file's format (an older one is refused by loadModel; retrain). */
export function isCurrentModelFormat(bytes: Uint8Array): boolean {
  return modelFormatVersion(bytes) === MODEL_FORMAT_VERSION;
}

export function loadModel(bytes: Uint8Array): Model {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ModelFormatError('not a Portico NLU model (the file does not start with "PNLU")');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(`model format version ${version} cannot be read by this engine (it reads version ${MODEL_FORMAT_VERSION}); retrain the app to get a current model`);
  }
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw new ModelFormatError('model file is truncated (metadata)');
  let meta;
  try { meta = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))); } catch { throw new ModelFormatError('model metadata is not valid JSON'); }
  let offset = align4(12 + jsonLength);
  const arrays = (meta.arrays as ArrayEntry[]).map(({ kind, length }) => {
    const byteLength = length * 4;
    if (offset + byteLength > bytes.length) throw new ModelFormatError('model file is truncated (arrays)');
    // copy: the caller's bytes may not be 4-byte aligned, and the model must not alias them
    const buf = bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + byteLength);
    offset += byteLength;
    return kind === 'u32' ? new Uint32Array(buf) : new Float32Array(buf);
  });
  if (offset !== bytes.length) throw new ModelFormatError('model file has trailing bytes');
  const memberFeatures = meta.intentFeatures as IntentFeatureOptions[];
  const members = memberFeatures.map((features, i) => ({
    features, keys: arrays[3 * i] as Uint32Array, weights: arrays[3 * i + 1] as Float32Array, bias: arrays[3 * i + 2] as Float32Array,
  }));
  const [knownWords, gazetteerKeys, gazetteerLabelIds, ...rest] = arrays.slice(3 * members.length);
  return {
    formatVersion: version,
    culture: meta.culture,
    seed: meta.seed,
    app: meta.app,
    intents: meta.intents,
    intent: { members, temperature: meta.intentTemperature },
    knownWords: knownWords as Uint32Array,
    gazetteer: { labels: meta.gazetteerLabels, keys: gazetteerKeys as Uint32Array, labelIds: gazetteerLabelIds as Uint32Array },
    layers: (meta.layers as string[][]).map((labels, i) => ({
      labels, keys: rest[5 * i] as Uint32Array, rowStart: rest[5 * i + 1] as Uint32Array, emissionTags: rest[5 * i + 2] as Uint32Array,
      emission: rest[5 * i + 3] as Float32Array, transition: rest[5 * i + 4] as Float32Array,
    })),
  };
}
