// Some failures belong to one stored item (a row an old release wrote, which a page cannot show)
// and recur at every render of every page showing it: they are logged the first time only.

const reported = new Set<string>();

/** Logs `message` and the error the first time `key` is reported (of the last thousand keys). */
export function reportOnce(key: string, message: string, error?: unknown): void {
  if (reported.has(key)) return;
  if (reported.size >= 1000) reported.clear();
  reported.add(key);
  if (error === undefined) console.error(message);
  else console.error(message, error);
}
