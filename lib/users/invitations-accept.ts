import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import { staffActor } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { type Db, type DbOrTx, inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { newPasswordSchema } from "./change-own-password.ts";
import { hashInvitationToken } from "./invitations-token.ts";

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: z.string().trim().min(1, "Enter your name.").max(200),
    password: newPasswordSchema,
    confirmPassword: z.string().max(1024),
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

const UNUSABLE = "This invitation link has expired, was used already or was withdrawn. Ask an admin for a new one.";

/** The pending invitation a link's token names, or null when it is unknown, used, withdrawn or expired. */
export async function findUsableInvitation(db: DbOrTx, token: unknown, now: Date = new Date()) {
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return null;
  const invitation = await db.staffInvitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

/**
 * The invitee sets their name and password: the account is made with the invited email and role,
 * and the invitation is used up. The row is claimed by a conditional update first, so the same
 * link opened twice makes one account.
 */
export async function acceptInvitation(options: {
  db: Db;
  input: { token?: unknown; name?: unknown; password?: unknown; confirmPassword?: unknown };
  now?: Date;
}): Promise<{ userId: string; email: string }> {
  const input = parseInput(acceptInvitationSchema, options.input);
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(options.db, async (tx) => {
    const claimed = await tx.staffInvitation.updateMany({
      where: { tokenHash: hashInvitationToken(input.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) throw new NotFoundError(UNUSABLE);
    const invitation = await tx.staffInvitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(input.token) } });
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new InvalidError("A staff account with this email exists already: sign in instead.");
    }
    const user = await tx.user.create({
      data: { email: invitation.email, name: input.name, role: invitation.role, passwordHash },
    });
    await writeAudit(tx, {
      actor: staffActor(user),
      action: "invitation.accepted",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: user.role, invitationId: invitation.id },
    });
    return { userId: user.id, email: user.email };
  });
}
