import { randomBytes } from "node:crypto";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, parseInput } from "../errors.ts";
import { enqueue, QUEUES } from "../jobs/queue.ts";
import { linkSecret } from "../subscribers/tokens.ts";
import { lockAdminsAsAdmin } from "./assert-admin.ts";
import { hashInvitationToken, INVITATION_DAYS, invitationToken } from "./invitations-token.ts";
import { createUserSchema } from "./schemas.ts";

export const createInvitationSchema = createUserSchema.pick({ email: true, role: true });

/**
 * An admin invites someone to the staff by email and role. The returned token (for the link shown
 * once to the admin) works for 7 days, once. With `mail`, the invitation is also mailed by the
 * queue's worker, which makes the link again from the invitation's id. Inviting an address again
 * revokes its earlier pending invitation; an address that has an account cannot be invited.
 */
export async function createInvitation(options: {
  db: Db;
  actor: Actor;
  input: { email?: unknown; role?: unknown };
  mail?: boolean;
  now?: Date;
}): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { actor } = options;
  assertCan(actor, "staff.manage");
  const input = parseInput(createInvitationSchema, options.input);
  const now = options.now ?? new Date();
  const secret = await linkSecret(options.db);
  return inTransaction(options.db, async (tx) => {
    await lockAdminsAsAdmin(tx, actor);
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new InvalidError("Some fields need attention.", { email: "A staff account with this email exists." });
    }
    await tx.staffInvitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const id = `inv${randomBytes(12).toString("hex")}`;
    const token = invitationToken(secret, { id, createdAt: now });
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000);
    await tx.staffInvitation.create({
      data: {
        id,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedById: actor.id,
        createdAt: now,
        expiresAt,
      },
    });
    await writeAudit(tx, {
      actor,
      action: "invitation.created",
      targetType: "invitation",
      targetId: id,
      after: { email: input.email, role: input.role },
    });
    if (options.mail) await enqueue(tx, QUEUES.email, { type: "invite", invitationId: id }, { singletonKey: `invite:${id}` });
    return { id, token, expiresAt };
  });
}
