import { z } from "zod";
import { componentDescription, componentName } from "../components/schemas.ts";
import { COMPONENT_STATUSES, IMPACTS } from "../domain.ts";
import { incidentName, UPDATE_MESSAGE_MAX_LENGTH } from "../incidents/schemas.ts";
import { markdownText } from "../markdown/markdown-text.ts";
import { DATE_BOUNDS_MESSAGE, isInstantInBounds, isYearInBounds } from "../time/bounds.ts";

// The parts of Statuspage's public API payloads the importer reads. Unknown keys are ignored (the
// payloads carry many we have no use for); every field we do read is checked, enums exactly, so
// that bad input stops the import with the file and field named instead of writing odd rows.

// Years outside 1970–2100 are refused as they are in the admin (lib/time/bounds.ts).
const instant = z.iso.datetime({ offset: true }).refine((iso) => isInstantInBounds(new Date(iso)), DATE_BOUNDS_MESSAGE);
const optionalInstant = instant.nullish();

const page = z.object({ id: z.string().max(200), name: componentName, time_zone: z.string().max(100).nullish() });

// Names, descriptions and update texts meet the admin's own limits (the same schemas), so nothing
// imported is longer or slower to render than what staff may write.
const updateBody = markdownText({ what: "the message", maxLength: UPDATE_MESSAGE_MAX_LENGTH });

export const statuspageComponent = z.object({
  id: z.string().min(1).max(200),
  name: componentName,
  status: z.enum(COMPONENT_STATUSES),
  created_at: instant,
  updated_at: instant,
  position: z.number().int(),
  description: componentDescription.nullish(),
  showcase: z.boolean().nullish(),
  start_date: z.iso
    .date()
    .refine((day) => isYearInBounds(Number(day.slice(0, 4))), DATE_BOUNDS_MESSAGE)
    .nullish(),
  group_id: z.string().nullish(),
  group: z.boolean().nullish(),
  only_show_if_degraded: z.boolean().nullish(),
  components: z.array(z.string().max(200)).nullish(),
});

const affectedComponent = z.object({
  code: z.string().min(1).max(200),
  name: componentName,
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});

const INCIDENT_UPDATE_STATUSES = [
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem",
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
] as const;

const incidentUpdate = z.object({
  id: z.string().min(1).max(200),
  status: z.enum(INCIDENT_UPDATE_STATUSES),
  body: updateBody,
  created_at: instant,
  updated_at: optionalInstant,
  display_at: optionalInstant,
  affected_components: z.array(affectedComponent).nullish(),
  deliver_notifications: z.boolean().nullish(),
});

export const statuspageIncident = z.object({
  id: z.string().min(1).max(200),
  name: incidentName,
  status: z.enum(INCIDENT_UPDATE_STATUSES),
  impact: z.enum(IMPACTS),
  impact_override: z.enum(IMPACTS).nullish(),
  created_at: instant,
  updated_at: optionalInstant,
  started_at: optionalInstant,
  monitoring_at: optionalInstant,
  resolved_at: optionalInstant,
  scheduled_for: optionalInstant,
  scheduled_until: optionalInstant,
  scheduled_auto_in_progress: z.boolean().nullish(),
  scheduled_auto_completed: z.boolean().nullish(),
  incident_updates: z.array(incidentUpdate),
  components: z.array(statuspageComponent).nullish(),
});

export const componentsFile = z.object({ page, components: z.array(statuspageComponent) });
export const incidentsFile = z.object({ page, incidents: z.array(statuspageIncident) });
export const maintenancesFile = z.object({ page, scheduled_maintenances: z.array(statuspageIncident) });

export type StatuspageComponent = z.infer<typeof statuspageComponent>;
export type StatuspageIncident = z.infer<typeof statuspageIncident>;
export type StatuspageExport = {
  page: z.infer<typeof page>;
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
  maintenances: StatuspageIncident[];
};
