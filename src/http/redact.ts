/** The URL with any subscription key in its query string replaced, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]subscription-key=)[^&#]*/gi, '$1[redacted]');
}
