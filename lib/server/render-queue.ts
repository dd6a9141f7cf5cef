// Renders run in this process, on the cores that also answer cache hits: a flood of distinct
// uncached URLs must not turn into a flood of concurrent renders. This queue runs a few at a time,
// urgent ones (a visitor waiting, a summary page after a change) before background refreshes,
// and says when it is full so that callers can shed load instead of queueing without end.
// Re-renders after a change go first of all: a flood must not delay the news.

export type RenderPriority = "change" | "urgent" | "background";

type Task = { run: () => Promise<void> };

export class RenderQueue {
  private active = 0;
  private readonly waiting: Record<RenderPriority, Task[]> = { change: [], urgent: [], background: [] };

  constructor(private readonly options: { concurrency: number; maxWaiting: number } = { concurrency: 2, maxWaiting: 32 }) {}

  /** Renders running and waiting. */
  get size(): number {
    return this.active + this.waitingCount();
  }

  /** Whether new work should be refused: every slot busy and the waiting line at its bound. */
  isFull(): boolean {
    return this.active >= this.options.concurrency && this.waitingCount() >= this.options.maxWaiting;
  }

  private waitingCount(): number {
    return this.waiting.change.length + this.waiting.urgent.length + this.waiting.background.length;
  }

  /** Runs `task` when a slot is free. Callers check `isFull()` first when they can shed. */
  run<T>(task: () => Promise<T>, priority: RenderPriority = "urgent"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting[priority].push({
        run: () =>
          task()
            .then(resolve, reject)
            .finally(() => {
              this.active--;
              this.next();
            }),
      });
      this.next();
    });
  }

  private next() {
    while (this.active < this.options.concurrency) {
      const task = this.waiting.change.shift() ?? this.waiting.urgent.shift() ?? this.waiting.background.shift();
      if (!task) return;
      this.active++;
      void task.run();
    }
  }
}
