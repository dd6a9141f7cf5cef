import { recordStatusChange } from "../components/record-status-change.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import type { ComponentStatus, Impact, IncidentStatus, TimelineEventKind } from "../domain.ts";
import { deriveIncidentState } from "../incidents/derive.ts";
import { DEFAULT_POSTMORTEM_TEMPLATE } from "../postmortems/timeline-markdown.ts";
import { REFERENCE_POSTMORTEM_MARKDOWN, REFERENCE_UPDATE_BODY } from "./reference-incident.ts";

// Demo data for a new installation: the WorkOS page with the reference incident exactly as
// published, and enough recent history that every part of the public page has something to show.

type SeedUpdate = { status: IncidentStatus; at: Date; body: string; changes?: [component: string, to: ComponentStatus][] };
type SeedIncident = {
  kind?: "incident" | "maintenance";
  name: string;
  impact: Impact;
  startedAt: Date;
  components: [component: string, status: ComponentStatus][];
  /** When the components went back to operational; absent while it is open. */
  recoveredAt?: Date;
  updates: SeedUpdate[];
  scheduled?: { for: Date; until: Date };
  postmortem?: { body: string; publishedAt: Date };
  timeline?: [at: Date, kind: TimelineEventKind, text: string][];
};

const COMPONENTS: { group: string | null; name: string; description: string }[] = [
  { group: "Authentication", name: "AuthKit", description: "Hosted sign-in pages and flows." },
  { group: "Authentication", name: "SSO", description: "SAML and OpenID Connect single sign-on." },
  { group: "Authentication", name: "Directory Sync", description: "SCIM and directory provider sync." },
  { group: null, name: "API", description: "The WorkOS REST API (api.workos.com)." },
  { group: "Platform", name: "Dashboard", description: "The WorkOS dashboard." },
  { group: "Platform", name: "Webhooks", description: "Event delivery to your endpoints." },
];

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

function demoIncidents(now: Date): SeedIncident[] {
  // Round to the minute so that demo times read like real ones.
  const t0 = Math.floor(now.getTime() / 60_000) * 60_000;
  const ago = (d: number, h = 0, m = 0) => new Date(t0 - days(d) - minutes(h * 60 + m));
  const later = (d: number, h = 0) => new Date(t0 + days(d) + minutes(h * 60));
  const webhooksStart = ago(0, 2, 10);
  const latencyStart = ago(9, 3, 20);
  const ssoStart = ago(23, 6, 5);
  const dashStart = ago(47, 1, 40);
  const maintStart = ago(33, 10);
  const upcomingStart = later(3, 2);
  return [
    {
      name: "Delayed webhook deliveries",
      impact: "minor",
      startedAt: webhooksStart,
      components: [["Webhooks", "degraded_performance"]],
      updates: [
        {
          status: "investigating",
          at: webhooksStart,
          body: "We are investigating delays of up to 15 minutes in webhook deliveries. Events are queued and none have been lost.",
          changes: [["Webhooks", "degraded_performance"]],
        },
        {
          status: "identified",
          at: new Date(webhooksStart.getTime() + minutes(34)),
          body: "A backlog built up after a queue node failed over. We have added capacity and the backlog is draining.",
        },
        {
          status: "monitoring",
          at: new Date(webhooksStart.getTime() + minutes(81)),
          body: "Deliveries are back to normal latency. We are monitoring while the remaining backlog is delivered.",
        },
      ],
    },
    {
      name: "Elevated API latency",
      impact: "minor",
      startedAt: latencyStart,
      recoveredAt: new Date(latencyStart.getTime() + minutes(95)),
      components: [["API", "degraded_performance"]],
      updates: [
        {
          status: "investigating",
          at: latencyStart,
          body: "We are seeing elevated response times on the **API** in the US region and are investigating.",
          changes: [["API", "degraded_performance"]],
        },
        {
          status: "monitoring",
          at: new Date(latencyStart.getTime() + minutes(52)),
          body: "A slow database query has been rolled back. Latency is recovering.",
        },
        {
          status: "resolved",
          at: new Date(latencyStart.getTime() + minutes(95)),
          body: "API latency has been normal for 30 minutes. This incident is resolved.",
          changes: [["API", "operational"]],
        },
      ],
    },
    {
      name: "SSO sign-in failures for some Okta connections",
      impact: "major",
      startedAt: ssoStart,
      recoveredAt: new Date(ssoStart.getTime() + minutes(128)),
      components: [["SSO", "partial_outage"]],
      updates: [
        {
          status: "investigating",
          at: ssoStart,
          body: "Some SAML sign-ins through Okta fail with `invalid_signature`. We are investigating.",
          changes: [["SSO", "partial_outage"]],
        },
        {
          status: "identified",
          at: new Date(ssoStart.getTime() + minutes(41)),
          body: "The failures come from a certificate rotation that reached only part of our fleet. We are completing the rotation.",
        },
        {
          status: "monitoring",
          at: new Date(ssoStart.getTime() + minutes(97)),
          body: "Every node now has the new certificate and sign-ins succeed. We are monitoring.",
        },
        {
          status: "resolved",
          at: new Date(ssoStart.getTime() + minutes(128)),
          body: "This incident has been resolved.",
          changes: [["SSO", "operational"]],
        },
      ],
    },
    {
      name: "Dashboard unavailable",
      impact: "critical",
      startedAt: dashStart,
      recoveredAt: new Date(dashStart.getTime() + minutes(24)),
      components: [["Dashboard", "major_outage"]],
      updates: [
        {
          status: "investigating",
          at: dashStart,
          body: "The dashboard does not load. The API and sign-in flows are not affected.",
          changes: [["Dashboard", "major_outage"]],
        },
        {
          status: "resolved",
          at: new Date(dashStart.getTime() + minutes(24)),
          body: "A bad configuration push was reverted and the dashboard is available again.",
          changes: [["Dashboard", "operational"]],
        },
      ],
    },
    {
      kind: "maintenance",
      name: "Database upgrade",
      impact: "maintenance",
      startedAt: maintStart,
      recoveredAt: new Date(maintStart.getTime() + minutes(60)),
      scheduled: { for: maintStart, until: new Date(maintStart.getTime() + minutes(60)) },
      components: [["Dashboard", "under_maintenance"]],
      updates: [
        {
          status: "scheduled",
          at: new Date(maintStart.getTime() - days(7)),
          body: "We will upgrade the dashboard's database. The dashboard may be read-only for up to an hour.",
        },
        {
          status: "in_progress",
          at: maintStart,
          body: "Scheduled maintenance is in progress.",
          changes: [["Dashboard", "under_maintenance"]],
        },
        {
          status: "completed",
          at: new Date(maintStart.getTime() + minutes(60)),
          body: "The scheduled maintenance has been completed.",
          changes: [["Dashboard", "operational"]],
        },
      ],
    },
    {
      kind: "maintenance",
      name: "Network maintenance in us-east-1",
      impact: "maintenance",
      startedAt: upcomingStart,
      scheduled: { for: upcomingStart, until: new Date(upcomingStart.getTime() + minutes(120)) },
      components: [
        ["API", "under_maintenance"],
        ["Webhooks", "under_maintenance"],
      ],
      updates: [
        {
          status: "scheduled",
          at: ago(1),
          body: "Our network provider will replace core routers in us-east-1. We expect no downtime; API requests may see brief retries.",
        },
      ],
    },
  ];
}

