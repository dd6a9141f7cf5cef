import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { ConfirmDeleteForm } from "@/components/admin/confirm-delete-form.tsx";
import { DeliveryCounts } from "@/components/admin/delivery-counts.tsx";
import { Disclosure } from "@/components/admin/disclosure.tsx";
import { EditUpdateForm } from "@/components/admin/edit-update-form.tsx";
import { QuietIncidentFlag } from "@/components/admin/quiet-incidents-notice.tsx";
import { UpdateHistory } from "@/components/admin/update-history.tsx";
import { IMPACT_TONE, TONE_TEXT } from "@/components/status/status-styles.ts";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { INCIDENT_STATUS_LABELS } from "@/lib/domain.ts";
import { getIncidentForStaff, listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { listQuietIncidents } from "@/lib/incidents/quiet-incidents.ts";
import { deliverySummary } from "@/lib/notifications/delivery-summary.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { listTemplates } from "@/lib/templates/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { toWallTime } from "@/lib/time/wall-time.ts";
import { deleteIncidentAction, editUpdateAction } from "./actions.ts";
import { EditIncidentForm, PostUpdateForm, ResolveForm } from "./incident-forms.tsx";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  await requireStaffPage(`/admin/incidents/${id}`);
  const incident = await getIncidentForStaff(getDb(), id);
  return { title: incident?.name ?? "Not found" };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function StaffIncidentPage({ params }: Props) {
  const { id } = await params;
  await requireStaffPage(`/admin/incidents/${id}`);
  const db = getDb();
  const [incident, components, page, templates, deliveries, openedByAlert, quiet] = await Promise.all([
    getIncidentForStaff(db, id),
    listComponentsForPicker(db),
    getPageSettings(db),
    listTemplates(db, "update"),
    deliverySummary(db, id),
    db.alertIncident.findUnique({ where: { incidentId: id } }),
    listQuietIncidents(db),
  ]);
  if (!incident) notFound();
  const tz = page.timeZone;
  const resolved = incident.status === "resolved";
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin" className="hover:underline">
            ← Incidents
          </Link>
        </p>
        <h1 className={`mt-1 text-2xl font-bold ${TONE_TEXT[IMPACT_TONE[incident.impact]]}`}>{incident.name}</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          <span className="font-semibold">{INCIDENT_STATUS_LABELS[incident.status]}</span> · impact {incident.impact}
          {incident.impactOverride ? " (set by staff)" : ""} · started {formatInstant(incident.startedAt, tz)}
          {incident.resolvedAt ? ` · resolved ${formatInstant(incident.resolvedAt, tz)}` : ""} ·{" "}
          <Link href={`/incidents/${incident.id}`} className="underline">
            public page
          </Link>{" "}
          ·{" "}
          <Link href={`/admin/incidents/${incident.id}/postmortem`} className="underline">
            postmortem and timeline
          </Link>
        </p>
        {openedByAlert ? (
          <p className="mt-1 text-sm text-amber-800 dark:text-amber-300">
            Opened automatically by an alert at {formatInstant(openedByAlert.openedAt, tz)} (see{" "}
            <Link href="/admin/alerts" className="underline">
              Alerts
            </Link>
            ): check its text, then update or resolve it like any other.
          </p>
        ) : null}
      </div>
      <QuietIncidentFlag incident={quiet.find((q) => q.id === incident.id)} />

      {resolved ? (
        <p>
          <Link href={`/admin/incidents/${incident.id}/postmortem`} className={buttonClass("primary")}>
            Write postmortem
          </Link>
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={resolved ? "Reopen" : "Post an update"}>
          <PostUpdateForm
            incidentId={incident.id}
            components={components}
            timeZone={tz}
            status={incident.status}
            templates={templates}
          />
        </Section>
        {resolved ? null : (
          <Section title="Resolve">
            <ResolveForm incidentId={incident.id} timeZone={tz} affected={incident.components.map((c) => c.component)} />
          </Section>
        )}
      </div>

      <Section title="Updates">
        <UpdateHistory
          updates={incident.updates}
          timeZone={tz}
          after={(u) => <DeliveryCounts deliveries={deliveries.get(u.id)} deliverNotifications={u.deliverNotifications} />}
          edit={(u) => (
            <EditUpdateForm
              action={editUpdateAction}
              update={{
                id: u.id,
                incidentId: incident.id,
                version: u.version,
                body: u.body,
                displayAtWall: toWallTime(u.displayAt, tz),
              }}
            />
          )}
        />
      </Section>

      <Disclosure summary="Edit name and impact">
        <EditIncidentForm
          incident={{ id: incident.id, version: incident.version, name: incident.name, impactOverride: incident.impactOverride }}
        />
      </Disclosure>
      <Disclosure summary="Delete incident">
        <ConfirmDeleteForm action={deleteIncidentAction} incidentId={incident.id} noun="incident">
          Deleting removes the incident, its updates, postmortem and timeline from the public page, and the component status
          history it recorded (uptime will no longer count it). This cannot be undone.
        </ConfirmDeleteForm>
      </Disclosure>
    </div>
  );
}
