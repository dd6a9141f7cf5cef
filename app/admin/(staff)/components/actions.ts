"use server";

import type { FormState } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { createComponent } from "@/lib/components/create-component.ts";
import { deleteComponent } from "@/lib/components/delete-component.ts";
import { deleteComponentGroup } from "@/lib/components/delete-component-group.ts";
import { editComponent } from "@/lib/components/edit-component.ts";
import { saveComponentGroup } from "@/lib/components/save-component-group.ts";
import type { SetComponentStatusInput } from "@/lib/components/schemas.ts";
import { setComponentStatus } from "@/lib/components/set-component-status.ts";
import { InvalidError } from "@/lib/errors.ts";

const PAGE = { path: () => "/admin/components" };
const ADMIN_PAGE = { ...PAGE, authorize: requireAdmin };
const numberOf = (raw: string | undefined) => (raw?.trim() ? Number(raw) : Number.NaN);

/** Editors may do this one: set a component's status now. */
export async function setComponentStatusAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    const status = values.status as SetComponentStatusInput["status"];
    await setComponentStatus({ db, actor, input: { componentId: values.componentId ?? "", status } });
    return "Status set.";
  });
}

export async function createComponentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    await createComponent({
      db,
      actor,
      input: { name: values.name ?? "", description: values.description ?? "", groupId: values.groupId || null },
    });
    return "Component added.";
  });
}

export async function editComponentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    if (values.intent === "delete") {
      if (values.confirm !== "yes")
        throw new InvalidError("Confirm the deletion first.", { confirm: "Tick this box to confirm." });
      await deleteComponent({ db, actor, input: { componentId: values.componentId ?? "" } });
      return "Component deleted.";
    }
    await editComponent({
      db,
      actor,
      input: {
        componentId: values.componentId ?? "",
        version: numberOf(values.version),
        name: values.name ?? "",
        description: values.description ?? "",
        groupId: values.groupId || null,
        position: numberOf(values.position),
      },
    });
    return "Component saved.";
  });
}

export async function saveGroupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    if (values.intent === "delete") {
      await deleteComponentGroup({ db, actor, input: { groupId: values.groupId ?? "" } });
      return "Group deleted; its components are now outside any group.";
    }
    await saveComponentGroup({
      db,
      actor,
      input: {
        groupId: values.groupId || null,
        name: values.name ?? "",
        position: values.position ? numberOf(values.position) : 0,
      },
    });
    return values.groupId ? "Group saved." : "Group added.";
  });
}
