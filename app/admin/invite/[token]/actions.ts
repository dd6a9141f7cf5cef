"use server";

import { redirect } from "next/navigation";
import { type FormState, submittedValues, toFormState } from "@/app/admin/form-state.ts";
import { getDb } from "@/lib/db/client.ts";
import { acceptInvitation } from "@/lib/users/invitations-accept.ts";

/** Public on purpose: the link's token is the invitee's only credential, checked by acceptInvitation. */
export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    await acceptInvitation({
      db: getDb(),
      input: { token: values.token, name: values.name, password: values.password, confirmPassword: values.confirmPassword },
    });
  } catch (error) {
    // Never echo the passwords back into the page.
    return { ...toFormState(error, values), values: { name: values.name ?? "" } };
  }
  redirect("/admin/sign-in?joined=1");
}
