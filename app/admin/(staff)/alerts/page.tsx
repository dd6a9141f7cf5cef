import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/admin/card.tsx";
import { listAlertIncidents, listAlertMappings, listComponentAlertStates, listFiringAlerts } from "@/lib/alerts/queries.ts";
import { ALERT_STATUSES } from "@/lib/alerts/schemas.ts";
import { requireStaffPageFor } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { COMPONENT_STATUS_LABELS } from "@/lib/domain.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { listTemplates } from "@/lib/templates/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { publicUrl } from "@/lib/urls/public-url.ts";
import { MappingForm } from "./mapping-form.tsx";

export const metadata: Metadata = { title: "Alerts" };

const MUTED = "text-sm text-gray-600 dark:text-gray-400";
const LIST =
  "divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900";
const CODE = "rounded bg-gray-100 px-1 font-mono text-sm break-all dark:bg-gray-800";

export default async function AlertsPage() {
  await requireStaffPageFor("/admin/alerts", "alert.mapping");
  const db = getDb();
  const [mappings, states, firing, incidents, components, templates, page] = await Promise.all([
    listAlertMappings(db),
    listComponentAlertStates(db),
    listFiringAlerts(db),
    listAlertIncidents(db),
    db.component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    listTemplates(db, "update"),
    getPageSettings(db),
  ]);
  const at = (instant: Date) => formatInstant(instant, page.timeZone);
  const componentOptions = components.map((component) => ({ value: component.id, label: component.name }));
  const statusOptions = ALERT_STATUSES.map((status) => ({ value: status, label: COMPONENT_STATUS_LABELS[status] }));
  const templateOptions = templates.map((template) => ({ value: template.id, label: `From template “${template.name}”` }));
  const endpoint = (source: string) => publicUrl({ pagePublicUrl: page.publicUrl, path: `/api/v1/alerts/${source}` });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Alerts</h1>
      <p className={MUTED}>
        Prometheus Alertmanager and Grafana set component statuses through these mappings. Point a webhook at{" "}
        <code className={CODE}>{endpoint("alertmanager")}</code> or <code className={CODE}>{endpoint("grafana")}</code> with an
        API key that has the <code className={CODE}>components</code> scope as its bearer token.
      </p>

      <Card id="alert-states" title="Components under alerts">
        {states.length === 0 ? (
          <p className={MUTED}>No component is set by an alert now.</p>
        ) : (
          <ul className={LIST}>
            {states.map((state) => (
              <li key={state.componentId} className="p-3 text-sm">
                <span className="font-medium">{state.componentName}</span> · {COMPONENT_STATUS_LABELS[state.componentStatus]}
                <span className={`block ${MUTED}`}>
                  {state.overriddenAt
                    ? `Overridden by staff at ${at(state.overriddenAt)}: alerts leave it alone until they all resolve.`
                    : state.releaseAt
                      ? `Alerts resolved; returns to operational at ${at(state.releaseAt)} (minimum hold).`
                      : state.appliedAt
                        ? `Set by alerts at ${at(state.appliedAt)}.`
                        : null}
                  {state.incidentId ? (
                    <>
                      {" "}
                      <Link href={`/admin/incidents/${state.incidentId}`} className="underline">
                        Incident opened by the alert
                      </Link>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card id="alert-mappings" title={`Mappings (${mappings.length})`}>
        {mappings.length === 0 ? <p className={MUTED}>No alert is mapped to a component yet.</p> : null}
        <div className="space-y-4">
          {mappings.map((mapping) => (
            <section
              key={mapping.id}
              aria-labelledby={`mapping-${mapping.id}`}
              className="rounded-md border border-gray-200 p-3 dark:border-gray-800"
            >
              <h3 id={`mapping-${mapping.id}`} className="mb-2 font-medium">
                {mapping.name}{" "}
                <span className="font-normal text-gray-600 dark:text-gray-400">
                  → {mapping.componentName} · {COMPONENT_STATUS_LABELS[mapping.status]}
                  {mapping.templateName ? ` · opens an incident from “${mapping.templateName}”` : ""}
                </span>
              </h3>
              <MappingForm mapping={mapping} components={componentOptions} statuses={statusOptions} templates={templateOptions} />
            </section>
          ))}
        </div>
      </Card>

      <Card id="new-mapping" title="Add a mapping">
        <MappingForm components={componentOptions} statuses={statusOptions} templates={templateOptions} />
      </Card>

      <Card id="firing-alerts" title={`Firing alerts (${firing.length})`}>
        {firing.length === 0 ? (
          <p className={MUTED}>No alert is firing.</p>
        ) : (
          <ul className={LIST}>
            {firing.map((alert) => (
              <li key={alert.id} className="p-3 text-sm">
                <span className="font-medium">{alert.labels.alertname ?? "Alert"}</span>{" "}
                <span className={MUTED}>
                  from {alert.source === "grafana" ? "Grafana" : "Alertmanager"}, since {at(alert.startsAt)}
                </span>
                <span className="mt-1 block font-mono text-xs break-all">
                  {Object.entries(alert.labels)
                    .map(([label, value]) => `${label}=${JSON.stringify(value)}`)
                    .join(", ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card id="alert-incidents" title="Incidents opened by alerts">
        {incidents.length === 0 ? (
          <p className={MUTED}>None yet.</p>
        ) : (
          <ul className={LIST}>
            {incidents.map((incident) => (
              <li key={incident.incidentId} className="p-3 text-sm">
                <Link href={`/admin/incidents/${incident.incidentId}`} className="font-medium underline">
                  {incident.name}
                </Link>{" "}
                <span className={MUTED}>opened automatically at {at(incident.openedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
