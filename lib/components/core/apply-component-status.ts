import type { z } from "zod";
import { writeAudits } from "../../audit/write-audit.ts";
import type { Actor, SystemActor } from "../../auth/actor.ts";
import { authorize } from "../../auth/policy.ts";
import { notifyPublicChange } from "../../cache/public-change.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queuedTogether } from "../../db/queued-together.ts";
import type { ComponentStatus } from "../../domain.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import { type NewNotification, queueNotifications } from "../../notifications/queue-notification.ts";
import { lockComponents, recordStatusChanges } from "../record-status-change.ts";
import type { setComponentStatusSchema } from "../schemas.ts";

export type StatusWrite = { actor: Actor | SystemActor; input: z.output<typeof setComponentStatusSchema> };
/** What became of one write of a batch: applied (or already so), or refused with its own error. */
export type StatusWriteOutcome = { changed: boolean } | { error: Error };

/**
 * Sets a component's status inside the caller's transaction (input already parsed): history,
 * subscribers' notification, audit row and the public pages' cache. setComponentStatus runs it in
 * a transaction of its own; alerts run it in theirs, next to their own bookkeeping.
 */
export async function applyComponentStatus(tx: DbOrTx, write: StatusWrite): Promise<{ changed: boolean }> {
  const [outcome] = await applyComponentStatusWrites(tx, [write]);
  if (!outcome || "error" in outcome) throw outcome?.error ?? new Error("The status write was lost.");
  return outcome;
}

/**
 * Several status writes in the caller's transaction, in order, each as applyComponentStatus would
 * apply it alone: its actor authorized (once per actor), a write to a missing component refused,
 * a write of the status the component already has (counting the writes before it) changing
 * nothing. A refused write leaves the others be. In a dozen statements however many writes there
 * are: the write API gathers the writes that arrive together into one (status-write-batches.ts).
 */
export async function applyComponentStatusWrites(tx: DbOrTx, writes: StatusWrite[]): Promise<StatusWriteOutcome[]> {
  const refusals = new Map<string, Error>();
  const authorized = new Map<string, Actor | SystemActor>();
  const actors = new Map(writes.map(({ actor }) => [actorKey(actor), actor]));
  const authorizeEach = async () => {
    for (const [id, actor] of actors) {
      try {
        authorized.set(id, await authorize(tx, actor, "component.status"));
      } catch (error) {
        // A refusal is this actor's writes' answer; anything else (the database) fails them all.
        if (!(error instanceof ForbiddenError)) throw error;
        refusals.set(id, error);
      }
    }
  };
  const componentIds = [...new Set(writes.map((write) => write.input.componentId))];
  // Locked until the transaction ends, so that a write elsewhere meanwhile cannot make `before`
  // stale (the notification's "was", a write of the same status taken for a change). Every writer
  // of several components locks them in the same order (lockComponents); should a batch still meet
  // a deadlock, PostgreSQL breaks it and the batch's writes are tried one by one
  // (status-write-batches.ts). The lock and the actors' checks read nothing of each other's: they
  // go together, the components' lock first, then each key's or account's row FOR SHARE (no
  // writer holds those rows while waiting for components, so the order cannot deadlock).
  const [rows] = await queuedTogether([lockComponents(tx, componentIds), authorizeEach()]);
  const current = new Map(rows.map((row) => [row.id, row.status]));
  const at = new Date();
  const changes: ManualStatusChange[] = [];
  const outcomes = writes.map((write): StatusWriteOutcome => {
    const refusal = refusals.get(actorKey(write.actor));
    if (refusal) return { error: refusal };
    const before = current.get(write.input.componentId);
    if (!before) return { error: new NotFoundError("This component no longer exists.") };
    if (before === write.input.status) return { changed: false };
    current.set(write.input.componentId, write.input.status);
    changes.push({ ...write.input, actor: authorized.get(actorKey(write.actor))!, before, at });
    return { changed: true };
  });
  if (changes.length > 0) await queuedTogether([recordManualStatuses(tx, changes), notifyPublicChange(tx, { all: true })]);
  return outcomes;
}

/** Who an actor is, to authorize each once in a batch (none: signed out, which authorize refuses). */
function actorKey(actor: Actor | SystemActor | null | undefined): string {
  if (!actor) return "none";
  return actor.kind === "system" ? `system:${actor.name}` : `${actor.kind}:${actor.id}`;
}

export type ManualStatusChange = {
  actor: Actor | SystemActor;
  componentId: string;
  before: ComponentStatus;
  status: ComponentStatus;
  deliverNotifications: boolean;
  at: Date;
};

/**
 * The history rows, the subscribers' notifications (where asked) and the audit rows of manual
 * changes, each from `before` to `status`, in order (a later change of the same component is
 * newer in its history); the caller has authorized, and tells the public pages.
 */
export async function recordManualStatuses(tx: DbOrTx, changes: ManualStatusChange[]): Promise<void> {
  // Three inserts that read nothing of each other's.
  await queuedTogether([
    recordStatusChanges(
      tx,
      changes.map(({ componentId, status, at }) => ({ componentId, status, at, source: "manual" as const })),
    ),
    queueNotifications(
      tx,
      changes
        .filter((change) => change.deliverNotifications)
        .map(
          (change): NewNotification => ({
            kind: "component",
            componentId: change.componentId,
            oldStatus: change.before,
            newStatus: change.status,
            at: change.at,
          }),
        ),
    ),
    writeAudits(
      tx,
      changes.map((change) => ({
        actor: change.actor,
        action: "component.status_set",
        targetType: "component",
        targetId: change.componentId,
        before: { status: change.before },
        after: { status: change.status },
      })),
    ),
  ]);
}
