// VisionError → the platform's ApiError in the error shapes of the contracts:
// the v3.2 operations' {"error":{"code":"InvalidRequest","message","innererror":{"code","message"}}},
// the Read API's {"error":{"code":"InvalidImageFormat","message"}}, and Image
// Analysis 4.0's Azure.Core error, where the outer message is Azure's summary
// ("Analyze query is invalid.") and the inner error names the cause.
import { ApiError } from '../../http/errors.ts';
import { outerCodeFor, VisionError, type VisionErrorCode } from '../vision-error.ts';

export type ErrorFlavour = 'v3.2' | 'read' | 'v4.0';

/** Azure 4.0's outer messages for the inner codes it documents; other codes repeat the inner message. */
const V4_OUTER_MESSAGE: Partial<Record<VisionErrorCode, string>> = {
  InvalidImageFormat: 'Image format is not valid.',
  InvalidImageUrl: 'Image URL is badly formatted or not accessible.',
  NotSupportedVisualFeature: 'Analyze query is invalid.',
  NotSupportedLanguage: 'Analyze query is invalid.',
  BadArgument: 'Analyze query is invalid.',
  InvalidImageSize: 'The image dimension is not allowed to be smaller than 50 and larger than 16000.',
};

/** 4.0 answers these without an inner error (Azure's documented 400s). */
const V4_WITHOUT_INNER: readonly VisionErrorCode[] = ['UnsupportedMediaType', 'InvalidArgument', 'UnsupportedApiVersion'];

function v4Error(e: VisionError): ApiError {
  const status = e.code === 'UnsupportedMediaType' ? 400 : e.statusCode;
  const outer = outerCodeFor(status);
  if (V4_WITHOUT_INNER.includes(e.code)) return new ApiError(status, outer, e.message, {}, { 'x-ms-error-code': outer });
  return new ApiError(status, outer, V4_OUTER_MESSAGE[e.code] ?? e.message, { innererror: { code: e.code, message: e.message } }, { 'x-ms-error-code': e.code });
}

export function toApiError(e: VisionError, flavour: ErrorFlavour, requestId: string): ApiError {
  if (flavour === 'read') return new ApiError(e.statusCode, e.code, e.message);
  if (flavour === 'v4.0') return v4Error(e);
  return new ApiError(e.statusCode, outerCodeFor(e.statusCode), e.message, {
    innererror: { code: e.code, message: e.message },
    requestId,
  });
}

/** Runs a handler and speaks Azure's error shape for any VisionError it throws. */
export async function speakingAzureErrors<T>(flavour: ErrorFlavour, requestId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof VisionError) throw toApiError(e, flavour, requestId);
    throw e;
  }
}
