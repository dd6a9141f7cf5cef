import { asDatabaseError } from "../db/database-errors.ts";
import { ConflictError, ForbiddenError, InvalidError, isDomainError } from "../errors.ts";

/**
 * What a server action returns to its form. `values` are what was submitted, so the form shows
 * them again after an error: nobody loses what they typed. `seq` changes with every answer, so
 * the form re-mounts with those values.
 */
export type FormState = {
  status: "idle" | "error" | "saved";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  seq: number;
};

export const IDLE: FormState = { status: "idle", seq: 0 };

/** The submitted text fields, for showing them again (files and React's own fields left out). */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

export function saved(message: string): FormState {
  return { status: "saved", message, seq: Date.now() };
}

/**
 * Where a domain error becomes what a form shows. Domain errors are mapped in one place per kind of
 * caller: here for server actions, and in one JSON mapper of its own for an API that writes.
 */
export function toFormState(error: unknown, values: Record<string, string>): FormState {
  const seq = Date.now();
  // A database busy or gone is said in plain words (never Prisma's message, which names the
  // server), whether a write or a read before it met it.
  const databaseError = asDatabaseError(error);
  if (databaseError) return { status: "error", message: databaseError.message, values, seq };
  if (!isDomainError(error)) {
    console.error("Unexpected error in a server action", error);
    return { status: "error", message: "Something went wrong on the server and nothing was saved. Try again.", values, seq };
  }
  if (error instanceof InvalidError)
    return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values, seq };
  if (error instanceof ConflictError && error.currentVersion !== undefined) {
    // Saving again is now a deliberate choice to replace what the other person wrote.
    return { status: "error", message: error.message, values: { ...values, version: String(error.currentVersion) }, seq };
  }
  if (error instanceof ForbiddenError) return { status: "error", message: error.message, values, seq };
  return { status: "error", message: error.message, values, seq };
}
