import type { Actor } from "../auth/actor.ts";
import { ForbiddenError } from "../errors.ts";

/** Adding, editing and deleting components and groups is for admins; editors set statuses. */
export function assertCanEditComponents(actor: Actor): void {
  if (actor.role !== "admin") throw new ForbiddenError("Only an admin can add, edit or delete components.");
}
