import { writeAudit } from "../audit/write-audit.ts";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/client.ts";
import { type StaffActor, staffActor } from "./actor.ts";

export type SsoAdmission = { ok: true; actor: StaffActor } | { ok: false; reason: "email_not_verified" | "refused" };

/**
 * Who may enter through single sign-on: an existing, enabled staff account with the provider's
 * email; or, when `allowedDomain` is set, anyone whose email is in that domain, who becomes an
 * editor. Either way the provider must vouch for the email (`email_verified: true`): a provider
 * letting people type any address would otherwise hand over the account that has it. Every
 * attempt is recorded in SignInAttempt like a password sign-in.
 */
export async function admitSsoUser(options: {
  db: Db;
  profile: { email?: unknown; emailVerified?: unknown; name?: unknown };
  allowedDomain?: string;
  ip: string;
}): Promise<SsoAdmission> {
  const { db, ip } = options;
  const email = typeof options.profile.email === "string" ? options.profile.email.trim().toLowerCase().slice(0, 320) : "";
  const record = (success: boolean, reason?: string) =>
    db.signInAttempt.create({ data: { email: email || "(none)", ip, success, reason: reason ?? "sso" } });
  if (!email) {
    await record(false, "sso_no_email");
    return { ok: false, reason: "refused" };
  }
  // Only a literal true: a missing claim vouches for nothing.
  if (options.profile.emailVerified !== true) {
    await record(false, "sso_email_not_verified");
    return { ok: false, reason: "email_not_verified" };
  }
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    if (existing.disabled) {
      await record(false, "sso_disabled");
      return { ok: false, reason: "refused" };
    }
    await record(true);
    await db.user.update({ where: { id: existing.id }, data: { lastSignInAt: new Date() } });
    return { ok: true, actor: staffActor({ ...existing, email }) };
  }
  const domain = options.allowedDomain?.trim().toLowerCase().replace(/^@/, "");
  if (!domain || email.split("@")[1] !== domain) {
    await record(false, "sso_not_allowed");
    return { ok: false, reason: "refused" };
  }
  const name =
    typeof options.profile.name === "string" && options.profile.name.trim() ? options.profile.name.trim().slice(0, 200) : email;
  const actor = await inTransaction(db, async (tx) => {
    const user = await tx.user.create({ data: { email, name, role: "editor", lastSignInAt: new Date() } });
    const created = staffActor({ id: user.id, email, name, role: "editor" });
    await writeAudit(tx, {
      actor: created,
      action: "user.created_by_sso",
      targetType: "user",
      targetId: user.id,
      after: { email, role: "editor", domain },
    });
    return created;
  });
  await record(true, "sso_created");
  return { ok: true, actor };
}
