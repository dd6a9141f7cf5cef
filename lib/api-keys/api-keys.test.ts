import { describe, expect, it } from "vitest";
import { ownDatabase, testDb } from "../../tests/support/db.ts";
import { makeApiKey, makeStaff } from "../../tests/support/factories.ts";
import { ForbiddenError, InvalidError, RateLimitedError, UnauthorizedError } from "../errors.ts";
import { authenticateApiRequest, readApiKey } from "./authenticate-api-request.ts";
import { createApiKey } from "./create-api-key.ts";
import { BOOTSTRAP_KEY_NAME, ensureBootstrapApiKey } from "./ensure-bootstrap-api-key.ts";
import { listApiKeys } from "./queries.ts";
import { revokeApiKey } from "./revoke-api-key.ts";
import { hashApiKey } from "./secret.ts";

const auth = (value: string) => new Headers({ authorization: value });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("API keys", () => {
  it("an admin creates a key: the secret is returned once, only its hash and prefix are kept, and it is audited", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const created = await createApiKey({
      db,
      actor: admin,
      input: { name: " Alertmanager ", scopes: ["components", "components"] },
    });
    expect(created.secret).toMatch(/^ups_[0-9a-f]{48}$/);
    expect(created).toMatchObject({ name: "Alertmanager", scopes: ["components"], prefix: created.secret.slice(0, 12) });
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretHash).toBe(hashApiKey(created.secret));
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: "api_key", targetId: created.id } });
    expect(audit).toMatchObject({ action: "api_key.created", actorId: admin.id, actorEmail: admin.email });
    const listed = (await listApiKeys(db)).find((key) => key.id === created.id);
    expect(listed).toMatchObject({ name: "Alertmanager", createdBy: admin.email, revokedAt: null, lastUsedAt: null });
  });

  it("refuses a nameless or scopeless key, naming the field", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const error = await rejection(createApiKey({ db, actor: admin, input: { name: "", scopes: [] } }));
    expect(error).toBeInstanceOf(InvalidError);
    expect(Object.keys((error as InvalidError).fieldErrors).sort()).toEqual(["name", "scopes"]);
  });

  it("editors and keys (even with the admin scope) cannot create or revoke keys", async () => {
    // A database of its own: it counts every row, and other files write to the shared one meanwhile.
    const { db } = await ownDatabase();
    const editor = await makeStaff(db);
    const adminKey = await makeApiKey(db, { scopes: ["admin"] });
    const before = await db.apiKey.count();
    for (const actor of [editor, adminKey]) {
      await expect(createApiKey({ db, actor, input: { name: "Sneaky", scopes: ["admin"] } })).rejects.toThrow(ForbiddenError);
      await expect(revokeApiKey({ db, actor, input: { apiKeyId: adminKey.id } })).rejects.toThrow(ForbiddenError);
    }
    expect(await db.apiKey.count()).toBe(before);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: adminKey.id } })).revokedAt).toBeNull();
  });

  it("authenticates `OAuth <key>` and `Bearer <key>`, and refuses a missing, wrong or revoked key with 401", async () => {
    const db = testDb();
    const admin = await makeStaff(db, { role: "admin" });
    const key = await makeApiKey(db, { scopes: ["incidents", "read"] });
    for (const header of [`OAuth ${key.secret}`, `Bearer ${key.secret}`, `bearer  ${key.secret} `]) {
      expect(await authenticateApiRequest(db, auth(header))).toEqual({
        kind: "apiKey",
        id: key.id,
        name: key.name,
        scopes: ["incidents", "read"],
      });
    }
    expect(readApiKey(new Headers())).toBeNull();
    expect(await rejection(authenticateApiRequest(db, new Headers()))).toBeInstanceOf(UnauthorizedError);
    expect(await rejection(authenticateApiRequest(db, auth(`Basic ${key.secret}`)))).toBeInstanceOf(UnauthorizedError);
    expect(await rejection(authenticateApiRequest(db, auth(`OAuth ${key.secret}x`)))).toBeInstanceOf(UnauthorizedError);
    expect(await revokeApiKey({ db, actor: admin, input: { apiKeyId: key.id } })).toBe(true);
    expect(await revokeApiKey({ db, actor: admin, input: { apiKeyId: key.id } })).toBe(false);
    expect(await rejection(authenticateApiRequest(db, auth(`OAuth ${key.secret}`)))).toBeInstanceOf(UnauthorizedError);
  });

  it("records the last use at most once a minute", async () => {
    const db = testDb();
    const key = await makeApiKey(db);
    const t0 = Date.parse("2030-01-01T00:00:00Z");
    await authenticateApiRequest(db, auth(`Bearer ${key.secret}`), { now: t0 });
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.getTime();
    expect(await lastUsed()).toBe(t0);
    await authenticateApiRequest(db, auth(`Bearer ${key.secret}`), { now: t0 + 30_000 });
    expect(await lastUsed()).toBe(t0);
    await authenticateApiRequest(db, auth(`Bearer ${key.secret}`), { now: t0 + 61_000 });
    expect(await lastUsed()).toBe(t0 + 61_000);
  });

  it("limits each key to its requests a minute, then answers with how long to wait", async () => {
    const db = testDb();
    const [busy, other] = [await makeApiKey(db), await makeApiKey(db)];
    const now = Date.parse("2030-01-02T00:00:00Z");
    const call = (key: { secret: string }, at = now) =>
      authenticateApiRequest(db, auth(`Bearer ${key.secret}`), { ratePerMinute: 3, now: at });
    for (let i = 0; i < 3; i++) await call(busy);
    const limited = await rejection(call(busy));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterSeconds).toBe(20);
    // Another key is not held back by the busy one, and the busy one gets a request back after 20 s.
    await call(other);
    await call(busy, now + 20_000);
  });

  it("the bootstrap key is created with every scope, re-enabled after a revoke, and retired when the secret changes", async () => {
    const db = testDb();
    await db.apiKey.updateMany({ where: { name: BOOTSTRAP_KEY_NAME }, data: { name: "old bootstrap" } });
    const secret = `bootstrap-${"b".repeat(30)}`;
    expect(await ensureBootstrapApiKey({ db, secret })).toMatchObject({ outcome: "created" });
    expect(await ensureBootstrapApiKey({ db, secret })).toMatchObject({ outcome: "exists" });
    const actor = await authenticateApiRequest(db, auth(`OAuth ${secret}`));
    expect(actor.name).toBe(BOOTSTRAP_KEY_NAME);
    expect([...actor.scopes].sort()).toEqual(["admin", "components", "incidents", "maintenance", "read", "subscribers"]);
    const admin = await makeStaff(db, { role: "admin" });
    await revokeApiKey({ db, actor: admin, input: { apiKeyId: actor.id } });
    expect(await ensureBootstrapApiKey({ db, secret })).toMatchObject({ outcome: "reenabled" });
    expect((await authenticateApiRequest(db, auth(`OAuth ${secret}`))).id).toBe(actor.id);
    const rotated = `rotated-${"r".repeat(30)}`;
    expect(await ensureBootstrapApiKey({ db, secret: rotated })).toMatchObject({ outcome: "created" });
    expect(await rejection(authenticateApiRequest(db, auth(`OAuth ${secret}`)))).toBeInstanceOf(UnauthorizedError);
    expect((await authenticateApiRequest(db, auth(`OAuth ${rotated}`))).name).toBe(BOOTSTRAP_KEY_NAME);
    const actions = await db.auditLog.findMany({
      where: { action: { contains: "_from_env" }, targetType: "api_key" },
      orderBy: { id: "asc" },
    });
    expect(actions.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["api_key.created_from_env", "api_key.reenabled_from_env", "api_key.revoked_from_env"]),
    );
  });
});
