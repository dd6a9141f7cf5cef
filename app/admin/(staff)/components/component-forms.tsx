"use client";

import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { ConfirmCheckbox, FieldError, SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, IdempotencyKeyField, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { NotifyField } from "@/components/admin/notify-field.tsx";
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from "@/lib/domain.ts";
import { bulkComponentField, bulkGroupField } from "@/lib/forms/field-names.ts";
import {
  createComponentAction,
  editComponentAction,
  moveAction,
  placeAction,
  saveGroupAction,
  setComponentStatusAction,
  setComponentStatusesAction,
} from "./actions.ts";
import { useReorderScope } from "./drag-list.tsx";

type Group = { id: string; name: string };
const STATUS_OPTIONS = COMPONENT_STATUSES.map((s) => ({ value: s, label: COMPONENT_STATUS_LABELS[s] }));
const groupOptions = (groups: Group[]) => [
  { value: "", label: "No group" },
  ...groups.map((g) => ({ value: g.id, label: g.name })),
];

export function StatusForm({ component }: { component: { id: string; name: string; status: ComponentStatus } }) {
  const { state, formAction, formRef, values } = useAdminForm(setComponentStatusAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="componentId" value={component.id} />
      <div className="min-w-48">
        <SelectField
          name="status"
          id={`status-${component.id}`}
          label={`Status of ${component.name}`}
          options={STATUS_OPTIONS}
          defaultValue={component.status}
        />
      </div>
      <div className="pb-2.5">
        <NotifyField values={values} id={`notify-${component.id}`} />
      </div>
      <SubmitButton tone="plain">Set status</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} formRef={formRef} />
      </div>
    </form>
  );
}

/** The bulk status form's id: the components' and groups' boxes, elsewhere on the page, belong to it. */
const BULK_FORM = "bulk-status";
const bulkGroupBoxId = (groupId: string) => `bulk-group-${groupId}`;

/**
 * Sets one status on the components ticked on the page (their boxes join this form through the
 * `form` attribute, so it works without JavaScript). After a change, the boxes are cleared.
 */
export function BulkStatusForm() {
  const { state, formAction, formRef, values, errors } = useAdminForm(setComponentStatusesAction);
  useEffect(() => {
    if (state.status !== "saved") return;
    for (const box of document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM}"]`)) box.checked = false;
  }, [state]);
  return (
    <form id={BULK_FORM} key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <p className="text-sm text-gray-600 dark:text-gray-400">
        Tick the components below (or a whole group), then set one status on all of them.
      </p>
      <FieldError id="bulk-status-components" error={errors.componentIds ?? errors.groupIds} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48">
          <SelectField
            name="status"
            id="bulk-status-status"
            label="New status"
            options={[{ value: "", label: "Choose a status" }, ...STATUS_OPTIONS]}
            defaultValue={values.status ?? ""}
            error={errors.status}
          />
        </div>
        <div className="pb-2.5">
          <NotifyField values={values} id="bulk-status-notify" />
        </div>
        <SubmitButton>Set status of ticked components</SubmitButton>
      </div>
      <FormMessage state={state} formRef={formRef} />
    </form>
  );
}

/** A component's box for the bulk status change; unticking one unticks its group's "all" box. */
export function BulkComponentBox({ id, name, groupId }: { id: string; name: string; groupId: string | null }) {
  return (
    <label className="inline-flex items-center p-1">
      <input
        type="checkbox"
        form={BULK_FORM}
        name={bulkComponentField(id)}
        data-bulk-group={groupId ?? undefined}
        className="size-4"
        onChange={(event) => {
          if (event.currentTarget.checked || !groupId) return;
          const all = document.getElementById(bulkGroupBoxId(groupId));
          if (all instanceof HTMLInputElement) all.checked = false;
        }}
      />
      <span className="sr-only">Choose {name} for the bulk status change</span>
    </label>
  );
}

/** "All in <group>": chooses every component of the group (the server adds them; the page ticks them). */
export function BulkGroupBox({ id, name }: { id: string; name: string }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        id={bulkGroupBoxId(id)}
        form={BULK_FORM}
        name={bulkGroupField(id)}
        className="size-4"
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          for (const box of document.querySelectorAll<HTMLInputElement>(`input[data-bulk-group="${id}"]`)) box.checked = checked;
        }}
      />
      Choose all in {name}
    </label>
  );
}

