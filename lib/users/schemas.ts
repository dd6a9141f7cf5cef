import { z } from "zod";

const id = z.string().min(1).max(40);
/** The shortest password a staff account may be given (ADMIN_PASSWORD is checked against it). */
export const MIN_PASSWORD_LENGTH = 8;

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address.").max(320),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  role: z.enum(["admin", "editor"], { error: "Choose a role." }),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeUserSchema = z.object({ userId: id });
export const changeRoleSchema = z.object({ userId: id, role: z.enum(["admin", "editor"], { error: "Choose a role." }) });
