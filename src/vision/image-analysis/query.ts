// Query parameters of Image Analysis 4.0 (imageanalysis-v4.0-2023-10-01.json),
// parsed into typed values or refused with Azure 4.0's inner codes.
import { ApiError } from '../../http/errors.ts';
import { VisionError } from '../vision-error.ts';
import * as q from '../http/query.ts';

export const IA4_API_VERSIONS = ['2023-10-01'] as const;
/** The model version 4.0 answers report (and the one a pinned `model-version` may name). */
export const IA4_MODEL_VERSION = '2023-10-01';

export const IA4_FEATURES = ['tags', 'caption', 'denseCaptions', 'objects', 'read', 'smartCrops', 'people'] as const;
export type Ia4Feature = (typeof IA4_FEATURES)[number];

/** Features whose output is words: Azure generates captions and object names in English only; tags here too (no translation model). */
const WORDED_FEATURES: readonly Ia4Feature[] = ['caption', 'denseCaptions', 'objects', 'tags'];

/** Azure's range for requested crop aspect ratios (width / height). */
export const MIN_CROP_ASPECT = 0.75;
export const MAX_CROP_ASPECT = 1.8;

function single(query: q.Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v.join(',') : v;
}

const csv = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function apiVersion(query: q.Query): string {
  const version = single(query, 'api-version');
  if (!version) throw new VisionError('InvalidArgument', `The api-version query parameter is required; supported: ${IA4_API_VERSIONS.join(', ')}.`);
  if (!(IA4_API_VERSIONS as readonly string[]).includes(version)) {
    throw new VisionError('UnsupportedApiVersion', `The api-version '${version}' is not supported by Image Analysis; supported: ${IA4_API_VERSIONS.join(', ')}.`);
  }
  return version;
}

/** A custom model (`model-name`): none can be trained here, so every name is unknown (Azure's 404 for a model it cannot find). */
export function refuseModelName(query: q.Query): void {
  const name = single(query, 'model-name');
  if (name === undefined) return;
  throw new ApiError(404, 'NotFound', `Custom model '${name}' was not found: this server has no custom Image Analysis models; use the features parameter.`);
}

/** features: comma-separated, case-insensitive, at least one. */
export function features(query: q.Query): Ia4Feature[] {
  const raw = csv(single(query, 'features'));
  if (raw.length === 0) throw new VisionError('InvalidArgument', "Either 'features' or 'model-name' needs to be specified in the query parameter.");
  return [...new Set(raw.map((name) => {
    const match = IA4_FEATURES.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!match) throw new VisionError('NotSupportedVisualFeature', `Specified feature type is not valid: features "${name}"; valid values are ${IA4_FEATURES.join(', ')}.`);
    return match;
  }))];
}

/** language: 'en' by default; the features that answer in words answer in English only. */
export function language(query: q.Query, wanted: readonly Ia4Feature[]): string {
  const value = single(query, 'language') ?? 'en';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value)) throw new VisionError('NotSupportedLanguage', `The input language is not supported: language "${value}" is not a language code.`);
  if (value.toLowerCase() === 'en') return 'en';
  const worded = wanted.filter((f) => WORDED_FEATURES.includes(f));
  if (worded.length > 0) {
    throw new VisionError('NotSupportedLanguage', `The input language is not supported: language "${value}" for ${worded.join(', ')}; this server generates ${worded.join(', ')} in English only (language=en).`);
  }
  return value;
}

export function genderNeutralCaption(query: q.Query): boolean {
  return q.booleanParam(query, 'gender-neutral-caption', false);
}

/** smartcrops-aspect-ratios: numbers from 0.75 to 1.8; none given → one crop of an aspect the server picks. */
export function aspectRatios(query: q.Query): number[] {
  return [...new Set(csv(single(query, 'smartcrops-aspect-ratios')).map((raw) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < MIN_CROP_ASPECT || n > MAX_CROP_ASPECT) {
      throw new VisionError('BadArgument', `'smartcrops-aspect-ratios' aspect ratio is not in allowed range [${MIN_CROP_ASPECT} to ${MAX_CROP_ASPECT}]: "${raw}".`);
    }
    return n;
  }))];
}

export function modelVersion(query: q.Query): string {
  return q.modelVersion(query, [IA4_MODEL_VERSION]);
}
