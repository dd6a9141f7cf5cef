import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { signInWithPassword } from "../auth/sign-in-with-password.ts";
import { ForbiddenError, InvalidError } from "../errors.ts";
import { createUser } from "./create-user.ts";
import { updateUserAccess } from "./update-user-access.ts";

describe("staff accounts", () => {
  it("an admin creates an editor who can sign in with the password shown once, then disables and re-enables it", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const { id, password } = await createUser({
      db,
      actor: admin,
      input: { email: "New.Editor@Example.com", name: "Ed", role: "editor" },
    });
    const signIn = () => signInWithPassword({ db, input: { email: "new.editor@example.com", password }, ip: "10.9.9.9" });
    expect((await signIn()).ok).toBe(true);
    await updateUserAccess({ db, actor: admin, input: { userId: id }, change: { kind: "disable" } });
    expect(await signIn()).toEqual({ ok: false, reason: "invalid" });
    await updateUserAccess({ db, actor: admin, input: { userId: id }, change: { kind: "enable" } });
    expect((await signIn()).ok).toBe(true);
    const { password: reset } = await updateUserAccess({
      db,
      actor: admin,
      input: { userId: id },
      change: { kind: "reset_password" },
    });
    expect(reset).toBeTruthy();
    expect(
      (await signInWithPassword({ db, input: { email: "new.editor@example.com", password: reset }, ip: "10.9.9.9" })).ok,
    ).toBe(true);
    const actions = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["user.created", "user.disable", "user.enable", "user.reset_password"]);
    expect(JSON.stringify(actions)).not.toContain(reset!);
  });

  it("refuses a duplicate email, saying so on the email field", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const error = await createUser({ db, actor: admin, input: { email: admin.email, name: "Again", role: "editor" } }).catch(
      (e: unknown) => e,
    );
    expect((error as InvalidError).fieldErrors).toEqual({ email: "A staff account with this email exists." });
  });

  it("never removes or demotes the last enabled admin", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const other = await makeStaff(db, { role: "admin", disabled: true });
    await expect(
      updateUserAccess({ db, actor: admin, input: { userId: admin.id }, change: { kind: "disable" } }),
    ).rejects.toThrow(InvalidError);
    await expect(
      updateUserAccess({ db, actor: admin, input: { userId: admin.id }, change: { kind: "role", role: "editor" } }),
    ).rejects.toThrow("last admin");
    await updateUserAccess({ db, actor: admin, input: { userId: other.id }, change: { kind: "enable" } });
    await updateUserAccess({ db, actor: admin, input: { userId: admin.id }, change: { kind: "role", role: "editor" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("editor");
  });

  it("refuses editors, whatever they ask", async () => {
    const { db } = await ownDatabase();
    const editor = await makeStaff(db, { role: "editor" });
    await expect(createUser({ db, actor: editor, input: { email: "x@example.com", name: "X", role: "admin" } })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      updateUserAccess({ db, actor: editor, input: { userId: editor.id }, change: { kind: "role", role: "admin" } }),
    ).rejects.toThrow(ForbiddenError);
    expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).role).toBe("editor");
  });
});
