import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { endSessions } from "../auth/end-sessions.ts";
import { hashPassword } from "../auth/password.ts";
import { assertCan } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { NotFoundError, parseInput } from "../errors.ts";
import { keepOneAdmin, lockAdminsAsAdmin } from "./assert-admin.ts";
import { generatePassword } from "./create-user.ts";
import { changeRoleSchema, changeUserSchema } from "./schemas.ts";

export type AccessChange =
  | { kind: "disable" }
  | { kind: "enable" }
  | { kind: "role"; role: "admin" | "editor" }
  | { kind: "reset_password" };

/**
 * Disables, re-enables, changes the role of, or resets the password of a staff account. Never
 * leaves the page without an enabled admin. A reset returns the new password, shown once.
 */
export async function updateUserAccess(options: {
  db: Db;
  actor: Actor;
  input: { userId: string };
  change: AccessChange;
}): Promise<{ password?: string }> {
  assertCan(options.actor, "staff.manage");
  const { userId } = parseInput(changeUserSchema, options.input);
  const { change, actor } = options;
  const role = change.kind === "role" ? parseInput(changeRoleSchema, { userId, role: change.role }).role : undefined;
  const password = change.kind === "reset_password" ? generatePassword() : undefined;
  const passwordHash = password ? await hashPassword(password) : undefined;
  await inTransaction(options.db, async (tx) => {
    const admins = await lockAdminsAsAdmin(tx, actor);
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new NotFoundError("This staff account no longer exists.");
    if (change.kind === "disable" || (change.kind === "role" && role === "editor")) keepOneAdmin(admins, userId);
    const data =
      change.kind === "disable"
        ? { disabled: true }
        : change.kind === "enable"
          ? { disabled: false }
          : change.kind === "role"
            ? { role }
            : { passwordHash };
    await tx.user.update({ where: { id: userId }, data });
    // A disabled, demoted or promoted account, or one with a new password, signs in again.
    await endSessions(tx, userId);
    await writeAudit(tx, {
      actor,
      action: `user.${change.kind}`,
      targetType: "user",
      targetId: userId,
      before: { role: before.role, disabled: before.disabled },
      after: change.kind === "reset_password" ? { passwordReset: true } : data,
    });
  });
  return { password };
}
