"use client";

import type { RefObject } from "react";

export type PickableTemplate = { id: string; name: string; title: string | null; status: string | null; body: string };

/** Fills the form's name, status and message from a saved template; the staff member edits from there. */
export function TemplatePicker({
  templates,
  formRef,
  fields,
}: {
  templates: PickableTemplate[];
  formRef: RefObject<HTMLFormElement | null>;
  fields: { name?: string; status?: string; message: string };
}) {
  if (templates.length === 0) return null;
  const fill = (id: string) => {
    const t = templates.find((candidate) => candidate.id === id);
    const form = formRef.current;
    if (!t || !form) return;
    const set = (field: string | undefined, value: string | null) => {
      const element = field ? form.elements.namedItem(field) : null;
      if (
        value &&
        (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)
      ) {
        element.value = value;
      }
    };
    set(fields.name, t.title);
    set(fields.status, t.status);
    set(fields.message, t.body);
  };
  const id = `template-picker-${fields.message}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Start from a template
      </label>
      <select
        id={id}
        defaultValue=""
        onChange={(event) => fill(event.target.value)}
        className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base dark:border-gray-600 dark:bg-gray-900"
      >
        <option value="">No template</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
