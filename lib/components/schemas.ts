import { z } from "zod";
import { COMPONENT_STATUSES } from "../domain.ts";

const id = z.string().min(1).max(40);
const name = z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters.");
const description = z
  .string()
  .trim()
  .max(500, "Keep the description under 500 characters.")
  .transform((v) => v || null);
const position = z.number({ error: "Enter a number." }).int("Enter a whole number.").min(0).max(10_000);
const groupId = id.nullable();

export const createComponentSchema = z.object({ name, description: description.default(""), groupId: groupId.default(null) });
export type CreateComponentInput = z.input<typeof createComponentSchema>;

export const editComponentSchema = z.object({
  componentId: id,
  version: z.number({ error: "Reload the page: the form is missing its version." }).int().nonnegative(),
  name,
  description,
  groupId,
  position,
});
export type EditComponentInput = z.input<typeof editComponentSchema>;

export const setComponentStatusSchema = z.object({
  componentId: id,
  status: z.enum(COMPONENT_STATUSES, { error: "Choose a status." }),
});
export type SetComponentStatusInput = z.input<typeof setComponentStatusSchema>;

export const saveGroupSchema = z.object({ groupId: id.nullable().default(null), name, position: position.default(0) });
export type SaveGroupInput = z.input<typeof saveGroupSchema>;

export const deleteGroupSchema = z.object({ groupId: id });
