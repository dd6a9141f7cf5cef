import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { endPosition, lockPageOrder } from "./page-order.ts";
import { type SaveGroupInput, saveGroupSchema } from "./schemas.ts";

/**
 * Creates a group (no `groupId`), last on the page, or renames one. Its place changes with
 * moveComponentGroup. A retried submission (the same idempotency key) saves once.
 */
export async function saveComponentGroup(options: {
  db: Db;
  actor: Actor;
  input: SaveGroupInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  assertCan(options.actor, "component.edit");
  const parsed = parseInput(saveGroupSchema, options.input);
  const { groupId, ...input } = parsed;
  const once = { idempotency: options.idempotency, operation: "component_group.save", input: parsed };
  return inTransactionOnce(options.db, once, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    const before = groupId ? await tx.componentGroup.findUnique({ where: { id: groupId } }) : null;
    if (groupId && !before) throw new NotFoundError("This group no longer exists.");
    if (!before) await lockPageOrder(tx);
    const group = before
      ? await tx.componentGroup.update({ where: { id: before.id }, data: input })
      : await tx.componentGroup.create({ data: { ...input, position: await endPosition(tx, null) } });
    await writeAudit(tx, {
      actor: options.actor,
      action: before ? "component_group.edited" : "component_group.created",
      targetType: "component_group",
      targetId: group.id,
      before: before ? { name: before.name } : undefined,
      after: input,
    });
    await notifyPublicChange(tx, { all: true });
    return { id: group.id };
  });
}
