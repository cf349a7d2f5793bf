// The failures a Computer Vision call can meet, named with the inner error codes of
// the v3.2 contract (ComputerVisionInnerError). The HTTP layer turns them into
// Azure's error body; engines and intake stay free of HTTP.

export type VisionErrorCode =
  | 'InvalidImageFormat' | 'UnsupportedMediaType' | 'InvalidImageUrl' | 'NotSupportedFeature'
  | 'NotSupportedImage' | 'Timeout' | 'InternalServerError' | 'InvalidImageSize' | 'BadArgument'
  | 'NotSupportedLanguage' | 'InvalidThumbnailSize' | 'InvalidDetails' | 'InvalidModel'
  | 'NotSupportedVisualFeature' | 'FailedToProcess' | 'InvalidPageRange' | 'FailedToDownloadImage'
  | 'UnsupportedImageFormat' | 'InvalidImageDimension' | 'ServiceUnavailable' | 'InvalidArgument' | 'UnsupportedApiVersion';

export class VisionError extends Error {
  constructor(
    readonly code: VisionErrorCode,
    message: string,
    readonly statusCode: number = 400,
  ) {
    super(message);
    this.name = 'VisionError';
  }
}

/** The outer `error.code` of a v3.2 error body, which groups the inner codes by status. */
export function outerCodeFor(statusCode: number): 'InvalidRequest' | 'InternalServerError' | 'ServiceUnavailable' {
  if (statusCode === 503) return 'ServiceUnavailable';
  if (statusCode >= 500) return 'InternalServerError';
  return 'InvalidRequest';
}
