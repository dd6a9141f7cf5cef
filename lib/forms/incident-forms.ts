import { z } from "zod";
import {
  componentStatus,
  createIncidentSchema,
  deleteIncidentSchema,
  editIncidentSchema,
  editUpdateSchema,
  impactOverride,
  incidentStatus,
  postUpdateSchema,
  recordPastIncidentSchema,
  resolveIncidentSchema,
} from "../incidents/schemas.ts";
import {
  choice,
  formDecoder,
  prefixed,
  quickTime,
  requiredWallTime,
  text,
  versionNumber,
  wallTime,
  withPrefixedGroup,
  zonedFormDecoder,
} from "./decode-form.ts";
import { COMPONENT_CHANGE, componentChangeField, KEEP_COMPONENT } from "./field-names.ts";
import { deliverNotificationsBox } from "./notify-fields.ts";

// The decoders of the incident forms: new, past, post an update, resolve, edit an update, edit
// the incident, delete it. Components changed by an update are `component:<id>` selects.

/** The `component:<id>` selects: the chosen statuses, empty ones (no change) left out. */
const componentChanges = prefixed(choice(componentStatus.optional())).transform((statuses) =>
  Object.entries(statuses).flatMap(([componentId, status]) => (status ? [{ componentId, status }] : [])),
);
const withComponentChanges = <Shape extends z.ZodRawShape>(shape: Shape) =>
  withPrefixedGroup(shape, { prefix: COMPONENT_CHANGE, read: componentChanges, name: "components" });
const componentLists = { components: (change: { componentId: string }) => componentChangeField(change.componentId) };
const impact = choice(impactOverride, null);

export const decodeNewIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    withComponentChanges({
      name: text,
      status: incidentStatus,
      impactOverride: impact,
      message: text,
      displayAt: quickTime(timeZone),
      deliverNotifications: deliverNotificationsBox,
    }),
  input: createIncidentSchema,
  lists: componentLists,
});

export const decodePastIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    withComponentChanges({
      name: text,
      impactOverride: impact,
      message: text,
      startedAt: requiredWallTime(timeZone),
      resolvedAt: requiredWallTime(timeZone),
      displayAt: wallTime(timeZone),
    }),
  input: recordPastIncidentSchema,
  lists: componentLists,
});

/** A new update's fields, on an incident or a maintenance window (components/admin/update-fields.tsx). */
export const updateFields = <Status extends z.ZodType>(timeZone: string, status: Status) => ({
  incidentId: text,
  status,
  message: text,
  displayAt: quickTime(timeZone),
  deliverNotifications: deliverNotificationsBox,
});

export const decodePostUpdate = zonedFormDecoder({
  fields: ({ timeZone }) => withComponentChanges(updateFields(timeZone, incidentStatus)),
  input: postUpdateSchema,
  lists: componentLists,
});

export const decodeResolveIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    withPrefixedGroup(
      { incidentId: text, message: text, displayAt: quickTime(timeZone), deliverNotifications: deliverNotificationsBox },
      // A ticked box is present (whatever its value), an unticked one absent.
      { prefix: KEEP_COMPONENT, read: prefixed(z.string()).transform(Object.keys), name: "keepComponentIds" },
    ),
  input: resolveIncidentSchema,
});

export const decodeEditUpdate = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z.object({
      updateId: text,
      version: versionNumber,
      message: text,
      displayAt: requiredWallTime(timeZone, "Enter the time to show."),
    }),
  input: editUpdateSchema,
});

export const decodeEditIncident = formDecoder({
  fields: z.object({ incidentId: text, version: versionNumber, name: text, impactOverride: impact }),
  input: editIncidentSchema,
});

/** Deleting an incident or a maintenance window (lib/incidents/delete-incident.ts serves both). */
export const decodeDeleteIncident = formDecoder({ fields: z.object({ incidentId: text }), input: deleteIncidentSchema });
