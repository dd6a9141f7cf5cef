import { InvalidError } from "../errors.ts";

// The lib/ writes name a refused field by their own input's name (`message`, `displayAt`); an API
// client sent `incident[body]`, `incident[created_at]`. This renames them on the way out, so a 422
// names the field the client actually sent.

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Runs a lib/ write; an InvalidError it throws comes out with its fields named `<prefix>.<wire name>`:
 * `renames` maps a lib name to its wire name, any other is written in snake_case.
 */
export async function inWireTerms<T>(prefix: string, renames: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidError)) throw error;
    const fieldErrors: Record<string, string> = {};
    for (const [key, message] of Object.entries(error.fieldErrors)) {
      const [head = "", ...rest] = key.split(".");
      const wire = head === "form" ? prefix : `${prefix}.${[renames[head] ?? snake(head), ...rest].join(".")}`;
      fieldErrors[wire] ??= message;
    }
    throw new InvalidError(error.message, fieldErrors);
  }
}

/** A refusal of one wire field, before any write. */
export function invalidField(field: string, message: string): InvalidError {
  return new InvalidError(message, { [field]: message });
}
