import { getServerSession } from "next-auth";
import { getDb } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { loadStaff } from "./load-staff.ts";
import { authOptions } from "./options.ts";

/** The signed-in, enabled staff member of this request, or null. */
export async function currentStaff(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  return loadStaff(getDb(), session?.user?.id);
}

/** For every server action and admin route: the staff member, or a ForbiddenError. */
export async function requireStaff(): Promise<Actor> {
  const staff = await currentStaff();
  if (!staff) throw new ForbiddenError("You are signed out. Sign in again in another tab; what you typed is still here.", true);
  return staff;
}

/** For admin-only actions (staff accounts, page settings). */
export async function requireAdmin(): Promise<Actor> {
  const staff = await requireStaff();
  if (staff.role !== "admin") throw new ForbiddenError("Only an admin can do this.");
  return staff;
}
