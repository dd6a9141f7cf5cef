import { writeAudit } from "../audit/write-audit.ts";
import { type Actor, staffIdOf } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, parseInput } from "../errors.ts";
import { lockIncident } from "../updates/lock-incident.ts";
import { type SavePostmortemInput, savePostmortemSchema } from "./schemas.ts";

/**
 * Saves the postmortem's text, if nobody saved it since `version`. A draft stays invisible; a
 * published one changes on the public page at once.
 */
export async function savePostmortem(options: {
  db: Db;
  actor: Actor;
  input: SavePostmortemInput;
}): Promise<{ version: number }> {
  const input = parseInput(savePostmortemSchema, options.input);
  return inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "postmortem.write");
    await lockIncident(tx, input.incidentId);
    const before = await tx.postmortem.findUnique({ where: { incidentId: input.incidentId } });
    if ((before?.version ?? null) !== input.version) {
      throw new ConflictError(
        before
          ? `Someone saved this postmortem after you opened it. It now starts: “${before.body.slice(0, 200)}”. Your text is still here: save again to replace theirs.`
          : "This postmortem was deleted meanwhile: save again to write it anew.",
        before?.version,
      );
    }
    const saved = before
      ? await tx.postmortem.update({
          where: { id: before.id },
          data: { body: input.body, authorId: staffIdOf(options.actor), version: { increment: 1 } },
        })
      : await tx.postmortem.create({
          data: { incidentId: input.incidentId, body: input.body, authorId: staffIdOf(options.actor) },
        });
    await writeAudit(tx, {
      actor: options.actor,
      action: before ? "postmortem.edited" : "postmortem.created",
      targetType: "postmortem",
      targetId: saved.id,
      before: before ? { body: before.body } : undefined,
      after: { body: saved.body, published: saved.publishedAt !== null },
    });
    if (saved.publishedAt) await notifyPublicChange(tx, { incidentIds: [input.incidentId] });
    return { version: saved.version };
  });
}
