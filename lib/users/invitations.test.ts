import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { signInWithPassword } from "../auth/sign-in-with-password.ts";
import { ForbiddenError, type InvalidError, NotFoundError } from "../errors.ts";
import type { OutgoingMail } from "../notifications/email.ts";
import { acceptInvitation, findUsableInvitation } from "./invitations-accept.ts";
import { createInvitation } from "./invitations-create.ts";
import { revokeInvitation } from "./invitations-revoke.ts";
import { sendInvitation } from "./invitations-send.ts";
import { INVITATION_DAYS } from "./invitations-token.ts";

const unique = () => Math.random().toString(36).slice(2, 8);
const accept = (db: ReturnType<typeof testDb>, token: string, now?: Date) =>
  acceptInvitation({
    db,
    input: { token, name: "New Person", password: "invitee-secret", confirmPassword: "invitee-secret" },
    now,
  });

describe("staff invitations", () => {
  it("an admin invites an editor, who sets a name and password once and signs in", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const email = `invitee-${unique()}@example.com`;
    const { id, token, expiresAt } = await createInvitation({
      db,
      actor: admin,
      input: { email: email.toUpperCase(), role: "editor" },
    });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan((INVITATION_DAYS * 24 - 1) * 3600_000);
    const row = await db.staffInvitation.findUniqueOrThrow({ where: { id } });
    expect(row.email).toBe(email);
    expect(row.tokenHash).not.toContain(token);
    const { userId } = await accept(db, token);
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      email,
      role: "editor",
      name: "New Person",
    });
    expect((await signInWithPassword({ db, input: { email, password: "invitee-secret" }, ip: "10.66.0.1" })).ok).toBe(true);
    await expect(accept(db, token)).rejects.toBeInstanceOf(NotFoundError);
    const audit = await db.auditLog.findMany({ where: { OR: [{ targetId: id }, { targetId: userId }] }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["invitation.created", "invitation.accepted"]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("the same link sent twice at once makes one account", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const { token } = await createInvitation({
      db,
      actor: admin,
      input: { email: `twice-${unique()}@example.com`, role: "admin" },
    });
    const results = await Promise.allSettled([accept(db, token), accept(db, token)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses expired, withdrawn and replaced links, and editors inviting", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const editor = await makeStaff(db);
    const email = `late-${unique()}@example.com`;
    const old = await createInvitation({
      db,
      actor: admin,
      input: { email, role: "editor" },
      now: new Date(Date.now() - 8 * 24 * 3600_000),
    });
    expect(await findUsableInvitation(db, old.token)).toBeNull();
    await expect(accept(db, old.token)).rejects.toBeInstanceOf(NotFoundError);
    const first = await createInvitation({ db, actor: admin, input: { email, role: "editor" } });
    const second = await createInvitation({ db, actor: admin, input: { email, role: "editor" } });
    expect(await findUsableInvitation(db, first.token)).toBeNull();
    expect(await findUsableInvitation(db, second.token)).not.toBeNull();
    await revokeInvitation({ db, actor: admin, input: { invitationId: second.id } });
    await expect(accept(db, second.token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createInvitation({ db, actor: editor, input: { email, role: "editor" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const taken = await createInvitation({ db, actor: admin, input: { email: admin.email, role: "editor" } }).catch(
      (e: unknown) => e,
    );
    expect((taken as InvalidError).fieldErrors).toHaveProperty("email");
  });

  it("queues the mail with the invitation's id only; the worker makes the same link again", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const email = `mailed-${unique()}@example.com`;
    const { id, token } = await createInvitation({ db, actor: admin, input: { email, role: "editor" }, mail: true });
    const jobs = await db.$queryRaw<{ data: unknown }[]>`SELECT data FROM pgboss.job WHERE data->>'invitationId' = ${id}`;
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs)).not.toContain(token);
    const sent: OutgoingMail[] = [];
    const sender = { sendMail: async (mail: OutgoingMail) => void sent.push(mail), post: async () => ({ status: 200 }) as never };
    await sendInvitation(db, { invitationId: id }, sender);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(email);
    expect(sent[0]?.text).toContain(`/admin/invite/${token}`);
    await revokeInvitation({ db, actor: admin, input: { invitationId: id } });
    await sendInvitation(db, { invitationId: id }, sender);
    expect(sent).toHaveLength(1);
  });
});
