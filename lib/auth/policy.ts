import type { DbOrTx } from "../db/client.ts";
import type { Role } from "../db/generated/client.ts";
import { ForbiddenError } from "../errors.ts";
import {
  type Actor,
  type ApiKeyActor,
  type ApiScope,
  isApiScope,
  type StaffActor,
  type SystemActor,
  type SystemName,
} from "./actor.ts";

type Rule = {
  /** Staff roles allowed. */
  roles: readonly Role[];
  /** The API-key scope allowed (the `admin` scope implies it), or null: no key may. */
  scope: ApiScope | null;
  /** System actors allowed (lib/auth/actor.ts `systemActor`). */
  system: readonly SystemName[];
  /** What a staff member without the role is told. */
  refusal: string;
};

const EVERY_ROLE: readonly Role[] = ["admin", "editor"];
const ADMIN: readonly Role[] = ["admin"];

/**
 * THE table of who may do what: the only place staff roles and API-key scopes are decided. Every
 * write in lib/ calls `authorize` with one of these actions inside its own transaction.
 * API keys never manage staff accounts or API keys, even with the `admin` scope: a leaked key must
 * not be able to mint more keys or accounts, nor revoke the ones that would replace it.
 */
export const POLICY = {
  /** Reading through the API (staff read through the admin pages). */
  "page.read": { roles: EVERY_ROLE, scope: "read", system: [], refusal: "You cannot read this page." },
  /** Create, post an update to, resolve, edit, delete an incident; edit its updates; record a past one. */
  "incident.write": {
    roles: EVERY_ROLE,
    scope: "incidents",
    // An alert mapping an admin gave a template opens its incident (lib/alerts).
    system: ["alerts"],
    refusal: "Only editors and admins can change incidents.",
  },
  "postmortem.write": {
    roles: EVERY_ROLE,
    scope: "incidents",
    system: [],
    refusal: "Only editors and admins can write postmortems.",
  },
  "timeline.write": {
    roles: EVERY_ROLE,
    scope: "incidents",
    system: [],
    refusal: "Only editors and admins can change a timeline.",
  },
  "template.write": {
    roles: EVERY_ROLE,
    scope: "incidents",
    system: [],
    refusal: "Only editors and admins can change templates.",
  },
  /** Set a component's status. */
  "component.status": {
    roles: EVERY_ROLE,
    scope: "components",
    // A status alerts set returns after its minimum hold (lib/alerts).
    system: ["alerts"],
    refusal: "Only editors and admins can set a component's status.",
  },
  /** Add, edit, delete and move components and groups. */
  "component.edit": {
    roles: ADMIN,
    scope: "components",
    system: [],
    refusal: "Only an admin can add, edit or delete components.",
  },
  /** Schedule, edit, start, complete, cancel maintenance and post its updates. */
  "maintenance.write": {
    roles: EVERY_ROLE,
    scope: "maintenance",
    system: ["scheduler"],
    refusal: "Only editors and admins can manage maintenance.",
  },
  /** See and change subscribers (addresses and secret endpoint URLs). */
  "subscriber.manage": {
    roles: ADMIN,
    scope: "subscribers",
    system: [],
    refusal: "Only an admin can manage subscribers.",
  },
  "page.settings": { roles: ADMIN, scope: "admin", system: [], refusal: "Only an admin can change page settings." },
  "alert.mapping": { roles: ADMIN, scope: "admin", system: [], refusal: "Only an admin can map alerts to components." },
  /** The admin-only pages and actions (settings, staff, subscribers, API keys) as a whole. */
  "admin.area": { roles: ADMIN, scope: null, system: [], refusal: "Only an admin can do this." },
  "staff.manage": { roles: ADMIN, scope: null, system: [], refusal: "Only an admin can manage staff accounts." },
  "apiKey.manage": { roles: ADMIN, scope: null, system: [], refusal: "Only an admin can manage API keys." },
  /** One's own password and two-factor: every staff member, for their own account only; never a key. */
  "account.own": { roles: EVERY_ROLE, scope: null, system: [], refusal: "Sign in to change your own account." },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

export const SIGNED_OUT_MESSAGE = "You are signed out. Sign in again in another tab; what you typed is still here.";
export const ACCOUNT_GONE_MESSAGE = "Your account is disabled or gone: ask an admin.";
export const KEY_REVOKED_MESSAGE = "This API key is revoked or gone.";

/** The API-key scopes that allow `action` (the `admin` scope allows every scoped action); empty when no key may. */
export function scopesAllowing(action: Action): ApiScope[] {
  const rule: Rule = POLICY[action];
  if (!rule.scope) return [];
  return rule.scope === "admin" ? ["admin"] : [rule.scope, "admin"];
}

function keyMay(scopes: readonly string[], action: Action): boolean {
  return scopesAllowing(action).some((scope) => scopes.includes(scope));
}

function keyRefusal(action: Action): string {
  const rule: Rule = POLICY[action];
  if (!rule.scope) return "API keys cannot do this (staff accounts and API keys are managed by an admin, in the admin).";
  return `This API key does not have the "${rule.scope}" scope${rule.scope === "admin" ? "" : ' (or "admin")'}.`;
}

/**
 * A cheap answer from what the actor carries (a session's role, a key's scopes as authenticated),
 * for hiding buttons. Never the binding check: that is `authorize`, inside the write.
 */
export function can(actor: Actor | SystemActor | null | undefined, action: Action): boolean {
  if (!actor) return false;
  const rule: Rule = POLICY[action];
  if (actor.kind === "staff") return rule.roles.includes(actor.role);
  if (actor.kind === "apiKey") return keyMay(actor.scopes, action);
  return rule.system.includes(actor.name);
}

/** `can`, throwing the refusal: a quick check before any work; `authorize` still decides. */
export function assertCan(actor: Actor | SystemActor | null | undefined, action: Action): void {
  if (!actor) throw new ForbiddenError(SIGNED_OUT_MESSAGE, true);
  if (!can(actor, action)) throw new ForbiddenError(refusalFor(actor, action));
}

function refusalFor(actor: Actor | SystemActor, action: Action): string {
  if (actor.kind === "apiKey") return keyRefusal(action);
  if (actor.kind === "system") return `Upstate's ${actor.name} may not do "${action}".`;
  return POLICY[action].refusal;
}

/**
 * The staff side of the decision, for a caller that has read (and locked) the account itself:
 * `lockAdminsAsAdmin` locks every admin row first, in order, and must not take a share lock on the
 * actor's row before that. Null means the account is gone.
 */
export function decideForAccount(account: { role: string; disabled: boolean } | null, action: Action): void {
  if (!account || account.disabled) throw new ForbiddenError(ACCOUNT_GONE_MESSAGE);
  if (!(POLICY[action].roles as readonly string[]).includes(account.role)) throw new ForbiddenError(POLICY[action].refusal);
}

/**
 * The binding check of every write, run INSIDE the write's transaction: re-reads the account (it
 * exists, is enabled, has a role allowed) or the API key (it exists, is not revoked, has a scope
 * allowed) and keeps that row share-locked until the write commits, so an account disabled or a key
 * revoked at the same moment is either refused here or changed after this write, never both.
 * Throws ForbiddenError; returns the actor as the database has it now.
 */
export async function authorize<A extends Actor | SystemActor>(
  tx: DbOrTx,
  actor: A | null | undefined,
  action: Action,
): Promise<A> {
  if (!actor) throw new ForbiddenError(SIGNED_OUT_MESSAGE, true);
  if (actor.kind === "staff") return (await authorizeStaff(tx, actor, action)) as A;
  if (actor.kind === "apiKey") return (await authorizeKey(tx, actor, action)) as A;
  if (!can(actor, action)) throw new ForbiddenError(refusalFor(actor, action));
  return actor;
}

async function authorizeStaff(tx: DbOrTx, actor: StaffActor, action: Action): Promise<StaffActor> {
  const [account] = await tx.$queryRaw<{ email: string; name: string; role: Role; disabled: boolean }[]>`
    SELECT email, name, role::text AS role, disabled FROM "User" WHERE id = ${actor.id} FOR SHARE`;
  decideForAccount(account ?? null, action);
  if (!account) throw new ForbiddenError(ACCOUNT_GONE_MESSAGE);
  return { kind: "staff", id: actor.id, email: account.email, name: account.name, role: account.role };
}

async function authorizeKey(tx: DbOrTx, actor: ApiKeyActor, action: Action): Promise<ApiKeyActor> {
  const [key] = await tx.$queryRaw<{ name: string; scopes: string[]; revokedAt: Date | null }[]>`
    SELECT name, scopes, "revokedAt" FROM "ApiKey" WHERE id = ${actor.id} FOR SHARE`;
  if (!key || key.revokedAt) throw new ForbiddenError(KEY_REVOKED_MESSAGE);
  if (!keyMay(key.scopes, action)) throw new ForbiddenError(keyRefusal(action));
  return { kind: "apiKey", id: actor.id, name: key.name, scopes: key.scopes.filter(isApiScope) };
}