export function EditComponentForm({
  component,
  groups,
}: {
  component: {
    id: string;
    version: number;
    name: string;
    description: string | null;
    groupId: string | null;
    showUptime: boolean;
    hideWhileOperational: boolean;
  };
  groups: Group[];
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(editComponentAction);
  // After a refused save the boxes keep what was sent (an unticked box sends nothing).
  const ticked = (name: "showUptime" | "hideWhileOperational") =>
    state.status === "error" ? values[name] === "on" : component[name];
  const id = (f: string) => `component-${component.id}-${f}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-3 space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="componentId" value={component.id} />
      <input type="hidden" name="version" value={values.version ?? String(component.version)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" id={id("name")} label="Name" defaultValue={values.name ?? component.name} error={errors.name} />
        <TextField
          name="description"
          id={id("description")}
          label="Description"
          defaultValue={values.description ?? component.description ?? ""}
          error={errors.description}
        />
        <SelectField
          name="groupId"
          id={id("group")}
          label="Group"
          hint="Moved to another group, it goes last there."
          options={groupOptions(groups)}
          defaultValue={values.groupId ?? component.groupId ?? ""}
          error={errors.groupId}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">On the public page</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="showUptime" defaultChecked={ticked("showUptime")} className="mt-0.5 size-4" />
          <span>Show uptime bars</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="hideWhileOperational"
            defaultChecked={ticked("hideWhileOperational")}
            className="mt-0.5 size-4"
          />
          <span>Only show while degraded (hidden while operational)</span>
        </label>
      </fieldset>
      <button type="submit" name="intent" value="save" className={buttonClass()}>
        Save component
      </button>
      <div className="space-y-2 border-t border-gray-200 pt-3 dark:border-gray-800">
        <p id={id("delete-effect")} className="text-sm text-gray-700 dark:text-gray-300">
          Deleting {component.name} removes it from the public page together with its status history and uptime bars. Past
          incidents keep their updates, which still name it, but no longer list it as affected. This cannot be undone.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <ConfirmCheckbox id={id("confirm")} error={errors.confirm}>
            Yes, delete {component.name} and its history
          </ConfirmCheckbox>
          <button
            type="submit"
            name="intent"
            value="delete"
            className={buttonClass("danger")}
            aria-describedby={id("delete-effect")}
          >
            Delete component
          </button>
        </div>
        <FieldError id={id("confirm")} error={errors.confirm} />
      </div>
    </form>
  );
}

export function CreateComponentForm({ groups }: { groups: Group[] }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(createComponentAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="name" id="new-component-name" label="Name" defaultValue={values.name} error={errors.name} />
        <TextField
          name="description"
          id="new-component-description"
          label="Description (optional)"
          defaultValue={values.description}
          error={errors.description}
        />
        <SelectField
          name="groupId"
          id="new-component-group"
          label="Group"
          options={groupOptions(groups)}
          defaultValue={values.groupId ?? ""}
          error={errors.groupId}
        />
      </div>
      <SubmitButton>Add component</SubmitButton>
    </form>
  );
}

export function GroupForm({ group }: { group?: { id: string; name: string } }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(saveGroupAction);
  const id = (f: string) => `group-${group?.id ?? "new"}-${f}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="groupId" value={group?.id ?? ""} />
      <IdempotencyKeyField />
      <TextField
        name="name"
        id={id("name")}
        label={group ? "Group name" : "New group name"}
        hint={group ? undefined : "It goes last on the page; move it with its Move buttons."}
        defaultValue={values.name ?? group?.name}
        error={errors.name}
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass(group ? "plain" : "primary")}>
          {group ? "Save group" : "Add group"}
        </button>
        {group ? (
          <button type="submit" name="intent" value="delete" className={buttonClass("plain")}>
            Delete group (keeps its components)
          </button>
        ) : null}
      </div>
      {group ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">
          Its components stay, with their status history and uptime, outside any group in the group's place on the page.
        </p>
      ) : null}
    </form>
  );
}

