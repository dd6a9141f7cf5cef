"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { decodeAccessChange, decodeCreateUser } from "@/lib/forms/staff-forms.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { updateUserAccess } from "@/lib/users/update-user-access.ts";

// Admin-only: requireAdmin here, and the lib functions check the role again.
const ADMIN_PAGE = { path: () => "/admin/staff", authorize: requireAdmin };

export async function createUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    const { password } = await createUser({ db, actor, idempotency, input: decodeCreateUser(values) });
    return password
      ? `Account created. Its password, shown only now: ${password}`
      : "Account created by this form's first submission, which showed its password; reset the password if it was lost.";
  });
}

export async function userAccessAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    const { input, change } = decodeAccessChange(values);
    const { password } = await updateUserAccess({ db, actor, input, change });
    return password ? `New password, shown only now: ${password}` : "Saved.";
  });
}
