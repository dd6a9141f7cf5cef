import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeIncident, makeStaff } from "../../tests/support/factories.ts";
import { ConflictError, InvalidError } from "../errors.ts";
import { getPublicIncident } from "../incidents/queries.ts";
import { savePostmortem } from "./save-postmortem.ts";
import { setPostmortemPublished } from "./set-postmortem-published.ts";

describe("postmortems", () => {
  it("stays invisible to the public as a draft, shows once published, and hides again when unpublished", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db);
    const { version } = await savePostmortem({
      db,
      actor,
      input: { incidentId: id, version: null, body: "## Root cause\n\nA bad deploy." },
    });
    expect((await getPublicIncident(db, id))?.postmortem).toBeNull();
    await setPostmortemPublished({ db, actor, input: { incidentId: id, version }, published: true });
    const shown = await getPublicIncident(db, id);
    expect(shown?.postmortem?.body).toBe("## Root cause\n\nA bad deploy.");
    expect(shown?.postmortem?.publishedAt).toBeInstanceOf(Date);
    await setPostmortemPublished({ db, actor, input: { incidentId: id, version: version + 1 }, published: false });
    expect((await getPublicIncident(db, id))?.postmortem).toBeNull();
    const actions = await db.auditLog.findMany({
      where: { targetType: "postmortem", actorId: actor.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["postmortem.created", "postmortem.published", "postmortem.unpublished"]);
  });

  it("refuses to overwrite text someone saved after you opened it, and to publish it unseen", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db);
    const other = await makeStaff(db);
    await savePostmortem({ db, actor, input: { incidentId: id, version: null, body: "First draft." } });
    await savePostmortem({ db, actor: other, input: { incidentId: id, version: 0, body: "Their rewrite." } });
    const error = await savePostmortem({ db, actor, input: { incidentId: id, version: 0, body: "My stale edit." } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain("Their rewrite.");
    expect((error as ConflictError).currentVersion).toBe(1);
    await expect(setPostmortemPublished({ db, actor, input: { incidentId: id, version: 0 }, published: true })).rejects.toThrow(
      ConflictError,
    );
    expect((await db.postmortem.findUniqueOrThrow({ where: { incidentId: id } })).publishedAt).toBeNull();
    // A second writer of a first draft also conflicts rather than replacing it.
    await expect(savePostmortem({ db, actor, input: { incidentId: id, version: null, body: "Also first?" } })).rejects.toThrow(
      ConflictError,
    );
  });

  it("refuses an empty postmortem", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db);
    await expect(savePostmortem({ db, actor, input: { incidentId: id, version: null, body: "  " } })).rejects.toThrow(
      InvalidError,
    );
  });
});

describe("a postmortem entered after the fact", () => {
  it("keeps the instant it was really published, and refuses one in the future", async () => {
    const db = testDb();
    const { id, actor } = await makeIncident(db);
    const { version } = await savePostmortem({
      db,
      actor,
      input: { incidentId: id, version: null, body: "## Summary\n\nWhat happened." },
    });
    const future = new Date(Date.now() + 86_400_000);
    await expect(
      setPostmortemPublished({ db, actor, input: { incidentId: id, version, publishedAt: future }, published: true }),
    ).rejects.toBeInstanceOf(InvalidError);
    expect((await getPublicIncident(db, id))?.postmortem).toBeNull();

    const publishedAt = new Date("2024-07-19T15:57:00Z");
    await setPostmortemPublished({ db, actor, input: { incidentId: id, version, publishedAt }, published: true });
    expect((await getPublicIncident(db, id))?.postmortem?.publishedAt).toEqual(publishedAt);
  });
});
