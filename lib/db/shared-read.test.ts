import { describe, expect, it } from "vitest";
import { sharedRead } from "./shared-read.ts";

// A deferred read: resolved by the test, counting the loads started.
function reader() {
  const started: ((value: number) => void)[] = [];
  const load = () => new Promise<number>((resolve) => started.push(resolve));
  return { started, load };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("a shared read", () => {
  it("shares one load among those who ask while none is under way, then the next among those who ask during it", async () => {
    const owner = {};
    const { started, load } = reader();
    const first = sharedRead(owner, "q", load);
    expect(started).toHaveLength(1);
    // Asked while the first load runs: it may have begun before these askers' writes, so they
    // wait for the next load, which they share.
    const second = sharedRead(owner, "q", load);
    const third = sharedRead(owner, "q", load);
    expect(started).toHaveLength(1);
    started[0]!(1);
    expect(await first).toBe(1);
    await tick();
    expect(started).toHaveLength(2);
    started[1]!(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it("never gives an asker a load that began before they asked", async () => {
    const owner = {};
    const { started, load } = reader();
    const answers: number[] = [];
    void sharedRead(owner, "q", load).then((value) => answers.push(value));
    // The asker comes after the first load started: it must not get that load's 1.
    const late = sharedRead(owner, "q", load);
    started[0]!(1);
    await tick();
    started[1]!(2);
    expect(await late).toBe(2);
    expect(answers).toEqual([1]);
  });

  it("gives the read under way to an asker who joins a running read, and the next to the others", async () => {
    const owner = {};
    const { started, load } = reader();
    const first = sharedRead(owner, "q", load);
    const joined = sharedRead(owner, "q", load, { joinRunning: true });
    const waiting = sharedRead(owner, "q", load);
    started[0]!(1);
    expect(await first).toBe(1);
    expect(await joined).toBe(1);
    await tick();
    expect(started).toHaveLength(2);
    started[1]!(2);
    expect(await waiting).toBe(2);
    // With none under way, a joining asker starts one.
    const alone = sharedRead(owner, "q", load, { joinRunning: true });
    expect(started).toHaveLength(3);
    started[2]!(3);
    expect(await alone).toBe(3);
  });

  it("keeps questions and owners apart, and starts afresh after a failed load", async () => {
    const owner = {};
    const { started, load } = reader();
    void sharedRead(owner, "a", load);
    void sharedRead(owner, "b", load);
    void sharedRead({}, "a", load);
    expect(started).toHaveLength(3);

    const failing = sharedRead(owner, "c", () => Promise.reject(new Error("gone")));
    const after = sharedRead(owner, "c", async () => 7);
    await expect(failing).rejects.toThrow("gone");
    expect(await after).toBe(7);
    expect(await sharedRead(owner, "c", async () => 8)).toBe(8);
  });
});
