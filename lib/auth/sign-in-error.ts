import { asDatabaseError } from "../db/database-errors.ts";
import { DatabaseBusyError } from "../errors.ts";
import { DATABASE_BUSY_ERROR, DATABASE_UNAVAILABLE_ERROR, RATE_LIMITED_ERROR, SIGN_IN_FAILED_ERROR } from "./errors.ts";

/**
 * The error to let next-auth see when signing in failed. next-auth puts its message in the URL it
 * sends the browser to, so only one of our codes may be there: never Prisma's message, which
 * names the database server and port.
 */
export function signInError(error: unknown): Error {
  if (error instanceof Error && error.message === RATE_LIMITED_ERROR) return error;
  const databaseError = asDatabaseError(error);
  if (databaseError instanceof DatabaseBusyError) return new Error(DATABASE_BUSY_ERROR);
  if (databaseError) return new Error(DATABASE_UNAVAILABLE_ERROR);
  console.error("Unexpected error while signing in", error);
  return new Error(SIGN_IN_FAILED_ERROR);
}
