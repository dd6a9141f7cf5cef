import { describe, expect, it } from "vitest";
import { testDb } from "../../tests/support/db.ts";
import { makeApiKey, makeStaff } from "../../tests/support/factories.ts";
import { inTransaction } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import { systemActor } from "./actor.ts";
import { type Action, authorize, can, POLICY, scopesAllowing } from "./policy.ts";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ForbiddenError,
  );

describe("the authorization policy", () => {
  it("the admin scope allows every scoped action, and no key manages staff accounts or keys", () => {
    const adminKey = { kind: "apiKey" as const, id: "k", name: "k", scopes: ["admin" as const] };
    for (const action of Object.keys(POLICY) as Action[]) {
      expect(can(adminKey, action), action).toBe(
        !["staff.manage", "apiKey.manage", "admin.area", "account.own"].includes(action),
      );
    }
    expect(scopesAllowing("component.status")).toEqual(["components", "admin"]);
    expect(scopesAllowing("apiKey.manage")).toEqual([]);
  });

  it("editors set statuses but do not edit components; the scheduler only runs maintenance", () => {
    const editor = { kind: "staff" as const, id: "u", email: "e@example.com", name: "E", role: "editor" as const };
    expect(can(editor, "component.status")).toBe(true);
    expect(can(editor, "component.edit")).toBe(false);
    expect(can(systemActor("scheduler"), "maintenance.write")).toBe(true);
    expect(can(systemActor("scheduler"), "incident.write")).toBe(false);
    expect(can(null, "incident.write")).toBe(false);
  });

  it("authorize re-reads the account and the key inside the transaction", async () => {
    const db = testDb();
    const editor = await makeStaff(db);
    const key = await makeApiKey(db, { scopes: ["components"] });
    expect(await inTransaction(db, (tx) => authorize(tx, editor, "component.status"))).toMatchObject({ id: editor.id });
    expect(await inTransaction(db, (tx) => authorize(tx, key, "component.edit"))).toMatchObject({ id: key.id });

    // What the session or the authenticated key claims does not count: the database does.
    const claimsAdmin = { ...editor, role: "admin" as const };
    expect((await refusal(inTransaction(db, (tx) => authorize(tx, claimsAdmin, "component.edit"))))?.message).toBe(
      "Only an admin can add, edit or delete components.",
    );
    const claimsMore = { ...key, scopes: ["admin" as const] };
    expect(await refusal(inTransaction(db, (tx) => authorize(tx, claimsMore, "incident.write")))).toBeInstanceOf(ForbiddenError);

    await db.user.update({ where: { id: editor.id }, data: { disabled: true } });
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect((await refusal(inTransaction(db, (tx) => authorize(tx, editor, "component.status"))))?.message).toMatch(
      /disabled or gone/,
    );
    expect((await refusal(inTransaction(db, (tx) => authorize(tx, key, "component.status"))))?.message).toMatch(/revoked/);
    const signedOut = await refusal(inTransaction(db, (tx) => authorize(tx, null, "incident.write")));
    expect(signedOut?.signedOut).toBe(true);
    const gone = { ...editor, id: "no-such-account" };
    expect(await refusal(inTransaction(db, (tx) => authorize(tx, gone, "incident.write")))).toBeInstanceOf(ForbiddenError);
  });
});
