import { describe, expect, it } from "vitest";
import { createFailureLog } from "./failure-log.ts";

describe("createFailureLog", () => {
  it("prints a failure once, then how many more there were, at most once a minute", () => {
    let now = 0;
    const lines: unknown[][] = [];
    const log = createFailureLog({ now: () => now, write: (...parts) => lines.push(parts) });
    const error = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    // An outage: 20 failing requests a second for two minutes.
    for (let i = 0; i < 2_400; i++) {
      now = i * 50;
      log.report("render", error);
      if (now % 60_000 === 0 && now > 0) log.flush();
    }
    log.close();
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines[0]).toEqual(["render:", error]);
    const counted = lines
      .map((parts) => /(\d+) more failures?/.exec(String(parts[0]))?.[1])
      .filter(Boolean)
      .reduce((sum, n) => sum + Number(n), 0);
    const printed = lines.filter((parts) => parts[1] === error).length;
    expect(counted + printed).toBe(2_400);
    // The same failure all along: its stack is printed once, not once a minute.
    expect(printed).toBe(1);
  });

  it("prints in full again when the failure changes (at most once a minute) or comes back after a quiet minute", () => {
    let now = 0;
    const lines: unknown[][] = [];
    const log = createFailureLog({ now: () => now, write: (...parts) => lines.push(parts) });
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    const busy = new Error("canceling statement due to lock timeout");
    log.report("scheduler", refused);
    now = 15_000;
    log.report("scheduler", busy); // different, but within the minute: counted
    now = 75_000;
    log.report("scheduler", busy); // different from the one printed, a minute on: printed
    now = 90_000;
    log.report("scheduler", busy);
    now = 300_000;
    log.report("scheduler", busy); // after a quiet spell: printed
    log.close();
    expect(lines.map((parts) => (parts[1] instanceof Error ? parts[1].message : String(parts[0])))).toEqual([
      refused.message,
      "scheduler: 1 more failure since 1970-01-01T00:00:15.000Z",
      busy.message,
      "scheduler: 1 more failure since 1970-01-01T00:01:30.000Z",
      busy.message,
    ]);
  });

  it("keeps subjects apart", () => {
    const lines: unknown[][] = [];
    const log = createFailureLog({ write: (...parts) => lines.push(parts) });
    log.report("a", "x");
    log.report("b", "y");
    log.close();
    expect(lines).toEqual([
      ["a:", "x"],
      ["b:", "y"],
    ]);
  });
});
