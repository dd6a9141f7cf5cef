import { z } from "zod";
import {
  createComponentSchema,
  deleteGroupSchema,
  editComponentSchema,
  moveComponentGroupSchema,
  moveComponentSchema,
  placeComponentGroupSchema,
  placeComponentSchema,
  saveGroupSchema,
  setComponentStatusesSchema,
  setComponentStatusSchema,
} from "../components/schemas.ts";
import { checkbox, choice, formDecoder, prefixed, readIntent, text, textOrNull, versionNumber } from "./decode-form.ts";
import { BULK_COMPONENT, BULK_GROUP } from "./field-names.ts";
import { deliverNotificationsBox } from "./notify-fields.ts";

// The decoders of the components page: a component's status, its editor (save, delete), a new
// component, a group's editor (save, delete) and the Move up / Move down buttons.

export const decodeSetComponentStatus = formDecoder({
  fields: z.object({
    componentId: text,
    status: setComponentStatusSchema.shape.status,
    deliverNotifications: deliverNotificationsBox,
  }),
  input: setComponentStatusSchema,
});

/** The bulk status change: the ticked components' and groups' boxes (present when ticked), one status. */
export const decodeSetComponentStatuses = formDecoder({
  fields: z
    .object({
      [BULK_COMPONENT]: prefixed(z.string()),
      [BULK_GROUP]: prefixed(z.string()),
      status: choice(setComponentStatusesSchema.shape.status),
      deliverNotifications: deliverNotificationsBox,
    })
    .transform(({ [BULK_COMPONENT]: components, [BULK_GROUP]: groups, ...rest }) => ({
      ...rest,
      componentIds: Object.keys(components),
      groupIds: Object.keys(groups),
    })),
  input: setComponentStatusesSchema,
});

export const decodeCreateComponent = formDecoder({
  fields: z.object({ name: text, description: text, groupId: textOrNull }),
  input: createComponentSchema,
});

/** Save is the editors' main button; delete asks for confirmation (components) or not (groups). */
export const readEditorIntent = (values: Record<string, string>) =>
  readIntent(values, ["save", "delete"] as const, { fallback: "save" });

export const decodeEditComponent = formDecoder({
  fields: z.object({
    componentId: text,
    version: versionNumber,
    name: text,
    description: text,
    groupId: textOrNull,
    showUptime: checkbox(),
    hideWhileOperational: checkbox(),
  }),
  input: editComponentSchema,
});

export const decodeDeleteComponent = formDecoder({
  fields: z.object({ componentId: text }),
  input: setComponentStatusSchema.pick({ componentId: true }),
});

/** A group's editor: no groupId adds a new group. */
export const decodeSaveGroup = formDecoder({ fields: z.object({ groupId: textOrNull, name: text }), input: saveGroupSchema });

export const decodeDeleteGroup = formDecoder({ fields: z.object({ groupId: text }), input: deleteGroupSchema });

/** Move up / Move down: a group's buttons carry `groupId`, a component's `componentId`. */
export function decodeMove(values: Record<string, string>) {
  return values.groupId
    ? { kind: "group" as const, input: decodeMoveGroup(values) }
    : { kind: "component" as const, input: decodeMoveComponent(values) };
}

const direction = moveComponentSchema.shape.direction;
const decodeMoveGroup = formDecoder({ fields: z.object({ groupId: text, direction }), input: moveComponentGroupSchema });
const decodeMoveComponent = formDecoder({ fields: z.object({ componentId: text, direction }), input: moveComponentSchema });

/**
 * A drop after a drag, or "Move to group": the item (`groupId` or `componentId`) and its new place
 * among its siblings (`index`); a component may name the group it moves into (`toGroupId`, empty
 * for none), and without `index` goes last there.
 */
export function decodePlace(values: Record<string, string>) {
  return values.groupId
    ? { kind: "group" as const, input: decodePlaceGroup(values) }
    : { kind: "component" as const, input: decodePlaceComponent(values) };
}

/** A place from 0; garbled reads as NaN, which the write refuses ("Choose a place"). */
const place = z.string().transform((value) => (/^\d+$/.test(value) ? Number(value) : Number.NaN));
const decodePlaceGroup = formDecoder({
  fields: z.object({ groupId: text, index: place.optional().transform((value) => value ?? Number.NaN) }),
  input: placeComponentGroupSchema,
});
const decodePlaceComponent = formDecoder({
  fields: z.object({
    componentId: text,
    index: place.optional(),
    // Absent: it stays in its group; empty: out of any group.
    toGroupId: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? undefined : value || null)),
  }),
  input: placeComponentSchema,
});
