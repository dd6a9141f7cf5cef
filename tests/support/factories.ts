import { randomBytes } from "node:crypto";
import { generateApiKey, hashApiKey, shownPrefix } from "../../lib/api-keys/secret.ts";
import type { Actor, ApiKeyActor, ApiScope, StaffActor } from "../../lib/auth/actor.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import type { Db, DbOrTx } from "../../lib/db/client.ts";
import type { ComponentStatus } from "../../lib/domain.ts";
import { createIncident } from "../../lib/incidents/create-incident.ts";

const unique = () => randomBytes(4).toString("hex");

/** A staff account with a password; email unique per call unless given. */
export async function makeStaff(
  db: DbOrTx,
  options: { email?: string; password?: string; role?: "admin" | "editor"; disabled?: boolean } = {},
): Promise<StaffActor & { password: string }> {
  const password = options.password ?? `pw-${unique()}-secret`;
  const user = await db.user.create({
    data: {
      email: options.email ?? `staff-${unique()}@example.com`,
      name: "Test Staff",
      passwordHash: await hashPassword(password),
      role: options.role ?? "editor",
      disabled: options.disabled ?? false,
    },
  });
  return { kind: "staff", id: user.id, email: user.email, name: user.name, role: user.role, password };
}

/**
 * An API key straight in the database (no admin needed), with its secret for an Authorization
 * header and the actor a request with it authenticates as.
 */
export async function makeApiKey(
  db: DbOrTx,
  options: { scopes?: ApiScope[]; name?: string; revoked?: boolean } = {},
): Promise<ApiKeyActor & { secret: string }> {
  const secret = generateApiKey();
  const scopes = options.scopes ?? ["admin"];
  const key = await db.apiKey.create({
    data: {
      name: options.name ?? `Key ${unique()}`,
      prefix: shownPrefix(secret),
      secretHash: hashApiKey(secret),
      scopes,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { kind: "apiKey", id: key.id, name: key.name, scopes, secret };
}

export async function makeComponent(db: DbOrTx, options: { name?: string; status?: ComponentStatus; position?: number } = {}) {
  return db.component.create({
    data: {
      name: options.name ?? `Component ${unique()}`,
      status: options.status ?? "operational",
      startDate: new Date("2024-01-01"),
      position: options.position,
    },
  });
}

/**
 * For browser tests, which share their server's demo page with the specs after them: a component
 * placed after everything on the page (as the admin places a new one), so a spec that checks the
 * demo page's order (admin-components) finds it unchanged at the top.
 */
export const LAST_ON_PAGE = 1_000_000;

/** An open incident with one update, made through the real write function. */
export async function makeIncident<A extends Actor = StaffActor>(
  db: Db,
  options: { actor?: A; name?: string; displayAt?: Date } = {},
): Promise<{ id: string; actor: A | StaffActor }> {
  const actor = options.actor ?? (await makeStaff(db));
  const { id } = await createIncident({
    db,
    actor,
    input: {
      name: options.name ?? `Incident ${unique()}`,
      status: "investigating",
      message: "Looking into it.",
      displayAt: options.displayAt,
    },
  });
  return { id, actor };
}
