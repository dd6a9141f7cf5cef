"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { FieldError, SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from "@/lib/domain.ts";
import { createComponentAction, editComponentAction, saveGroupAction, setComponentStatusAction } from "./actions.ts";

type Group = { id: string; name: string };
const STATUS_OPTIONS = COMPONENT_STATUSES.map((s) => ({ value: s, label: COMPONENT_STATUS_LABELS[s] }));
const groupOptions = (groups: Group[]) => [
  { value: "", label: "No group" },
  ...groups.map((g) => ({ value: g.id, label: g.name })),
];

export function StatusForm({ component }: { component: { id: string; name: string; status: ComponentStatus } }) {
  const { state, formAction, formRef } = useAdminForm(setComponentStatusAction);
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
      <SubmitButton tone="plain">Set status</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} formRef={formRef} />
      </div>
    </form>
  );
}

export function EditComponentForm({
  component,
  groups,
}: {
  component: { id: string; version: number; name: string; description: string | null; groupId: string | null; position: number };
  groups: Group[];
}) {
  const { state, formAction, formRef, v, e } = useAdminForm(editComponentAction);
  const id = (f: string) => `component-${component.id}-${f}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="mt-3 space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="componentId" value={component.id} />
      <input type="hidden" name="version" value={v.version ?? String(component.version)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" id={id("name")} label="Name" defaultValue={v.name ?? component.name} error={e.name} />
        <TextField
          name="description"
          id={id("description")}
          label="Description"
          defaultValue={v.description ?? component.description ?? ""}
          error={e.description}
        />
        <SelectField
          name="groupId"
          id={id("group")}
          label="Group"
          options={groupOptions(groups)}
          defaultValue={v.groupId ?? component.groupId ?? ""}
          error={e.groupId}
        />
        <TextField
          name="position"
          id={id("position")}
          type="number"
          label="Position in its group"
          defaultValue={v.position ?? String(component.position)}
          error={e.position}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass()}>
          Save component
        </button>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" value="yes" className="size-4" />
          Delete it with its status history and uptime
        </label>
        <button type="submit" name="intent" value="delete" className={buttonClass("danger")}>
          Delete component
        </button>
      </div>
      <FieldError id={id("confirm")} error={e.confirm} />
    </form>
  );
}

export function CreateComponentForm({ groups }: { groups: Group[] }) {
  const { state, formAction, formRef, v, e } = useAdminForm(createComponentAction);
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="name" id="new-component-name" label="Name" defaultValue={v.name} error={e.name} />
        <TextField
          name="description"
          id="new-component-description"
          label="Description (optional)"
          defaultValue={v.description}
          error={e.description}
        />
        <SelectField
          name="groupId"
          id="new-component-group"
          label="Group"
          options={groupOptions(groups)}
          defaultValue={v.groupId ?? ""}
          error={e.groupId}
        />
      </div>
      <SubmitButton>Add component</SubmitButton>
    </form>
  );
}

export function GroupForm({ group }: { group?: { id: string; name: string; position: number } }) {
  const { state, formAction, formRef, v, e } = useAdminForm(saveGroupAction);
  const id = (f: string) => `group-${group?.id ?? "new"}-${f}`;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="groupId" value={group?.id ?? ""} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="name"
          id={id("name")}
          label={group ? "Group name" : "New group name"}
          defaultValue={v.name ?? group?.name}
          error={e.name}
        />
        <TextField
          name="position"
          id={id("position")}
          type="number"
          label="Position"
          defaultValue={v.position ?? String(group?.position ?? 0)}
          error={e.position}
        />
      </div>
      <div className="flex gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass(group ? "plain" : "primary")}>
          {group ? "Save group" : "Add group"}
        </button>
        {group ? (
          <button type="submit" name="intent" value="delete" className={buttonClass("plain")}>
            Delete group (keeps its components)
          </button>
        ) : null}
      </div>
    </form>
  );
}
