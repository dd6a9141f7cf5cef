"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { decodeInvitation, decodeRevokeInvitation } from "@/lib/forms/account-forms.ts";
import { type FormState, saved, submittedValues, toFormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { emailConfigured } from "@/lib/subscribers/subscribe.ts";
import { resolvePublicBase } from "@/lib/urls/public-url.ts";
import { createInvitation } from "@/lib/users/invitations-create.ts";
import { revokeInvitation } from "@/lib/users/invitations-revoke.ts";
import { invitationUrl } from "@/lib/users/invitations-token.ts";

export type InviteState = FormState & { link?: string };

export async function inviteAction(_previous: InviteState, formData: FormData): Promise<InviteState> {
  const values = submittedValues(formData);
  try {
    const actor = await requireAdmin();
    const db = getDb();
    const mail = emailConfigured();
    const { token } = await createInvitation({ db, actor, input: decodeInvitation(values), mail });
    const { publicUrl } = await getPageSettings(db);
    revalidatePath("/admin/staff");
    const link = invitationUrl(resolvePublicBase({ pagePublicUrl: publicUrl }), token);
    return {
      ...saved(
        mail
          ? `Invitation sent to ${values.email?.trim()}. The link is also here, shown only now, if you prefer to pass it on yourself.`
          : `Invitation made. Email is not set up, so send this link to ${values.email?.trim()} yourself; it is shown only now.`,
      ),
      link,
    };
  } catch (error) {
    return toFormState(error, values);
  }
}

export async function revokeInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, { path: () => "/admin/staff", authorize: requireAdmin }, async ({ actor, db, values }) => {
    await revokeInvitation({ db, actor, input: decodeRevokeInvitation(values) });
    return "Invitation withdrawn: its link no longer works.";
  });
}
