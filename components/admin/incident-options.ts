import { INCIDENT_STATUS_LABELS, INCIDENT_STATUSES } from "@/lib/domain.ts";

export const INCIDENT_STATUS_OPTIONS = INCIDENT_STATUSES.map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }));

export const IMPACT_OVERRIDE_OPTIONS = [
  { value: "", label: "From the components (default)" },
  { value: "none", label: "None" },
  { value: "minor", label: "Minor" },
  { value: "major", label: "Major" },
  { value: "critical", label: "Critical" },
];
