import { randomBytes } from "node:crypto";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { assertCan } from "../auth/policy.ts";
import type { Db } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { type IdempotencyKey, inTransactionOnce } from "../idempotency/in-transaction-once.ts";
import { lockAdminsAsAdmin } from "./assert-admin.ts";
import { type CreateUserInput, createUserSchema } from "./schemas.ts";

/** A random first password, shown once to the admin who passes it on. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * Creates a staff account with a random first password. A retried submission (the same
 * idempotency key) creates nothing more and gets `password: null`: the password was shown to the
 * first submission only, and is stored nowhere in plain text (not even as the retry's answer).
 */
export async function createUser(options: {
  db: Db;
  actor: Actor;
  input: CreateUserInput;
  idempotency?: IdempotencyKey;
}): Promise<{ id: string; password: string | null }> {
  assertCan(options.actor, "staff.manage");
  const input = parseInput(createUserSchema, options.input);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  let created = false;
  const once = { idempotency: options.idempotency, operation: "user.create", input };
  const { id } = await inTransactionOnce(options.db, once, async (tx) => {
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
    created = true;
    return { id: user.id };
  });
  return { id, password: created ? password : null };
}
