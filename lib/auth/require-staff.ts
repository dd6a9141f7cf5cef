import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import { mustEnrolTwoFactor } from "../users/two-factor-requirement.ts";
import type { StaffActor } from "./actor.ts";
import { loadSessionStaff } from "./load-staff.ts";
import { authOptions } from "./options.ts";
import { type Action, assertCan, can } from "./policy.ts";

/**
 * The signed-in, enabled staff member of this request, or null. Read once per render (a page, its
 * metadata and its layout all ask).
 */
export const currentStaff = cache(async (): Promise<StaffActor | null> => {
  const session = await getServerSession(authOptions);
  return loadSessionStaff(getDb(), {
    userId: session?.user?.id,
    sessionVersion: session?.sessionVersion,
    signedInAt: session?.signedInAt,
  });
});

/** For every server action and admin route: the staff member, or a ForbiddenError. */
export async function requireStaff(): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) throw new ForbiddenError("You are signed out. Sign in again in another tab; what you typed is still here.", true);
  return staff;
}

/** For admin-only actions (staff accounts, page settings): the policy's "admin.area". */
export async function requireAdmin(): Promise<StaffActor> {
  return requireStaffFor("admin.area");
}

/** For an action the policy allows only some staff: the staff member, or its ForbiddenError. */
export async function requireStaffFor(action: Action): Promise<StaffActor> {
  const staff = await requireStaff();
  assertCan(staff, action);
  return staff;
}

/** Where staff set their password and two-factor; those the page requires two-factor of are sent here first. */
const ACCOUNT_PATH = "/admin/account";

/**
 * The first call of every staff page (and of its generateMetadata): the staff member, or a
 * redirect to sign-in that comes back to `path`. The (staff) layout checks too, but it is not
 * enough: for a client-side navigation Next renders only the page, not a layout the browser
 * says it already has, so a request shaped like one would skip the layout's check.
 */
export async function requireStaffPage(path: string): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) redirect(`/admin/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (path !== ACCOUNT_PATH && (await mustEnrolTwoFactor(getDb(), staff.id))) redirect(ACCOUNT_PATH);
  return staff;
}

/** For admin-only pages: an editor is told nothing is there. */
export async function requireAdminPage(path: string): Promise<StaffActor> {
  return requireStaffPageFor(path, "admin.area");
}

/** For pages of an action the policy allows only some staff (lib/auth/policy.ts): others get a 404. */
export async function requireStaffPageFor(path: string, action: Action): Promise<StaffActor> {
  const staff = await requireStaffPage(path);
  if (!can(staff, action)) notFound();
  return staff;
}
