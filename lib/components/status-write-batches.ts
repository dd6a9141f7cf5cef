import type { Actor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { asDatabaseError } from "../db/database-errors.ts";
import { DatabaseUnavailableError, OutcomeUnknownError, parseInput } from "../errors.ts";
import { applyComponentStatusWrites, type StatusWrite } from "./core/apply-component-status.ts";
import { type SetComponentStatusInput, setComponentStatusSchema } from "./schemas.ts";

// The write API's component status writes, gathered: alerting scripts send them in bursts (an
// outage flips many components, from many scripts, at once), and each alone was a transaction of
// a dozen statements whose round trips and commit cost far more than the change. The writes that
// arrive while a batch is being written go together into the next, one transaction
// (applyComponentStatusWrites), each still authorized, recorded, audited and notified as alone.
// Nothing waits to fill a batch: a lone write is written at once.

const SAVED_BUT_UNREAD = "The change was saved, but it could not be read back for this answer. Read it again in a moment.";

/** At most this many writes in one transaction. */
const MAX_BATCH = 200;

/**
 * A read the writes of one batch share once it has committed (the write API's answer: the
 * component as it now is), started at once for the whole batch: never older than the writes.
 */
export type ReadAfter<R> = { key: string; read: (db: Db) => Promise<R> };

type Outcome = { changed: boolean; read?: unknown };
type Pending = StatusWrite & {
  readAfter?: ReadAfter<unknown>;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
};

type Batches = { pending: Pending[]; writing: boolean };

const byDb = new WeakMap<Db, Batches>();

/**
 * Sets a component's status as setComponentStatus does, in a transaction shared with the status
 * writes that arrive meanwhile on this thread (in the server, the API thread: api-worker.ts).
 * Resolves once it is committed (with `readAfter`'s result, read after the commit, shared by the
 * batch's writes that ask the same read); rejects with its own error only (a refused key, a
 * missing component), or with the database's when the transaction or the read failed.
 */
export function submitComponentStatus<R = undefined>(options: {
  db: Db;
  actor: Actor;
  input: SetComponentStatusInput;
  readAfter?: ReadAfter<R>;
}): Promise<{ changed: boolean; read: R }> {
  const write = {
    actor: options.actor,
    input: parseInput(setComponentStatusSchema, options.input),
    readAfter: options.readAfter,
  };
  return applyBatched(options.db, write) as Promise<{ changed: boolean; read: R }>;
}

/** A parsed write, batched on this thread with the others arriving meanwhile. */
function applyBatched(db: Db, write: StatusWrite & { readAfter?: ReadAfter<unknown> }): Promise<Outcome> {
  let batches = byDb.get(db);
  if (!batches) {
    batches = { pending: [], writing: false };
    byDb.set(db, batches);
  }
  const queue = batches;
  return new Promise((resolve, reject) => {
    queue.pending.push({ ...write, resolve, reject });
    if (!queue.writing) void writeAll(db, queue);
  });
}

async function writeAll(db: Db, batches: Batches): Promise<void> {
  batches.writing = true;
  try {
    while (batches.pending.length > 0) await write(db, batches.pending.splice(0, MAX_BATCH));
  } finally {
    batches.writing = false;
  }
}

async function write(db: Db, batch: Pending[]): Promise<void> {
  try {
    const outcomes = await inTransaction(db, (tx) => applyComponentStatusWrites(tx, batch));
    // Not awaited: the next batch starts meanwhile.
    const reads = new Map<string, Promise<unknown>>();
    for (const [index, outcome] of outcomes.entries()) {
      const pending = batch[index]!;
      const after = pending.readAfter;
      if ("error" in outcome) pending.reject(outcome.error);
      else if (!after) pending.resolve(outcome);
      else {
        let read = reads.get(after.key);
        if (!read) {
          // Never thrown into the catch below, which would write the committed batch again.
          read = Promise.resolve().then(() => after.read(db));
          reads.set(after.key, read);
        }
        read.then(
          (result) => pending.resolve({ ...outcome, read: result }),
          // Not the database's "nothing was saved": the change was.
          () => pending.reject(new OutcomeUnknownError(SAVED_BUT_UNREAD)),
        );
      }
    }
  } catch (error) {
    // The database gone fails every write alike. Anything else may be one write's doing, or one
    // component's (a deadlock with a writer that locks components in another order, a lock held
    // past the lock timeout): each alone, in order, to fail only those it concerns.
    if (batch.length === 1 || asDatabaseError(error) instanceof DatabaseUnavailableError) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) await write(db, [pending]);
  }
}