function referenceIncident(): SeedIncident {
  const at = (iso: string) => new Date(iso);
  return {
    name: "Degraded Authkit Service",
    impact: "major",
    startedAt: at("2024-07-11T20:01:00Z"),
    recoveredAt: at("2024-07-11T20:46:00Z"),
    components: [["AuthKit", "partial_outage"]],
    updates: [
      { status: "resolved", at: at("2024-07-11T20:01:00Z"), body: REFERENCE_UPDATE_BODY, changes: [["AuthKit", "operational"]] },
    ],
    postmortem: { body: REFERENCE_POSTMORTEM_MARKDOWN, publishedAt: at("2024-07-19T15:57:00Z") },
    timeline: [
      [at("2024-07-11T20:01:00Z"), "started", "faulty code deployed"],
      [at("2024-07-11T20:28:00Z"), "acknowledged", "issue was acknowledged by WorkOS team"],
      [at("2024-07-11T20:33:00Z"), "mitigated", "rollback deployed"],
      [
        at("2024-07-11T20:47:00Z"),
        "resolved",
        "last NotFound error seen (~2% of the total errors occurred between 20:33 and 20:47, which is attributed to the time needed to invalidate the cached page instances at the edge.)",
      ],
      [at("2024-07-12T00:31:00Z"), "fixed", "permanent fix was deployed"],
    ],
  };
}

