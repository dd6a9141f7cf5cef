import { z } from "zod";
import { COMPONENT_STATUSES } from "../domain.ts";

const id = z.string().min(1).max(40);
export const componentName = z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters.");
const name = componentName;
export const componentDescription = z.string().trim().max(500, "Keep the description under 500 characters.");
const description = componentDescription.transform((v) => v || null);
const groupId = id.nullable();

export const createComponentSchema = z.object({ name, description: description.default(""), groupId: groupId.default(null) });
export type CreateComponentInput = z.input<typeof createComponentSchema>;

export const editComponentSchema = z.object({
  componentId: id,
  version: z.number({ error: "Reload the page: the form is missing its version." }).int().nonnegative(),
  name,
  description,
  groupId,
  /** Show its uptime bars on the public page (absent: unchanged). */
  showUptime: z.boolean().optional(),
  /** List it on the public page only while it is not operational (absent: unchanged). */
  hideWhileOperational: z.boolean().optional(),
});
export type EditComponentInput = z.input<typeof editComponentSchema>;

export const setComponentStatusSchema = z.object({
  componentId: id,
  status: z.enum(COMPONENT_STATUSES, { error: "Choose a status." }),
  /** Tell the component's subscribers. */
  deliverNotifications: z.boolean().default(true),
});
export type SetComponentStatusInput = z.input<typeof setComponentStatusSchema>;

export const setComponentStatusesSchema = z
  .object({
    componentIds: z.array(id).max(500, "Choose at most 500 components.").default([]),
    /** Every component in these groups too. */
    groupIds: z.array(id).max(100, "Choose at most 100 groups.").default([]),
    status: z.enum(COMPONENT_STATUSES, { error: "Choose a status." }),
    /** Tell each component's subscribers. */
    deliverNotifications: z.boolean().default(true),
  })
  .refine((input) => input.componentIds.length + input.groupIds.length > 0, {
    path: ["componentIds"],
    message: "Choose at least one component.",
  });
export type SetComponentStatusesInput = z.input<typeof setComponentStatusesSchema>;

export const saveGroupSchema = z.object({ groupId: id.nullable().default(null), name });
export type SaveGroupInput = z.input<typeof saveGroupSchema>;

const direction = z.enum(["up", "down"], { error: "Choose up or down." });
export const moveComponentSchema = z.object({ componentId: id, direction });
export type MoveComponentInput = z.input<typeof moveComponentSchema>;
export const moveComponentGroupSchema = z.object({ groupId: id, direction });
export type MoveComponentGroupInput = z.input<typeof moveComponentGroupSchema>;

const index = z.number({ error: "Choose a place." }).int("Choose a place.").nonnegative("Choose a place.");
/**
 * Drag and drop, or "Move to group": the place (from 0) among its siblings, past the end (or none)
 * meaning last; among those of `toGroupId` when given (null: outside any group, at the page's top
 * level), else among those of its own group.
 */
export const placeComponentSchema = z.object({
  componentId: id,
  index: index.optional(),
  toGroupId: id.nullable().optional(),
});
export type PlaceComponentInput = z.input<typeof placeComponentSchema>;
export const placeComponentGroupSchema = z.object({ groupId: id, index });
export type PlaceComponentGroupInput = z.input<typeof placeComponentGroupSchema>;

export const deleteGroupSchema = z.object({ groupId: id });
