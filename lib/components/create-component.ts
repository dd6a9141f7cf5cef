import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { Db } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { getPageSettings } from "../page/queries.ts";
import { dayKey } from "../time/format-instant.ts";
import { assertGroupExists, endPosition, lockPageOrder } from "./page-order.ts";
import { type CreateComponentInput, createComponentSchema } from "./schemas.ts";

/**
 * Adds an operational component last in its group (or last on the page, outside any group); its
 * uptime counts from today (page time).
 */
export async function createComponent(options: {
  db: Db;
  actor: Actor;
  input: CreateComponentInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string }> {
  assertCan(options.actor, "component.edit");
  const input = parseInput(createComponentSchema, options.input);
  return inTransactionOnce(options.db, { idempotency: options.idempotency, operation: "component.create", input }, async (tx) => {
    await authorize(tx, options.actor, "component.edit");
    const { timeZone } = await getPageSettings(tx);
    await lockPageOrder(tx);
    await assertGroupExists(tx, input.groupId);
    const now = new Date();
    const component = await tx.component.create({
      data: {
        name: input.name,
        description: input.description,
        groupId: input.groupId,
        position: await endPosition(tx, input.groupId),
        startDate: new Date(`${dayKey(now, timeZone)}T00:00:00Z`),
        statusChanges: { create: { status: "operational", at: now, source: "manual" } },
      },
    });
    await writeAudit(tx, {
      actor: options.actor,
      action: "component.created",
      targetType: "component",
      targetId: component.id,
      after: input,
    });
    await notifyPublicChange(tx, { all: true });
    return { id: component.id };
  });
}
