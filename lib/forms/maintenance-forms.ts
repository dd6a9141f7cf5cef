import { z } from "zod";
import {
  cancelMaintenanceSchema,
  editMaintenanceSchema,
  maintenanceStatus,
  postMaintenanceUpdateSchema,
  scheduleMaintenanceSchema,
} from "../maintenance/schemas.ts";
import {
  checkbox,
  formDecoder,
  prefixed,
  readIntent,
  requiredWallTime,
  text,
  versionNumber,
  wallTime,
  zonedFormDecoder,
} from "./decode-form.ts";
import { AFFECTS_COMPONENT, affectsComponentField } from "./field-names.ts";
import { deliverNotificationsBox, remindBeforeMinutesSelect } from "./notify-fields.ts";

// The decoders of the maintenance pages: schedule, the list's Start / Complete buttons, post an
// update, edit the window, cancel it. Deleting one is an incident's deletion (incident-forms.ts).

/** The window's fields, shared by the schedule and edit forms; times are typed in the page's zone. */
const windowFields = (timeZone: string) => ({
  name: text,
  scheduledFor: requiredWallTime(timeZone),
  scheduledUntil: requiredWallTime(timeZone),
  // A ticked box is present (whatever its value), an unticked one absent.
  [AFFECTS_COMPONENT]: prefixed(z.string()).transform((affected) => Object.keys(affected)),
  autoStart: checkbox(),
  autoComplete: checkbox(),
});
const componentLists = { componentIds: affectsComponentField };

export const decodeScheduleMaintenance = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({
        ...windowFields(timeZone),
        message: text,
        deliverNotifications: deliverNotificationsBox,
        remindBeforeMinutes: remindBeforeMinutesSelect,
      })
      .transform(({ [AFFECTS_COMPONENT]: componentIds, ...fields }) => ({ ...fields, componentIds })),
  input: scheduleMaintenanceSchema,
  lists: componentLists,
});

export const decodeEditMaintenance = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({ ...windowFields(timeZone), incidentId: text, version: versionNumber })
      .transform(({ [AFFECTS_COMPONENT]: componentIds, ...fields }) => ({ ...fields, componentIds })),
  input: editMaintenanceSchema,
  lists: componentLists,
});

export const decodePostMaintenanceUpdate = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z.object({
      incidentId: text,
      status: maintenanceStatus,
      message: text,
      displayAt: wallTime(timeZone),
      deliverNotifications: deliverNotificationsBox,
    }),
  input: postMaintenanceUpdateSchema,
});

/** The list's quick buttons: start now or complete now. */
export const readMaintenanceStep = (values: Record<string, string>) =>
  readIntent(values, ["start", "complete"] as const, { refusal: "Choose what to do." });

/** The window a quick button acts on, and whether to notify. */
export const decodeMaintenanceStep = formDecoder({
  fields: z.object({ incidentId: text, deliverNotifications: deliverNotificationsBox }),
  input: postMaintenanceUpdateSchema.pick({ incidentId: true, deliverNotifications: true }),
});

export const decodeCancelMaintenance = formDecoder({
  fields: z.object({ incidentId: text, message: z.string().optional(), deliverNotifications: deliverNotificationsBox }),
  input: cancelMaintenanceSchema,
});
