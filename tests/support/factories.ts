import { randomBytes } from "node:crypto";
import type { Actor } from "../../lib/auth/actor.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import type { Db, DbOrTx } from "../../lib/db/client.ts";
import type { ComponentStatus } from "../../lib/domain.ts";
import { createIncident } from "../../lib/incidents/create-incident.ts";

const unique = () => randomBytes(4).toString("hex");

/** A staff account with a password; email unique per call unless given. */
export async function makeStaff(
  db: DbOrTx,
  options: { email?: string; password?: string; role?: "admin" | "editor"; disabled?: boolean } = {},
): Promise<Actor & { password: string }> {
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
  return { id: user.id, email: user.email, name: user.name, role: user.role, password };
}

export async function makeComponent(db: DbOrTx, options: { name?: string; status?: ComponentStatus } = {}) {
  return db.component.create({
    data: {
      name: options.name ?? `Component ${unique()}`,
      status: options.status ?? "operational",
      startDate: new Date("2024-01-01"),
    },
  });
}

/** An open incident with one update, made through the real write function. */
export async function makeIncident(db: Db, options: { actor?: Actor; name?: string; displayAt?: Date } = {}) {
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
