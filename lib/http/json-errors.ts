import { asDatabaseError } from "../db/database-errors.ts";
import {
  ConflictError,
  DatabaseBusyError,
  ForbiddenError,
  InvalidError,
  MalformedRequestError,
  NotFoundError,
  OutcomeUnknownError,
  RateLimitedError,
  UnauthorizedError,
} from "../errors.ts";
import { failureLog } from "../log/failure-log.ts";

// The second (and last) mapping of the error vocabulary in lib/errors.ts: to a JSON response with
// a status code, for the API. The first is lib/forms/form-state.ts, for forms.

/** Seconds a client is asked to wait when the database is busy (a lock, every connection in use) or gone. */
export const BUSY_RETRY_AFTER_SECONDS = 2;
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 15;

const GENERIC_MESSAGE = "Something went wrong on the server and nothing was saved. Try again.";

/** `{"error": message, ...extra}` with `status`, never cached. */
export function jsonError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: message, ...extra }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * An error thrown anywhere below an API route, as the response the client gets: 400 malformed
 * body, 401, 403, 404, 409, 422 naming the fields, 429 and 503 with Retry-After, and a 500 saying a
 * write may have been saved when the server lost track of it. Anything else is a 500 with a generic
 * message; the error itself goes to the server's log (rate-limited), never
 * to the client.
 */
export function jsonErrorResponse(error: unknown): Response {
  if (error instanceof MalformedRequestError) return jsonError(400, error.message);
  // request.json() on a body that is not JSON.
  if (error instanceof SyntaxError) return jsonError(400, "The request body is not valid JSON.");
  if (error instanceof InvalidError) {
    const fields = error.fieldErrors;
    const named = Object.keys(fields);
    const message =
      named.length > 0 ? `${error.message} ${named.map((field) => `${field}: ${fields[field]}`).join("; ")}` : error.message;
    return jsonError(422, message, { fields });
  }
  if (error instanceof UnauthorizedError) {
    return jsonError(401, error.message, {}, { "www-authenticate": 'Bearer realm="upstate"' });
  }
  if (error instanceof ForbiddenError) return jsonError(403, error.message);
  if (error instanceof NotFoundError) return jsonError(404, error.message);
  if (error instanceof ConflictError) {
    return jsonError(409, error.message, error.currentVersion === undefined ? {} : { current_version: error.currentVersion });
  }
  if (error instanceof RateLimitedError) {
    return jsonError(429, error.message, {}, { "retry-after": String(error.retryAfterSeconds) });
  }
  const databaseError = asDatabaseError(error);
  if (databaseError) {
    const wait = databaseError instanceof DatabaseBusyError ? BUSY_RETRY_AFTER_SECONDS : UNAVAILABLE_RETRY_AFTER_SECONDS;
    return jsonError(503, databaseError.message, {}, { "retry-after": String(wait) });
  }
  // Not the generic message, which says that nothing was saved.
  if (error instanceof OutcomeUnknownError) return jsonError(500, error.message);
  failureLog.report("API request failed unexpectedly", error);
  return jsonError(500, GENERIC_MESSAGE);
}

/** Wraps a route handler so that whatever it throws becomes `jsonErrorResponse`. */
export function withJsonErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return jsonErrorResponse(error);
    }
  };
}
