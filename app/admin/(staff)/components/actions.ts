"use server";

import { requireAdmin } from "@/lib/auth/require-staff.ts";
import { createComponent } from "@/lib/components/create-component.ts";
import { deleteComponent } from "@/lib/components/delete-component.ts";
import { deleteComponentGroup } from "@/lib/components/delete-component-group.ts";
import { editComponent } from "@/lib/components/edit-component.ts";
import { moveComponent } from "@/lib/components/move-component.ts";
import { moveComponentGroup } from "@/lib/components/move-component-group.ts";
import type { MoveDirection, MoveResult } from "@/lib/components/page-order.ts";
import { placeComponent } from "@/lib/components/place-component.ts";
import { placeComponentGroup } from "@/lib/components/place-component-group.ts";
import { saveComponentGroup } from "@/lib/components/save-component-group.ts";
import { setComponentStatus } from "@/lib/components/set-component-status.ts";
import { setComponentStatuses } from "@/lib/components/set-component-statuses.ts";
import {
  decodeCreateComponent,
  decodeDeleteComponent,
  decodeDeleteGroup,
  decodeEditComponent,
  decodeMove,
  decodePlace,
  decodeSaveGroup,
  decodeSetComponentStatus,
  decodeSetComponentStatuses,
  readEditorIntent,
} from "@/lib/forms/component-forms.ts";
import { requireConfirmation } from "@/lib/forms/decode-form.ts";
import type { FormState } from "@/lib/forms/form-state.ts";
import { runStaffAction } from "@/lib/forms/run-action.ts";

const PAGE = { path: () => "/admin/components" };
const ADMIN_PAGE = { ...PAGE, authorize: requireAdmin };
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
    await setComponentStatus({ db, actor, input: decodeSetComponentStatus(values) });
    return "Status set.";
  });
}

/** Editors may do this one too: set one status on the chosen components (and groups) at once. */
export async function setComponentStatusesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, PAGE, async ({ actor, db, idempotency, values }) => {
    const { changed, unchanged } = await setComponentStatuses({
      db,
      actor,
      idempotency,
      input: decodeSetComponentStatuses(values),
    });
    const count = (n: number) => (n === 1 ? "1 component" : `${n} components`);
    return `Status set on ${count(changed)}${unchanged > 0 ? ` (${count(unchanged)} already had it)` : ""}.`;
  });
}

export async function createComponentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    await createComponent({ db, actor, idempotency, input: decodeCreateComponent(values) });
    return "Component added.";
  });
}

export async function editComponentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, values }) => {
    if (readEditorIntent(values) === "delete") {
      requireConfirmation(values, "Confirm the deletion first.");
      await deleteComponent({ db, actor, input: decodeDeleteComponent(values) });
      return "Component deleted.";
    }
    await editComponent({ db, actor, input: decodeEditComponent(values) });
    return "Component saved.";
  });
}

export async function saveGroupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    if (readEditorIntent(values) === "delete") {
      await deleteComponentGroup({ db, actor, input: decodeDeleteGroup(values) });
      return "Group deleted; its components are now outside any group.";
    }
    const input = decodeSaveGroup(values);
    await saveComponentGroup({ db, actor, idempotency, input });
    return input.groupId ? "Group saved." : "Group added.";
  });
}

/** Move up / Move down, for a component (`componentId`) or a group (`groupId`). */
export async function moveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    const move = decodeMove(values);
    const result =
      move.kind === "group"
        ? await moveComponentGroup({ db, actor, idempotency, input: move.input })
        : await moveComponent({ db, actor, idempotency, input: move.input });
    return moveMessage(result, move.input.direction);
  });
}

/**
 * A drop after a drag, or "Move to group": puts a component (`componentId`) or a group (`groupId`)
 * at `index` (from 0), a component possibly into another group (`toGroupId`, empty for none).
 */
export async function placeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction(formData, ADMIN_PAGE, async ({ actor, db, idempotency, values }) => {
    const place = decodePlace(values);
    const result =
      place.kind === "group"
        ? await placeComponentGroup({ db, actor, idempotency, input: place.input })
        : await placeComponent({ db, actor, idempotency, input: place.input });
    const now = `${ordinal(result.index)} of ${result.count}`;
    if (!result.moved) return `${result.name} stays ${now}.`;
    if (result.into) return `Moved ${result.name} to ${result.into === "top level" ? "the top level" : result.into}: now ${now}.`;
    return `Moved ${result.name}: now ${now}.`;
  });
}
