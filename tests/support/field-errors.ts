import { InvalidError } from "../../lib/errors.ts";

/** The field errors `work` refuses its input with; the test fails when it accepts it or fails otherwise. */
export function fieldErrorsOf(work: () => unknown): Record<string, string> {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidError) return error.fieldErrors;
    throw error;
  }
  throw new Error("The input was accepted.");
}