async function createSeedIncident(tx: DbOrTx, spec: SeedIncident, componentIds: Map<string, string>, authorId: string | null) {
  const id = (name: string) => {
    const found = componentIds.get(name);
    if (!found) throw new Error(`Demo data names an unknown component: ${name}`);
    return found;
  };
  const kind = spec.kind ?? "incident";
  const state = deriveIncidentState(spec.updates.map((u) => ({ status: u.status, displayAt: u.at, createdAt: u.at })));
  const incident = await tx.incident.create({
    data: {
      kind,
      name: spec.name,
      status: state.status ?? (kind === "maintenance" ? "scheduled" : "investigating"),
      impact: spec.impact,
      startedAt: spec.startedAt,
      identifiedAt: state.identifiedAt,
      monitoringAt: state.monitoringAt,
      resolvedAt: spec.recoveredAt ?? state.resolvedAt,
      resolvedAtOverride: spec.recoveredAt,
      scheduledFor: spec.scheduled?.for,
      scheduledUntil: spec.scheduled?.until,
      autoStart: kind === "maintenance",
      autoComplete: kind === "maintenance",
      createdById: authorId,
      components: {
        create: spec.components.map(([name]) => ({
          componentId: id(name),
          statusBefore: kind === "maintenance" ? "operational" : null,
        })),
      },
    },
  });
  const given = new Map(spec.components);
  // An incident entered after the fact with one update (the reference incident) was already
  // affecting its components when that update resolved it.
  const before = (name: string): ComponentStatus => (spec.updates.length === 1 ? given.get(name)! : "operational");
  let current = new Map(spec.components.map(([name]) => [name, before(name)]));
  for (const u of spec.updates) {
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: u.status,
        body: u.body,
        displayAt: u.at,
        createdAt: u.at,
        authorId,
        componentChanges: {
          create: (u.changes ?? []).map(([name, to]) => ({
            componentId: id(name),
            componentName: name,
            oldStatus: current.get(name) ?? "operational",
            newStatus: to,
          })),
        },
      },
    });
    current = new Map([...current, ...(u.changes ?? [])]);
    // History follows the real instants: impact starts at startedAt and ends at recoveredAt.
    if (u === spec.updates[0] || spec.updates.length === 1) {
      for (const [name] of spec.components) {
        if (kind === "maintenance" && !spec.recoveredAt) continue;
        await recordStatusChange(tx, {
          componentId: id(name),
          status: given.get(name)!,
          at: spec.startedAt,
          source: "seed",
          incidentId: incident.id,
          incidentUpdateId: update.id,
        });
      }
    }
  }
  if (spec.recoveredAt) {
    for (const [name] of spec.components) {
      await recordStatusChange(tx, {
        componentId: id(name),
        status: "operational",
        at: spec.recoveredAt,
        source: "seed",
        incidentId: incident.id,
      });
    }
  }
  if (spec.postmortem) {
    await tx.postmortem.create({
      data: { incidentId: incident.id, body: spec.postmortem.body, publishedAt: spec.postmortem.publishedAt, authorId },
    });
  }
  for (const [at, kindOfEvent, text] of spec.timeline ?? []) {
    await tx.timelineEvent.create({ data: { incidentId: incident.id, at, kind: kindOfEvent, text } });
  }
  return incident;
}

export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const [pages, components, incidents] = await Promise.all([db.pageSettings.count(), db.component.count(), db.incident.count()]);
  return pages + components + incidents === 0;
}

/** Seeds the demo page. Does nothing (returns false) when the database already has data. */
export async function seedDemo(options: { db: Db; now?: Date; publicUrl?: string }): Promise<boolean> {
  const { db } = options;
  const now = options.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      // Serialise concurrent starts: only one seeds.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
      if (!(await isDatabaseEmpty(tx))) return false;
      await tx.pageSettings.create({
        data: {
          id: 1,
          name: "WorkOS",
          timeZone: "America/New_York",
          brandColor: "#6363f1",
          supportUrl: "https://workos.com/support",
          publicUrl: options.publicUrl ?? null,
        },
      });
      const groups = new Map<string, string>();
      // Top-level components and groups share one order: Authentication, API, Platform.
      for (const [name, position] of [["Authentication", 0] as const, ["Platform", 2] as const]) {
        const group = await tx.componentGroup.create({ data: { name, position } });
        groups.set(name, group.id);
      }
      const componentIds = new Map<string, string>();
      const startDate = new Date("2024-01-01T00:00:00Z");
      for (const [index, c] of COMPONENTS.entries()) {
        const position = c.group ? index : 1;
        const component = await tx.component.create({
          data: { name: c.name, description: c.description, position, groupId: c.group ? groups.get(c.group) : null, startDate },
        });
        componentIds.set(c.name, component.id);
        // Operational from midnight of the start date in the page's time zone (EST on Jan 1).
        await tx.componentStatusChange.create({
          data: { componentId: component.id, status: "operational", at: new Date("2024-01-01T05:00:00Z"), source: "seed" },
        });
      }
      const author = await tx.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" }, select: { id: true } });
      await createSeedIncident(tx, referenceIncident(), componentIds, author?.id ?? null);
      for (const spec of demoIncidents(now)) await createSeedIncident(tx, spec, componentIds, author?.id ?? null);
      await tx.incidentTemplate.create({
        data: {
          name: "Investigating",
          title: "Degraded performance",
          status: "investigating",
          body: "We are investigating reports of degraded performance and will post an update within 30 minutes.",
        },
      });
      // Where a new postmortem starts; staff change it on the Templates page.
      await tx.incidentTemplate.create({ data: { name: "Postmortem", kind: "postmortem", body: DEFAULT_POSTMORTEM_TEMPLATE } });
      return true;
    },
    { timeout: 60_000 },
  );
}

/**
 * A page without demo data still needs its settings row. Inserted with ON CONFLICT DO NOTHING:
 * instances starting together on a new database all get here, and an upsert with nothing to
 * update reads first, then inserts, so all but the first failed on its row and did not start.
 */
export async function ensurePageSettings(db: Db, publicUrl?: string): Promise<void> {
  await db.pageSettings.createMany({
    data: [{ id: 1, name: "Status", timeZone: "UTC", publicUrl: publicUrl ?? null }],
    skipDuplicates: true,
  });
}
