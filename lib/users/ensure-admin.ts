import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password.ts";
import type { Db, DbOrTx } from "../db/client.ts";

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";
/** Serializes the first-admin step of instances starting together (any constant, not the migrations' key). */
const FIRST_ADMIN_LOCK = 72_707_370;

export type EnsuredAdmin = {
  email: string;
  password: string;
  /** What happened: made now, already there (left alone), or reset on purpose (ADMIN_RESET=1). */
  outcome: "created" | "exists" | "reset";
};

/**
 * The first admin. With ADMIN_EMAIL/ADMIN_PASSWORD, that account is created when it does not
 * exist and otherwise left alone: other admins may have disabled or demoted it since, and a
 * restart must not undo that. `reset` (ADMIN_RESET=1, for someone locked out of their own
 * server) is the one explicit way to set its password, re-enable it and make it admin again;
 * it is audited, and the caller says so loudly. Without ADMIN_*, a database with no staff at all
 * gets admin@example.com with a random password, returned once.
 *
 * Runs under a transaction-scoped advisory lock, so instances starting together on an empty
 * database create the admin exactly once (and audit it once); the others find it there.
 */
export async function ensureAdmin(options: {
  db: Db;
  email?: string;
  password?: string;
  reset?: boolean;
}): Promise<EnsuredAdmin | null> {
  const fromEnv =
    options.email && options.password ? { email: options.email.trim().toLowerCase(), password: options.password } : null;
  // Most starts have nothing to do: say so without hashing a password or waiting for the lock.
  if (!fromEnv && (await options.db.user.count()) > 0) return null;
  if (fromEnv && !options.reset && (await options.db.user.count({ where: { email: fromEnv.email } })) > 0) {
    return { ...fromEnv, outcome: "exists" };
  }
  const password = fromEnv?.password ?? randomBytes(12).toString("base64url");
  // Hashed before the lock is taken (~80 ms), so the other instances wait for as little as possible.
  const passwordHash = await hashPassword(password);
  return options.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`;
      if (!fromEnv) {
        if ((await tx.user.count()) > 0) return null;
        await createAdmin(tx, { email: DEFAULT_ADMIN_EMAIL, passwordHash, action: "user.created_on_first_start" });
        return { email: DEFAULT_ADMIN_EMAIL, password, outcome: "created" };
      }
      const { email } = fromEnv;
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, disabled: true } });
      if (!existing) {
        await createAdmin(tx, { email, passwordHash, action: "user.created_from_env" });
        return { email, password, outcome: "created" };
      }
      if (!options.reset) return { email, password, outcome: "exists" };
      await tx.user.update({
        where: { id: existing.id },
        data: { passwordHash, role: "admin", disabled: false, sessionVersion: { increment: 1 } },
      });
      await tx.auditLog.create({
        data: {
          actorEmail: "system",
          action: "user.reset_from_env",
          targetType: "user",
          targetId: existing.id,
          before: { role: existing.role, disabled: existing.disabled },
          after: { role: "admin", disabled: false, passwordReset: true },
        },
      });
      return { email, password, outcome: "reset" };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

async function createAdmin(tx: DbOrTx, options: { email: string; passwordHash: string; action: string }): Promise<void> {
  const user = await tx.user.create({
    data: { email: options.email, name: "Administrator", passwordHash: options.passwordHash, role: "admin" },
  });
  await tx.auditLog.create({
    data: {
      actorEmail: "system",
      action: options.action,
      targetType: "user",
      targetId: user.id,
      after: { email: options.email, role: "admin" },
    },
  });
}
