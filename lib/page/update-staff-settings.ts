import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";

/** The reminder intervals offered, in minutes. */
export const STAFF_REMINDER_CHOICES = [10, 15, 30, 45, 60, 120, 240] as const;

export const staffSettingsSchema = z.object({
  requireTwoFactor: z.boolean(),
  staffReminderMinutes: z
    .number()
    .int()
    .refine((value) => (STAFF_REMINDER_CHOICES as readonly number[]).includes(value), "Choose an interval from the list.")
    .nullable(),
});

/**
 * The admin's settings for staff: whether password accounts must use two-factor, and after how
 * long without an update an open incident is flagged and the team reminded (null: never).
 */
export async function updateStaffSettings(options: {
  db: Db;
  actor: Actor;
  input: { requireTwoFactor?: unknown; staffReminderMinutes?: unknown };
}): Promise<void> {
  assertCan(options.actor, "page.settings");
  const input = parseInput(staffSettingsSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "page.settings");
    const before = await tx.pageSettings.findUnique({
      where: { id: 1 },
      select: { requireTwoFactor: true, staffReminderMinutes: true },
    });
    await tx.pageSettings.upsert({ where: { id: 1 }, create: { name: "Status", ...input }, update: input });
    await writeAudit(tx, {
      actor: options.actor,
      action: "settings.staff_updated",
      targetType: "settings",
      before,
      after: input,
    });
  });
}
