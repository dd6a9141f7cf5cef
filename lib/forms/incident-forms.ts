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
  requiredWallTime,
  text,
  versionNumber,
  wallTime,
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
const componentLists = { components: (change: { componentId: string }) => componentChangeField(change.componentId) };
const impact = choice(impactOverride);

export const decodeNewIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({
        name: text,
        status: incidentStatus,
        impactOverride: impact,
        message: text,
        [COMPONENT_CHANGE]: componentChanges,
        displayAt: wallTime(timeZone),
        deliverNotifications: deliverNotificationsBox,
      })
      .transform(({ [COMPONENT_CHANGE]: components, ...fields }) => ({ ...fields, components })),
  input: createIncidentSchema,
  lists: componentLists,
});

export const decodePastIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({
        name: text,
        impactOverride: impact,
        message: text,
        [COMPONENT_CHANGE]: componentChanges,
        startedAt: requiredWallTime(timeZone),
        resolvedAt: requiredWallTime(timeZone),
        displayAt: wallTime(timeZone),
      })
      .transform(({ [COMPONENT_CHANGE]: components, ...fields }) => ({ ...fields, components })),
  input: recordPastIncidentSchema,
  lists: componentLists,
});

export const decodePostUpdate = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({
        incidentId: text,
        status: incidentStatus,
        message: text,
        [COMPONENT_CHANGE]: componentChanges,
        displayAt: wallTime(timeZone),
        deliverNotifications: deliverNotificationsBox,
      })
      .transform(({ [COMPONENT_CHANGE]: components, ...fields }) => ({ ...fields, components })),
  input: postUpdateSchema,
  lists: componentLists,
});

export const decodeResolveIncident = zonedFormDecoder({
  fields: ({ timeZone }) =>
    z
      .object({
        incidentId: text,
        message: text,
        displayAt: wallTime(timeZone),
        // A ticked box is present (whatever its value), an unticked one absent.
        [KEEP_COMPONENT]: prefixed(z.string()),
        deliverNotifications: deliverNotificationsBox,
      })
      .transform(({ [KEEP_COMPONENT]: kept, ...fields }) => ({ ...fields, keepComponentIds: Object.keys(kept) })),
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
