/** Errors the HTTP API answers with: `{error, message, details?}` and the right status. */
import type { ErrorDetail } from '../core/protocol.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** The values the page puts into its own sentence for `error.<code>` (e.g. a session's title). */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not-found', `${what} not found.`);
export const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'A valid facilitator key is needed: send it as "Authorization: Bearer <key>".');
