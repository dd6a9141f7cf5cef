import { describe, expect, it } from "vitest";
import { RenderQueue } from "./render-queue.ts";

describe("RenderQueue", () => {
  it("runs a few at a time: re-renders after a change first, then visitors, then background work", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 10 });
    const order: string[] = [];
    let release!: () => void;
    const blocker = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const done = [
      queue.run(async () => order.push("background"), "background"),
      queue.run(async () => order.push("visitor"), "urgent"),
      queue.run(async () => order.push("change"), "change"),
    ];
    expect(queue.size).toBe(4);
    release();
    await Promise.all([blocker, ...done]);
    expect(order).toEqual(["change", "visitor", "background"]);
    expect(queue.size).toBe(0);
  });

  it("is full once every slot is busy and the waiting line is at its bound", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 1 });
    let release!: () => void;
    const running = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(queue.isFull()).toBe(false);
    const waiting = queue.run(async () => {});
    expect(queue.isFull()).toBe(true);
    release();
    await Promise.all([running, waiting]);
    expect(queue.isFull()).toBe(false);
  });

  it("frees the slot of a render that failed", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 1 });
    await expect(queue.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.run(async () => "next")).toBe("next");
  });
});
