import { z } from "zod";
import { confirmTotpSchema } from "../auth/totp-confirm-enrolment.ts";
import { disableTotpSchema } from "../auth/totp-disable.ts";
import { staffSettingsSchema } from "../page/update-staff-settings.ts";
import { changeOwnPasswordSchema } from "../users/change-own-password.ts";
import { acceptInvitationSchema } from "../users/invitations-accept.ts";
import { createInvitationSchema } from "../users/invitations-create.ts";
import { revokeInvitationSchema } from "../users/invitations-revoke.ts";
import { checkbox, choice, formDecoder, text } from "./decode-form.ts";

// The decoders of the staff account flows: one's own password and two-factor (the account page),
// invitations (the staff page, and the invitee's page), and the staff settings.

export const decodeChangePassword = formDecoder({
  fields: z.object({ currentPassword: text, newPassword: text, confirmPassword: text }),
  input: changeOwnPasswordSchema,
});

export const decodeConfirmTotp = formDecoder({ fields: z.object({ code: text }), input: confirmTotpSchema });

export const decodeDisableTotp = formDecoder({ fields: z.object({ proof: text }), input: disableTotpSchema });

export const decodeInvitation = formDecoder({
  fields: z.object({ email: text, role: choice(createInvitationSchema.shape.role) }),
  input: createInvitationSchema,
});

export const decodeRevokeInvitation = formDecoder({ fields: z.object({ invitationId: text }), input: revokeInvitationSchema });

export const decodeAcceptInvitation = formDecoder({
  fields: z.object({ token: text, name: text, password: text, confirmPassword: text }),
  input: acceptInvitationSchema,
});

/** The staff settings: `requireTwoFactor` a checkbox, the reminder interval minutes or `off`. */
export const decodeStaffSettings = formDecoder({
  fields: z.object({
    requireTwoFactor: checkbox(),
    staffReminderMinutes: z
      .string()
      .optional()
      .transform((value) => (value === "off" ? null : value ? Number(value) : Number.NaN)),
  }),
  input: staffSettingsSchema,
});
