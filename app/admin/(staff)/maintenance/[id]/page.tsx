import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/admin/card.tsx";
import { Disclosure } from "@/components/admin/disclosure.tsx";
import { EditUpdateForm } from "@/components/admin/edit-update-form.tsx";
import { UpdateHistory } from "@/components/admin/update-history.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS } from "@/lib/domain.ts";
import { listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { incidentLabel } from "@/lib/incidents/labels.ts";
import { getMaintenanceForStaff } from "@/lib/maintenance/queries.ts";
import { nextStatusChoices, updateHint } from "@/lib/maintenance/update-choices.ts";
import type { MaintenanceStatus } from "@/lib/maintenance/window-steps.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { toWallTime } from "@/lib/time/wall-time.ts";
// The incident update editor serves maintenance updates too (lib/incidents/edit-update.ts).
import { editUpdateAction } from "../../incidents/[id]/actions.ts";
import {
  CancelMaintenanceForm,
  DeleteMaintenanceForm,
  EditMaintenanceForm,
  PostMaintenanceUpdateForm,
} from "../maintenance-forms.tsx";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  await requireStaffPage(`/admin/maintenance/${id}`);
  const window = await getMaintenanceForStaff(getDb(), id);
  return { title: window?.name ?? "Not found" };
}

export default async function StaffMaintenancePage({ params }: Props) {
  const { id } = await params;
  await requireStaffPage(`/admin/maintenance/${id}`);
  const db = getDb();
  const [window, components, page] = await Promise.all([
    getMaintenanceForStaff(db, id),
    listComponentsForPicker(db),
    getPageSettings(db),
  ]);
  if (!window) notFound();
  const tz = page.timeZone;
  const status = window.status as MaintenanceStatus;
  const open = status !== "completed";
  const affected = window.components.map((c) => c.component.name).join(", ") || "no components";
  const statuses = nextStatusChoices(status).map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }));
  const hint = updateHint(status, affected);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/maintenance" className="hover:underline">
            ← Maintenance
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">{window.name}</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          <span className="font-semibold">{incidentLabel(window)}</span> ·{" "}
          {window.scheduledFor ? formatInstant(window.scheduledFor, tz) : "?"} to{" "}
          {window.scheduledUntil ? formatInstant(window.scheduledUntil, tz) : "?"} ·{" "}
          {window.components.length
            ? window.components.map((c) => `${c.component.name} (${COMPONENT_STATUS_LABELS[c.component.status]})`).join(", ")
            : "no components"}{" "}
          ·{" "}
          <Link href={`/incidents/${window.id}`} className="underline">
            public page
          </Link>
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="post-update" title="Post an update">
          <PostMaintenanceUpdateForm incidentId={window.id} statuses={statuses} timeZone={tz} hint={hint} />
        </Card>
        {open ? (
          <Card id="edit-maintenance" title="Edit maintenance">
            <EditMaintenanceForm
              incidentId={window.id}
              version={window.version}
              components={components}
              timeZone={tz}
              current={{
                name: window.name,
                scheduledFor: window.scheduledFor ? toWallTime(window.scheduledFor, tz) : "",
                scheduledUntil: window.scheduledUntil ? toWallTime(window.scheduledUntil, tz) : "",
                componentIds: window.components.map((c) => c.componentId),
                autoStart: window.autoStart,
                autoComplete: window.autoComplete,
              }}
            />
          </Card>
        ) : null}
      </div>

      <Card id="updates" title="Updates">
        <UpdateHistory
          updates={window.updates}
          timeZone={tz}
          edit={(u) => (
            <EditUpdateForm
              action={editUpdateAction}
              update={{
                id: u.id,
                incidentId: window.id,
                version: window.updates.find((w) => w.id === u.id)!.version,
                body: u.body,
                displayAtWall: toWallTime(u.displayAt, tz),
              }}
            />
          )}
        />
      </Card>

      {open ? (
        <Disclosure summary="Cancel maintenance">
          <CancelMaintenanceForm incidentId={window.id} running={status !== "scheduled"} />
        </Disclosure>
      ) : null}
      <Disclosure summary="Delete maintenance">
        <DeleteMaintenanceForm incidentId={window.id} />
      </Disclosure>
    </div>
  );
}
