// During a database outage every render of a public page fails the same way; logging each one
// (a ~1 KB stack trace) at 20 requests a second fills a disk in days. A failure log prints a
// subject's failure in full once, and once a minute how many more there were; in full again only
// when it fails differently (at most once a minute) or fails anew after a quiet minute.

export type FailureLog = {
  report: (subject: string, error: unknown) => void;
  /** Prints the counts not yet printed (the timer does it every minute). */
  flush: () => void;
  close: () => void;
};

/** What tells one failure from another: the error's first line. */
function summarize(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n", 1)[0]!.slice(0, 500);
}

export function createFailureLog(
  options: { intervalMs?: number; write?: (...parts: unknown[]) => void; now?: () => number } = {},
): FailureLog {
  const intervalMs = options.intervalMs ?? 60_000;
  const write = options.write ?? ((...parts: unknown[]) => console.error(...parts));
  const now = options.now ?? Date.now;
  // Subjects are a few fixed strings chosen by the code (never a URL), so this stays small.
  const subjects = new Map<string, State>();

  type State = { printedAt: number; printed: string; failedAt: number; more: number; since: number };
  const flushOne = (subject: string, state: State) => {
    if (state.more === 0) return;
    write(`${subject}: ${state.more} more failure${state.more === 1 ? "" : "s"} since ${new Date(state.since).toISOString()}`);
    state.more = 0;
  };
  const flush = () => {
    for (const [subject, state] of subjects) flushOne(subject, state);
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();

  return {
    report(subject, error) {
      const state = subjects.get(subject);
      const summary = summarize(error);
      const at = now();
      if (state && at - state.failedAt < intervalMs && (state.printed === summary || at - state.printedAt < intervalMs)) {
        if (state.more === 0) state.since = at;
        state.more++;
        state.failedAt = at;
        return;
      }
      if (state) flushOne(subject, state);
      subjects.set(subject, { printedAt: at, printed: summary, failedAt: at, more: 0, since: at });
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
