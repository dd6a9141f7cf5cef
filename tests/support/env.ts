/**
 * Puts `process.env` back as `saved` (a copy taken with `{ ...process.env }`), in place: the unit
 * test files share a process (vitest.config.ts), so replacing the object or leaving a variable
 * set would reach the next file. Assigning `undefined` to a variable would store "undefined".
 */
export function restoreEnv(saved: Record<string, string | undefined>): void {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