type MoveTarget = { componentId: string } | { groupId: string };

/**
 * Move up / Move down: one form posting which button was pressed, so it works without JavaScript.
 * The buttons' accessible names add the item's name; after a move, focus stays on the pressed one.
 */
export function MoveButtons({
  target,
  name,
  first,
  last,
  group = false,
}: {
  target: MoveTarget;
  name: string;
  first: boolean;
  last: boolean;
  group?: boolean;
}) {
  const { state, formAction } = useAdminForm(moveAction);
  const pressed = useRef<"up" | "down">("up");
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state.status !== "saved") return;
    // At an end the pressed button is now disabled, which drops focus to the page: keep it here.
    const [wanted, other] = pressed.current === "up" ? [upRef, downRef] : [downRef, upRef];
    (wanted.current?.disabled ? other.current : wanted.current)?.focus();
  }, [state]);
  const what = group ? `${name} (group)` : name;
  const button = (direction: "up" | "down", disabled: boolean, ref: React.RefObject<HTMLButtonElement | null>) => (
    <button
      ref={ref}
      type="submit"
      name="direction"
      value={direction}
      disabled={disabled}
      aria-label={`Move ${direction}: ${what}`}
      onClick={() => {
        pressed.current = direction;
      }}
      className={`${buttonClass("plain")} whitespace-nowrap`}
    >
      <span aria-hidden="true" className="mr-1">
        {direction === "up" ? "↑" : "↓"}
      </span>
      Move {direction}
    </button>
  );
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      {/* The form stays mounted (focus stays on the pressed button): its token is renewed per answer. */}
      <IdempotencyKeyField key={state.seq} />
      {"componentId" in target ? (
        <input type="hidden" name="componentId" value={target.componentId} />
      ) : (
        <input type="hidden" name="groupId" value={target.groupId} />
      )}
      <div className="flex gap-2">
        {button("up", first, upRef)}
        {button("down", last, downRef)}
      </div>
      <p role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? ERROR_TEXT : "sr-only"}>
        {state.message}
      </p>
    </form>
  );
}

const ERROR_TEXT = "max-w-xs text-sm font-medium text-red-700 sm:text-right dark:text-red-400";

/**
 * The component whose "Move to group" was used: its list is re-rendered by the move, so the form
 * that gets focus back is the one mounted in its new place.
 */
let movedByKeyboard: string | null = null;

/**
 * "Move to group", the keyboard's way to do what dragging a component onto another group does: it
 * goes last in the chosen group (or, outside any group, last on the page), the page refreshes in
 * place and focus follows it to its new place. Without JavaScript it is a plain form post.
 */
export function MoveToGroupForm({
  component,
  groups,
}: {
  component: { id: string; name: string; groupId: string | null };
  groups: Group[];
}) {
  const { state, formAction } = useAdminForm(placeAction);
  const scope = useReorderScope();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (movedByKeyboard !== component.id) return;
    movedByKeyboard = null;
    select.current?.focus();
  }, [component.id]);
  const id = `move-to-group-${component.id}`;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        // With JavaScript: saved without a reload, the answer announced by the page's reorder scope.
        event.preventDefault();
        const toGroupId = new FormData(event.currentTarget).get("toGroupId")?.toString() ?? "";
        if (toGroupId !== (component.groupId ?? "")) movedByKeyboard = component.id;
        scope.place({ componentId: component.id, toGroupId }, (answer) => {
          if (answer.status === "error") movedByKeyboard = null;
        });
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <IdempotencyKeyField key={state.seq} />
      <input type="hidden" name="componentId" value={component.id} />
      <label htmlFor={id} className="text-sm font-medium">
        Group<span className="sr-only"> of {component.name}</span>
      </label>
      <select
        ref={select}
        id={id}
        name="toGroupId"
        defaultValue={component.groupId ?? ""}
        className="min-h-10 max-w-44 rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-900"
      >
        <option value="">Outside any group</option>
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </select>
      <button type="submit" aria-label={`Move ${component.name} to the chosen group`} className={buttonClass("plain")}>
        Move
      </button>
      {state.status === "error" ? (
        <p role="alert" className={`basis-full ${ERROR_TEXT}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
