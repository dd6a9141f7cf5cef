"use server";

import type { FormState } from "@/app/admin/form-state.ts";
import { runStaffAction } from "@/app/admin/run-action.ts";
import { readDeliverNotifications } from "@/components/admin/notify-field.tsx";
import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { createComponent } from "@/lib/components/create-component.ts";
import { deleteComponent } from "@/lib/components/delete-component.ts";
import { deleteComponentGroup } from "@/lib/components/delete-component-group.ts";
import { editComponent } from "@/lib/components/edit-component.ts";
import { moveComponent } from "@/lib/components/move-component.ts";
import { moveComponentGroup } from "@/lib/components/move-component-group.ts";
import type { MoveDirection, MoveResult } from "@/lib/components/page-order.ts";
import { saveComponentGroup } from "@/lib/components/save-component-group.ts";
import type { SetComponentStatusInput } from "@/lib/components/schemas.ts";
import { setComponentStatus } from "@/lib/components/set-component-status.ts";
import { InvalidError } from "@/lib/errors.ts";

const PAGE = { path: () => "/admin/components" };
const ADMIN_PAGE = { ...PAGE, authorize: requireAdmin };
const numberOf = (raw: string | undefined) => (raw?.trim() ? Number(raw) : Number.NaN);
const ORDINAL = new Intl.PluralRules("en-US", { type: "ordinal" });
const SUFFIX: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
const ordinal = (n: number) => `${n}${SUFFIX[ORDINAL.select(n)]}`;

function moveMessage(result: MoveResult, direction: MoveDirection): string {
  const place = `${ordinal(result.index)} of ${result.count}`;
  if (!result.moved) return `${result.name} is already ${direction === "up" ? "first" : "last"} (${place}).`;
  return `Moved ${result.name} ${direction}: now ${place}.`;
}

/** Editors may do this one: set a component's status now. */
export async function setComponentStatusAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, values }) => {
    const status = values.status as SetComponentStatusInput["status"];
    await setComponentStatus({
      db,
      actor,
      input: { componentId: values.componentId ?? "", status, deliverNotifications: readDeliverNotifications(values) },
    });
    return "Status set.";
  });
}

export async function createComponentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    await createComponent({
      db,
      actor,
      idempotency,
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
      },
    });
    return "Component saved.";
  });
}

export async function saveGroupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    if (values.intent === "delete") {
      await deleteComponentGroup({ db, actor, input: { groupId: values.groupId ?? "" } });
      return "Group deleted; its components are now outside any group.";
    }
    await saveComponentGroup({
      db,
      actor,
      idempotency,
      input: { groupId: values.groupId || null, name: values.name ?? "" },
    });
    return values.groupId ? "Group saved." : "Group added.";
  });
}

/** Move up / Move down, for a component (`componentId`) or a group (`groupId`). */
export async function moveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    const direction = values.direction as MoveDirection;
    const result = values.groupId
      ? await moveComponentGroup({ db, actor, idempotency, input: { groupId: values.groupId, direction } })
      : await moveComponent({ db, actor, idempotency, input: { componentId: values.componentId ?? "", direction } });
    return moveMessage(result, direction);
  });
}
