// Typed errors with the Azure body shape {"error":{"code","message"}}. Code
// anywhere below the HTTP layer throws these; the server renders them.

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra members of the error object (e.g. Computer Vision's innererror). */
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

export const badRequest = (message: string, code = 'BadArgument') => new ApiError(400, code, message);
export const unauthorized = (message: string, code = '401') => new ApiError(401, code, message);
export const forbidden = (message: string, code = '403') => new ApiError(403, code, message);
export const notFound = (message: string, code = 'NotFound') => new ApiError(404, code, message);
export const conflict = (message: string, code = 'Conflict') => new ApiError(409, code, message);
