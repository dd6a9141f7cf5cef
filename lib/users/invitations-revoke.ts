import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError, NotFoundError, parseInput } from "../errors.ts";
import { lockAdminsAsAdmin } from "./assert-admin.ts";

export const revokeInvitationSchema = z.object({ invitationId: z.string().min(1).max(40) });

/** An admin withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(options: { db: Db; actor: Actor; input: { invitationId?: unknown }; now?: Date }) {
  const { actor } = options;
  assertCan(actor, "staff.manage");
  const { invitationId } = parseInput(revokeInvitationSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await lockAdminsAsAdmin(tx, actor);
    const invitation = await tx.staffInvitation.findUnique({ where: { id: invitationId } });
    if (!invitation) throw new NotFoundError("This invitation no longer exists.");
    if (invitation.acceptedAt) throw new InvalidError("This invitation was accepted already: disable the account instead.");
    if (invitation.revokedAt) return;
    await tx.staffInvitation.update({ where: { id: invitationId }, data: { revokedAt: options.now ?? new Date() } });
    await writeAudit(tx, {
      actor,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
      before: { email: invitation.email },
    });
  });
}
