import { readFileSync } from "node:fs";
import path from "node:path";
import { deriveShape, type Shape } from "./json-shape.ts";

// The real Statuspage payloads (tests/fixtures/statuspage/README.md says where each comes from),
// combined per endpoint so that every object our API returns has real samples to be compared with.

const dir = path.resolve(import.meta.dirname, "../fixtures/statuspage");

// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary JSON
export function readFixture(name: string): any {
  return JSON.parse(readFileSync(path.join(dir, name), "utf8"));
}

const webhookIncidents = ["webhooks/zulip-incident_created.json", "webhooks/zulip-incident_update.json"].map(
  (name) => readFixture(name).incident,
);
const incidentSamples = [
  ...readFixture("discord-incidents.json").incidents,
  ...readFixture("github-incidents-2024-09-17.json").incidents,
  // The webhook payloads carry the postmortem fields the public API fixtures lack.
  ...webhookIncidents,
];
const componentSamples = [
  ...readFixture("discord-components.json").components,
  ...readFixture("discord-components-with-group-2019.json").components,
  ...readFixture("github-components-2024-09-17.json").components,
];
const discordMaintenance = readFixture("discord-scheduled-maintenances.json").scheduled_maintenances;
const maintenanceSamples = [
  ...discordMaintenance,
  // The only maintenance payload affects no component; a maintenance's components are the same
  // objects as an incident's, so the incidents' component samples stand in for them.
  ...discordMaintenance.map((m: object) => ({ ...m, components: incidentSamples.flatMap((i) => i.components) })),
  ...webhookIncidents,
];
const page = readFixture("discord-summary.json").page;

/** The shape of each `/api/v2/<endpoint>.json`, derived from the fixtures. */
export const ENDPOINT_SHAPES: Record<string, Shape> = {
  summary: deriveShape([
    readFixture("discord-summary.json"),
    {
      page,
      components: componentSamples,
      incidents: incidentSamples,
      scheduled_maintenances: maintenanceSamples,
      status: readFixture("discord-status.json").status,
    },
  ]),
  status: deriveShape([readFixture("discord-status.json")]),
  components: deriveShape([{ page, components: componentSamples }]),
  incidents: deriveShape([{ page, incidents: incidentSamples }]),
  "incidents/unresolved": deriveShape([readFixture("discord-incidents_unresolved.json"), { page, incidents: incidentSamples }]),
  "scheduled-maintenances": deriveShape([{ page, scheduled_maintenances: maintenanceSamples }]),
  "scheduled-maintenances/upcoming": deriveShape([
    readFixture("discord-scheduled-maintenances_upcoming.json"),
    { page, scheduled_maintenances: maintenanceSamples },
  ]),
  "scheduled-maintenances/active": deriveShape([
    readFixture("discord-scheduled-maintenances_active.json"),
    { page, scheduled_maintenances: maintenanceSamples },
  ]),
};
