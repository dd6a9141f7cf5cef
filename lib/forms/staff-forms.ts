import { z } from "zod";
import { changeUserSchema, createUserSchema } from "../users/schemas.ts";
import type { AccessChange } from "../users/update-user-access.ts";
import { formDecoder, readIntent, text } from "./decode-form.ts";

// The decoders of the staff page: a new account, and the buttons that change one's access.

export const decodeCreateUser = formDecoder({
  fields: z.object({ email: text, name: text, role: createUserSchema.shape.role }),
  input: createUserSchema,
});

const INTENTS = ["disable", "enable", "make_admin", "make_editor", "reset_password"] as const;
const CHANGES: Record<(typeof INTENTS)[number], AccessChange> = {
  disable: { kind: "disable" },
  enable: { kind: "enable" },
  make_admin: { kind: "role", role: "admin" },
  make_editor: { kind: "role", role: "editor" },
  reset_password: { kind: "reset_password" },
};

const decodeUserId = formDecoder({ fields: z.object({ userId: text }), input: changeUserSchema });

/** Which account, and the change its pressed button asks for. */
export function decodeAccessChange(values: Record<string, string>): { input: { userId: string }; change: AccessChange } {
  const change = CHANGES[readIntent(values, INTENTS, { refusal: "Choose what to change." })];
  return { input: decodeUserId(values), change };
}
