// VisionError → the platform's ApiError in the two error shapes of the contract:
// the v3.2 operations' {"error":{"code":"InvalidRequest","message","innererror":{"code","message"}}}
// and the Read API's {"error":{"code":"InvalidImageFormat","message"}}.
import { ApiError } from '../../http/errors.ts';
import { outerCodeFor, VisionError } from '../vision-error.ts';

export type ErrorFlavour = 'v3.2' | 'read';

export function toApiError(e: VisionError, flavour: ErrorFlavour, requestId: string): ApiError {
  if (flavour === 'read') return new ApiError(e.statusCode, e.code, e.message);
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
