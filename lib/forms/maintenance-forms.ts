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
  withPrefixedGroup,
  zonedFormDecoder,
} from "./decode-form.ts";
import { AFFECTS_COMPONENT, affectsComponentField } from "./field-names.ts";
import { updateFields } from "./incident-forms.ts";
import { deliverNotificationsBox, remindBeforeMinutesSelect } from "./notify-fields.ts";

// The decoders of the maintenance pages: schedule, the list's Start / Complete buttons, post an
// update, edit the window, cancel it. Deleting one is an incident's deletion (incident-forms.ts).

/** The window's fields and `more`, for the schedule and edit forms; times are typed in the page's zone. */
const windowFields = <Shape extends z.ZodRawShape>(timeZone: string, more: Shape) =>
  withPrefixedGroup(
    {
      name: text,
      scheduledFor: requiredWallTime(timeZone),
      scheduledUntil: requiredWallTime(timeZone),
      autoStart: checkbox(),
      autoComplete: checkbox(),
      ...more,
    },
    // A ticked box is present (whatever its value), an unticked one absent.
    { prefix: AFFECTS_COMPONENT, read: prefixed(z.string()).transform(Object.keys), name: "componentIds" },
  );
const componentLists = { componentIds: affectsComponentField };

export const decodeScheduleMaintenance = zonedFormDecoder({
  fields: ({ timeZone }) =>
    windowFields(timeZone, {
      message: text,
      deliverNotifications: deliverNotificationsBox,
      remindBeforeMinutes: remindBeforeMinutesSelect,
    }),
  input: scheduleMaintenanceSchema,
  lists: componentLists,
});

export const decodeEditMaintenance = zonedFormDecoder({
  fields: ({ timeZone }) => windowFields(timeZone, { incidentId: text, version: versionNumber }),
  input: editMaintenanceSchema,
  lists: componentLists,
});

export const decodePostMaintenanceUpdate = zonedFormDecoder({
  fields: ({ timeZone }) => z.object(updateFields(timeZone, maintenanceStatus)),
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
