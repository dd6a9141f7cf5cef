import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { MIN_PASSWORD_LENGTH } from "./schemas.ts";

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Use at most 1,024 characters.");

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1024),
  })
  .refine((values) => values.newPassword === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });

/**
 * A staff member sets their own password, proving the current one. Every session of the account
 * ends (its version is bumped); the caller re-issues the session it is serving with the returned
 * version, so the person changing it stays signed in here and nowhere else.
 */
export async function changeOwnPassword(options: {
  db: Db;
  actor: StaffActor;
  input: { currentPassword?: unknown; newPassword?: unknown; confirmPassword?: unknown };
}): Promise<{ sessionVersion: number }> {
  const { db, actor } = options;
  const input = parseInput(changeOwnPasswordSchema, options.input);
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user || user.disabled) throw new InvalidError("Your account is disabled or gone.");
  if (!user.passwordHash) {
    throw new InvalidError("Your account signs in with single sign-on and has no password here.");
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new InvalidError("Some fields need attention.", { currentPassword: "That is not your current password." });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx) => {
    await authorize(tx, actor, "account.own");
    const updated = await tx.user.update({
      // Only if the password is still the one just checked: two changes at once cannot both win.
      where: { id: actor.id, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await writeAudit(tx, { actor, action: "user.password_changed", targetType: "user", targetId: actor.id });
    return { sessionVersion: updated.sessionVersion };
  });
}
