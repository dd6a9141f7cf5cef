import type { Role } from "../db/generated/client.ts";

/** A staff account's identity as sign-in reads it. */
export type StaffAccount = { id: string; email: string; name: string; role: Role };

/** The signed-in staff member a domain function acts for. */
export type StaffActor = StaffAccount & { kind: "staff" };

/** What an API key may do: see lib/auth/policy.ts for which actions each scope allows. */
export const API_SCOPES = ["read", "incidents", "components", "maintenance", "subscribers", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A script or alerting tool, authenticated by an API key (lib/api-keys/authenticate-api-request.ts). */
export type ApiKeyActor = { kind: "apiKey"; id: string; name: string; scopes: ApiScope[] };

/** Whoever a domain write acts for. `authorize` (lib/auth/policy.ts) re-reads them inside the write. */
export type Actor = StaffActor | ApiKeyActor;

/**
 * Upstate acting by itself, for nobody who clicked. Made only by `systemActor` and allowed only
 * the actions the policy lists for it, so a write reached with it says so in its signature rather
 * than skipping the check. Today the maintenance scheduler and alerts (a status returning after
 * its hold, an incident an admin's alert mapping opens) go through lib/ writes; the demo seed and
 * the Statuspage importer write their rows in their own transactions, and their names are
 * reserved here for when they call a lib/ write.
 */
export type SystemActor = { kind: "system"; name: SystemName };
export type SystemName = "scheduler" | "seed" | "importer" | "alerts";

export function systemActor(name: SystemName): SystemActor {
  return { kind: "system", name };
}

export function staffActor(account: StaffAccount): StaffActor {
  return { kind: "staff", id: account.id, email: account.email, name: account.name, role: account.role };
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** How the audit log and the admin name an actor. */
export function actorLabel(actor: Actor | SystemActor): string {
  if (actor.kind === "staff") return actor.email;
  if (actor.kind === "apiKey") return `api-key:${actor.name}`;
  return actor.name;
}

/**
 * The staff account to name as author or creator of a row (Incident.createdById,
 * IncidentUpdate.authorId, ApiKey.createdById): null for an API key or Upstate itself, whose
 * changes the audit log attributes instead.
 */
export function staffIdOf(actor: Actor | SystemActor | null | undefined): string | null {
  return actor?.kind === "staff" ? actor.id : null;
}
