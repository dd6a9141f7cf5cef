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

/**
 * An API answer before it is a Response: its status, its own headers, and the value sent as JSON
 * (none for a 204). The server in front of Next sends it as it is (lib/server/api-handler.ts), so
 * a write is never turned into a fetch Response and read back; Next's routes wrap it (toResponse).
 */
export type JsonAnswer = { status: number; headers: Record<string, string>; json?: unknown };

/** `{"error": message, ...extra}` with `status`, never cached. */
export function jsonErrorAnswer(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): JsonAnswer {
  return { status, headers: { "cache-control": "no-store", ...headers }, json: { error: message, ...extra } };
}

/** A JsonAnswer as a fetch Response (for Next's route handlers). */
export function toResponse(answer: JsonAnswer): Response {
  if (answer.json === undefined) return new Response(null, { status: answer.status, headers: answer.headers });
  return Response.json(answer.json, { status: answer.status, headers: answer.headers });
}

/**
 * An error thrown anywhere below an API route, as the answer the client gets: 400 malformed
 * body, 401, 403, 404, 409, 422 naming the fields, 429 and 503 with Retry-After, and a 500 saying a
 * write may have been saved when the server lost track of it. Anything else is a 500 with a generic
 * message; the error itself goes to the server's log (rate-limited), never
 * to the client.
 */
export function errorAnswer(error: unknown): JsonAnswer {
  if (error instanceof MalformedRequestError) return jsonErrorAnswer(400, error.message);
  // request.json() on a body that is not JSON.
  if (error instanceof SyntaxError) return jsonErrorAnswer(400, "The request body is not valid JSON.");
  if (error instanceof InvalidError) {
    const fields = error.fieldErrors;
    const named = Object.keys(fields);
    const message =
      named.length > 0 ? `${error.message} ${named.map((field) => `${field}: ${fields[field]}`).join("; ")}` : error.message;
    return jsonErrorAnswer(422, message, { fields });
  }
  if (error instanceof UnauthorizedError) {
    return jsonErrorAnswer(401, error.message, {}, { "www-authenticate": 'Bearer realm="upstate"' });
  }
  if (error instanceof ForbiddenError) return jsonErrorAnswer(403, error.message);
  if (error instanceof NotFoundError) return jsonErrorAnswer(404, error.message);
  if (error instanceof ConflictError) {
    return jsonErrorAnswer(
      409,
      error.message,
      error.currentVersion === undefined ? {} : { current_version: error.currentVersion },
    );
  }
  if (error instanceof RateLimitedError) {
    return jsonErrorAnswer(429, error.message, {}, { "retry-after": String(error.retryAfterSeconds) });
  }
  const databaseError = asDatabaseError(error);
  if (databaseError) {
    const wait = databaseError instanceof DatabaseBusyError ? BUSY_RETRY_AFTER_SECONDS : UNAVAILABLE_RETRY_AFTER_SECONDS;
    return jsonErrorAnswer(503, databaseError.message, {}, { "retry-after": String(wait) });
  }
  // Not the generic message, which says that nothing was saved.
  if (error instanceof OutcomeUnknownError) return jsonErrorAnswer(500, error.message);
  failureLog.report("API request failed unexpectedly", error);
  return jsonErrorAnswer(500, GENERIC_MESSAGE);
}

/** errorAnswer as a Response. */
export function jsonErrorResponse(error: unknown): Response {
  return toResponse(errorAnswer(error));
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
