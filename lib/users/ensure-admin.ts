import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import type { Db } from "../db/client.ts";

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD create or reset that admin at every start. Without them, the first
 * start (no staff at all) creates admin@example.com with a random password, returned once.
 */
export async function ensureAdmin(options: {
  db: Db;
  email?: string;
  password?: string;
}): Promise<{ email: string; password: string; created: boolean } | null> {
  const { db } = options;
  if (options.email && options.password) {
    const email = options.email.toLowerCase();
    const passwordHash = await hashPassword(options.password);
    const existing = await db.user.findUnique({ where: { email } });
    // Sessions end when the password really changes, not at every start that sets the same one.
    const samePassword = existing?.passwordHash ? await verifyPassword(existing.passwordHash, options.password) : false;
    await db.$transaction(async (tx) => {
      const user = await tx.user.upsert({
        where: { email },
        create: { email, name: "Administrator", passwordHash, role: "admin" },
        update: { passwordHash, role: "admin", disabled: false, ...(samePassword ? {} : { sessionVersion: { increment: 1 } }) },
      });
      await tx.auditLog.create({
        data: {
          actorEmail: "system",
          action: existing ? "user.password_reset_from_env" : "user.created_from_env",
          targetType: "user",
          targetId: user.id,
          after: { email, role: "admin" },
        },
      });
    });
    return { email, password: options.password, created: !existing };
  }
  if ((await db.user.count()) > 0) return null;
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: DEFAULT_ADMIN_EMAIL, name: "Administrator", passwordHash, role: "admin" },
    });
    await tx.auditLog.create({
      data: {
        actorEmail: "system",
        action: "user.created_on_first_start",
        targetType: "user",
        targetId: user.id,
        after: { email: DEFAULT_ADMIN_EMAIL, role: "admin" },
      },
    });
  });
  return { email: DEFAULT_ADMIN_EMAIL, password, created: true };
}
