// Under a burst of API requests, each asked the database the same question (the key's row, the
// page's components for the answer) at once. A shared read answers everyone who asks while it is
// being read; but a read already under way may have begun before the asker's own write committed,
// so an asker joins only a read that starts after they asked: the next one, which starts when the
// one under way ends. At most one read per question runs at a time, and nobody gets an answer
// older than their question, unless they ask for `joinRunning`: a question whose answer is checked
// again later (an API key that every write re-reads inside its own transaction) may take the read
// under way, and not wait for the next.

type Reads = { running: Map<string, Promise<unknown>>; next: Map<string, Promise<unknown>> };

const byOwner = new WeakMap<object, Reads>();

/** `load()`'s result, shared with whoever asks `key` of the same `owner` (a database client) meanwhile. */
export function sharedRead<T>(
  owner: object,
  key: string,
  load: () => Promise<T>,
  options: { joinRunning?: boolean } = {},
): Promise<T> {
  let reads = byOwner.get(owner);
  if (!reads) {
    reads = { running: new Map(), next: new Map() };
    byOwner.set(owner, reads);
  }
  const { running, next } = reads;
  const queued = next.get(key);
  if (queued) return queued as Promise<T>;
  const start = (): Promise<T> => {
    next.delete(key);
    const read = load();
    running.set(key, read);
    const done = () => {
      if (running.get(key) === read) running.delete(key);
    };
    read.then(done, done);
    return read;
  };
  const underWay = running.get(key);
  if (!underWay) return start();
  if (options.joinRunning) return underWay as Promise<T>;
  const following = underWay.then(start, start);
  next.set(key, following);
  return following;
}
