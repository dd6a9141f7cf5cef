import type { z } from "zod";

// The one error vocabulary of domain functions. It is mapped in exactly two places: to form state
// for server actions (lib/forms/form-state.ts), and to a JSON body with a status code for the API
// (lib/http/json-errors.ts). Any other error is unexpected and its message never reaches a browser.

export type FieldErrors = Record<string, string>;

export class NotFoundError extends Error {
  readonly kind = "not_found";
}

/** Not signed in (`signedOut`), disabled, or signed in without the role the action needs. */
export class ForbiddenError extends Error {
  readonly kind = "forbidden";
  constructor(
    message: string,
    readonly signedOut = false,
  ) {
    super(message);
  }
}

/** No credentials, or an API key that is wrong or revoked (HTTP 401). */
export class UnauthorizedError extends Error {
  readonly kind = "unauthorized";
}

/** A request whose body cannot be read at all (not JSON, not a form, wrong shape at the top): HTTP 400. */
export class MalformedRequestError extends Error {
  readonly kind = "malformed";
}

/** Too many requests for one API key: try again after `retryAfterSeconds` (HTTP 429). */
export class RateLimitedError extends Error {
  readonly kind = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Someone else saved first: `message` says what changed; nothing was written. */
export class ConflictError extends Error {
  readonly kind = "conflict";
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

/** The input is wrong: `fieldErrors` says which field and why. */
export class InvalidError extends Error {
  readonly kind = "invalid";
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** PostgreSQL cannot be reached (down, refusing us, or gone mid-request): nothing was written. */
export class DatabaseUnavailableError extends Error {
  readonly kind = "database_unavailable";
  constructor(
    message = "The database cannot be reached; nothing was saved. Try again in a moment, or tell whoever runs Upstate.",
  ) {
    super(message);
  }
}

/** PostgreSQL did not answer in time (a lock held by another change, or every connection in use): nothing was written. */
export class DatabaseBusyError extends Error {
  readonly kind = "database_busy";
  constructor(message = "The database is busy (another change is holding a lock); nothing was saved. Try again in a moment.") {
    super(message);
  }
}

/**
 * The server's side of a write stopped before it could say how the write ended (the status write
 * worker's thread died with writes in flight): it may or may not have been saved.
 */
export class OutcomeUnknownError extends Error {
  readonly kind = "outcome_unknown";
  constructor(
    message = "The server stopped while saving this change, so it may or may not have been saved. Read it back before trying again.",
  ) {
    super(message);
  }
}

export type DomainError = NotFoundError | ForbiddenError | ConflictError | InvalidError;

export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof NotFoundError ||
    error instanceof ForbiddenError ||
    error instanceof ConflictError ||
    error instanceof InvalidError
  );
}

/**
 * Parses with a zod schema, turning its issues into an InvalidError keyed by field path, or by
 * what `fieldOf` names for a path (a form's decoder names the form's fields: lib/forms/decode-form.ts).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fieldOf: (path: readonly PropertyKey[]) => string = (path) => path.join(".") || "form",
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = fieldOf(issue.path);
    fieldErrors[key] ??= issue.message;
  }
  throw new InvalidError("Some fields need attention.", fieldErrors);
}
