"use server";

import type { FormState } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { InvalidError } from "@/lib/errors.ts";
import { createUser } from "@/lib/users/create-user.ts";
import type { CreateUserInput } from "@/lib/users/schemas.ts";
import { type AccessChange, updateUserAccess } from "@/lib/users/update-user-access.ts";

// Admin-only: requireAdmin here, and the lib functions check the role again.
const ADMIN_PAGE = { path: () => "/admin/staff", authorize: requireAdmin };

export async function createUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    const { password } = await createUser({
      db,
      actor,
      idempotency,
      input: { email: values.email ?? "", name: values.name ?? "", role: values.role as CreateUserInput["role"] },
    });
    return password
      ? `Account created. Its password, shown only now: ${password}`
      : "Account created by this form's first submission, which showed its password; reset the password if it was lost.";
  });
}

const CHANGES: Record<string, AccessChange> = {
  disable: { kind: "disable" },
  enable: { kind: "enable" },
  make_admin: { kind: "role", role: "admin" },
  make_editor: { kind: "role", role: "editor" },
  reset_password: { kind: "reset_password" },
};

export async function userAccessAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    const change = CHANGES[values.intent ?? ""];
    if (!change) throw new InvalidError("Choose what to change.");
    const { password } = await updateUserAccess({ db, actor, input: { userId: values.userId ?? "" }, change });
    return password ? `New password, shown only now: ${password}` : "Saved.";
  });
}
