// Query parameters of the v3.2 operations, parsed into typed values or refused
// with the contract's inner error code and a message naming the parameter.
import { VISUAL_FEATURES, type VisualFeature } from '../types.ts';
import { VisionError } from '../vision-error.ts';
import { MAX_THUMBNAIL_SIDE_PX } from '../image/limits.ts';

export type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function csv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** visualFeatures: comma-separated, case-insensitive; Azure's default is Categories. */
export function visualFeatures(query: Query): VisualFeature[] {
  const raw = csv(single(query, 'visualFeatures'));
  if (raw.length === 0) return ['Categories'];
  return [...new Set(raw.map((name) => {
    const match = VISUAL_FEATURES.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!match) throw new VisionError('NotSupportedVisualFeature', `Specified feature type is not valid: visualFeatures "${name}"; valid values are ${VISUAL_FEATURES.join(', ')}.`);
    return match;
  }))];
}

/** details: Celebrities and Landmarks are accepted; no offline model backs them, so they add nothing. */
export function details(query: Query): string[] {
  return csv(single(query, 'details')).map((name) => {
    const match = ['Celebrities', 'Landmarks'].find((d) => d.toLowerCase() === name.toLowerCase());
    if (!match) throw new VisionError('InvalidDetails', `details "${name}" is not valid; valid values are Celebrities, Landmarks.`);
    return match;
  });
}

export function descriptionExclude(query: Query): void {
  for (const name of csv(single(query, 'descriptionExclude'))) {
    if (!['celebrities', 'landmarks'].includes(name.toLowerCase())) {
      throw new VisionError('BadArgument', `descriptionExclude "${name}" is not valid; valid values are Celebrities, Landmarks.`);
    }
  }
}

/** language of generated text: the spec allows en, es, ja, pt, zh; only English is generated here. */
export function serviceLanguage(query: Query): 'en' {
  const language = single(query, 'language') ?? 'en';
  if (language === 'en') return 'en';
  const known = ['es', 'ja', 'pt', 'zh'].includes(language);
  throw new VisionError('NotSupportedLanguage', known
    ? `language "${language}" is not supported by this server: tags and captions are generated in English only (language=en).`
    : `language "${language}" is not valid; this server supports en.`);
}

export function modelVersion(query: Query, accepted: readonly string[]): string {
  const value = single(query, 'model-version') ?? 'latest';
  if (!/^(latest|\d{4}-\d{2}-\d{2})(-preview)?$/.test(value)) {
    throw new VisionError('BadArgument', `model-version "${value}" is not valid; use "latest" or a date like ${accepted[0]}.`);
  }
  if (value !== 'latest' && !accepted.includes(value)) {
    throw new VisionError('BadArgument', `model-version "${value}" is not available; available: latest, ${accepted.join(', ')}.`);
  }
  return value;
}

function integer(query: Query, name: string, code: 'BadArgument' | 'InvalidThumbnailSize', min: number, max: number, fallback?: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new VisionError(code, `${name} is required (an integer from ${min} to ${max}).`);
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new VisionError(code, `${name} "${raw}" is not valid: it must be an integer from ${min} to ${max}.`);
  return n;
}

export function maxCandidates(query: Query): number {
  return integer(query, 'maxCandidates', 'BadArgument', 1, 10, 1);
}

export function thumbnailSize(query: Query): { width: number; height: number } {
  return {
    width: integer(query, 'width', 'InvalidThumbnailSize', 1, MAX_THUMBNAIL_SIDE_PX),
    height: integer(query, 'height', 'InvalidThumbnailSize', 1, MAX_THUMBNAIL_SIDE_PX),
  };
}

export function booleanParam(query: Query, name: string, fallback: boolean): boolean {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw new VisionError('BadArgument', `${name} "${raw}" is not valid: use true or false.`);
}

const OCR_LANGUAGES = ['unk', 'zh-Hans', 'zh-Hant', 'cs', 'da', 'nl', 'en', 'fi', 'fr', 'de', 'el', 'hu', 'it', 'ja', 'ko', 'nb', 'pl', 'pt', 'ru', 'es', 'sv', 'tr', 'ar', 'ro', 'sr-Cyrl', 'sr-Latn', 'sk'];

/** OCR language: unk (detect) or en; the other contract languages have no model on this server. */
export function ocrLanguage(query: Query): 'unk' | 'en' {
  const language = single(query, 'language') ?? 'unk';
  if (language === 'unk' || language === 'en') return language;
  throw new VisionError('NotSupportedLanguage', OCR_LANGUAGES.includes(language)
    ? `language "${language}" is not supported by this server: only English text models are installed (use en or unk).`
    : `language "${language}" is not valid; this server supports unk and en.`);
}

/** Read language: optional; only English is installed. */
export function readLanguage(query: Query): 'en' | undefined {
  const language = single(query, 'language');
  if (language === undefined || language === '' || language === 'en') return language ? 'en' : undefined;
  throw new VisionError('NotSupportedLanguage', `language "${language}" is not supported by this server: only English text models are installed (use en, or leave language out).`);
}

/** pages: "1", "2-4", "1,3-5"; every page must exist in the document. */
export function pages(query: Query, pageCount: number): number[] {
  const raw = csv(single(query, 'pages'));
  if (raw.length === 0) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const out = new Set<number>();
  for (const part of raw) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = m ? Number(m[1]) : NaN, to = m?.[2] ? Number(m[2]) : from;
    if (!m || from < 1 || to < from || to > pageCount) {
      throw new VisionError('InvalidPageRange', `pages "${part}" is not a valid page or range for a document of ${pageCount} page${pageCount === 1 ? '' : 's'}.`);
    }
    for (let p = from; p <= to; p++) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}
