import { randomBytes } from "node:crypto";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { assertCan } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { lockAdminsAsAdmin } from "./assert-admin.ts";
import { type CreateUserInput, createUserSchema } from "./schemas.ts";

/** A random first password, shown once to the admin who passes it on. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

export async function createUser(options: {
  db: Db;
  actor: Actor;
  input: CreateUserInput;
}): Promise<{ id: string; password: string }> {
  assertCan(options.actor, "staff.manage");
  const input = parseInput(createUserSchema, options.input);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(options.db, async (tx) => {
    await lockAdminsAsAdmin(tx, options.actor);
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new InvalidError("Some fields need attention.", { email: "A staff account with this email exists." });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
    await writeAudit(tx, {
      actor: options.actor,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      after: { email: input.email, name: input.name, role: input.role },
    });
    return { id: user.id, password };
  });
}
