// During a database outage every render of a public page fails the same way; logging each one
// (a ~1 KB stack trace) at 20 requests a second fills a disk in days. A failure log prints a
// subject's failure in full at most once a minute, and once a minute how many more there were.

export type FailureLog = {
  report: (subject: string, error: unknown) => void;
  /** Prints the counts not yet printed (the timer does it every minute). */
  flush: () => void;
  close: () => void;
};

export function createFailureLog(
  options: { intervalMs?: number; write?: (...parts: unknown[]) => void; now?: () => number } = {},
): FailureLog {
  const intervalMs = options.intervalMs ?? 60_000;
  const write = options.write ?? ((...parts: unknown[]) => console.error(...parts));
  const now = options.now ?? Date.now;
  // Subjects are a few fixed strings chosen by the code (never a URL), so this stays small.
  const subjects = new Map<string, { printedAt: number; more: number; since: number }>();

  const flush = () => {
    for (const [subject, state] of subjects) {
      if (state.more === 0) continue;
      write(`${subject}: ${state.more} more failure${state.more === 1 ? "" : "s"} since ${new Date(state.since).toISOString()}`);
      state.more = 0;
    }
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();

  return {
    report(subject, error) {
      const state = subjects.get(subject);
      if (state && (state.more > 0 || now() - state.printedAt < intervalMs)) {
        if (state.more === 0) state.since = now();
        state.more++;
        return;
      }
      subjects.set(subject, { printedAt: now(), more: 0, since: now() });
      write(`${subject}:`, error);
    },
    flush,
    close() {
      clearInterval(timer);
      flush();
    },
  };
}

/** The process's failure log, shared by the server's cache and render paths. */
export const failureLog: FailureLog = createFailureLog();
