"use server";

import { redirect } from "next/navigation";
import { readDeliverNotifications } from "@/components/admin/notify-field.tsx";
import type { ComponentStatus } from "@/lib/domain.ts";
import { InvalidError } from "@/lib/errors.ts";
import { type FormState, readComponentChanges, readWallTime } from "@/lib/forms/form-state.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { deleteIncident } from "@/lib/incidents/delete-incident.ts";
import { editIncident } from "@/lib/incidents/edit-incident.ts";
import { editUpdate } from "@/lib/incidents/edit-update.ts";
import { postUpdate } from "@/lib/incidents/post-update.ts";
import { resolveIncident } from "@/lib/incidents/resolve-incident.ts";
import type { EditIncidentInput, PostUpdateInput } from "@/lib/incidents/schemas.ts";

const PAGE = { path: (v: Record<string, string>) => `/admin/incidents/${v.incidentId}` };

async function run(formData: FormData, work: (context: ActionContext) => Promise<string>): Promise<FormState> {
  return runStaffAction(formData, PAGE, work);
}

const versionOf = (values: Record<string, string>) => (values.version ? Number(values.version) : Number.NaN);

export async function postUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await postUpdate({
      db,
      actor,
      idempotency,
      input: {
        incidentId: values.incidentId ?? "",
        status: values.status as PostUpdateInput["status"],
        message: values.message ?? "",
        components: readComponentChanges<ComponentStatus>(values),
        displayAt: readWallTime(values, "displayAt", timeZone),
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return "Update posted.";
  });
}

export async function resolveIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await resolveIncident({
      db,
      actor,
      idempotency,
      input: {
        incidentId: values.incidentId ?? "",
        message: values.message ?? "",
        displayAt: readWallTime(values, "displayAt", timeZone),
        keepComponentIds: Object.keys(values)
          .filter((key) => key.startsWith("keep:"))
          .map((key) => key.slice("keep:".length)),
        deliverNotifications: readDeliverNotifications(values),
      },
    });
    return "Incident resolved.";
  });
}

export async function editUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    const displayAt = readWallTime(values, "displayAt", timeZone);
    if (!displayAt) throw new InvalidError("Some fields need attention.", { displayAt: "Enter the time to show." });
    await editUpdate({
      db,
      actor,
      input: { updateId: values.updateId ?? "", version: versionOf(values), message: values.message ?? "", displayAt },
    });
    return "Update saved.";
  });
}

export async function editIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, values }) => {
    await editIncident({
      db,
      actor,
      input: {
        incidentId: values.incidentId ?? "",
        version: versionOf(values),
        name: values.name ?? "",
        impactOverride: (values.impactOverride || null) as EditIncidentInput["impactOverride"],
      },
    });
    return "Incident saved.";
  });
}

export async function deleteIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await run(formData, async ({ actor, db, values }) => {
    if (values.confirm !== "yes") {
      throw new InvalidError("Confirm the deletion first.", { confirm: "Tick this box to confirm." });
    }
    await deleteIncident({ db, actor, input: { incidentId: values.incidentId ?? "" } });
    return "Deleted.";
  });
  if (state.status === "saved") redirect("/admin");
  return state;
}
