"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client.ts";
import { decodeAcceptInvitation } from "@/lib/forms/account-forms.ts";
import { type FormState, submittedValues, toFormState } from "@/lib/forms/form-state.ts";
import { acceptInvitation } from "@/lib/users/invitations-accept.ts";

/** Public on purpose: the link's token is the invitee's only credential, checked by acceptInvitation. */
export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    await acceptInvitation({
      db: getDb(),
      input: decodeAcceptInvitation(values),
    });
  } catch (error) {
    // Never echo the passwords back into the page.
    return { ...toFormState(error, values), values: { name: values.name ?? "" } };
  }
  redirect("/admin/sign-in?joined=1");
}
