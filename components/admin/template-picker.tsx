"use client";

import { type RefObject, useRef, useState } from "react";

export type PickableTemplate = { id: string; name: string; title: string | null; status: string | null; body: string };

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Sets a field's value the way typing would, so that React's onChange (the message preview) sees
 * it: through the element type's own value setter, then an input event.
 */
function setFieldValue(element: Field, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), "value")?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

/**
 * Fills the form's name, status and message from a saved template; the staff member edits from
 * there. It never replaces typing without asking, and "No template" puts back what the fields
 * held before the first template was chosen.
 */
export function TemplatePicker({
  templates,
  formRef,
  fields,
  startedFrom,
}: {
  templates: PickableTemplate[];
  formRef: RefObject<HTMLFormElement | null>;
  fields: { name?: string; status?: string; message: string };
  /** The template whose message the form started with (a new postmortem), if any. */
  startedFrom?: PickableTemplate;
}) {
  const names = [fields.name, fields.status, fields.message].filter((f): f is string => Boolean(f));
  const [chosen, setChosen] = useState(startedFrom?.id ?? "");
  /** The fields as they were before a template first filled them ("No template" restores this). */
  const before = useRef<Record<string, string> | null>(startedFrom ? { [fields.message]: "" } : null);
  /** What the last template put in each field: a field that still holds it was not typed in. */
  const filled = useRef<Record<string, string>>(startedFrom ? { [fields.message]: startedFrom.body } : {});
  if (templates.length === 0) return null;
  const element = (field: string): Field | null => {
    const found = formRef.current?.elements.namedItem(field);
    return found instanceof HTMLInputElement || found instanceof HTMLTextAreaElement || found instanceof HTMLSelectElement
      ? found
      : null;
  };
  const current = () => Object.fromEntries(names.map((f) => [f, element(f)?.value ?? ""]));
  /** Text fields the staff member typed in (a select always has some value: not typing). */
  const typedIn = () =>
    [fields.name, fields.message].some((f) => {
      const value = f ? (element(f)?.value ?? "") : "";
      const expected = f ? (filled.current[f] ?? before.current?.[f] ?? "") : "";
      return value.trim() !== "" && value !== expected;
    });

  const choose = (id: string) => {
    if (typedIn() && !window.confirm("Replace what you typed with this choice?")) return false;
    if (id === "") {
      for (const [f, value] of Object.entries(before.current ?? {})) {
        const el = element(f);
        if (el) setFieldValue(el, value);
      }
      before.current = null;
      filled.current = {};
      return true;
    }
    const t = templates.find((candidate) => candidate.id === id);
    if (!t) return false;
    if (before.current === null) before.current = current();
    const values: Record<string, string | null> = {};
    if (fields.name) values[fields.name] = t.title;
    if (fields.status) values[fields.status] = t.status;
    values[fields.message] = t.body;
    filled.current = {};
    for (const [f, value] of Object.entries(values)) {
      const el = element(f);
      // A template without a title or status leaves that field as it was before any template.
      const next = value ?? before.current[f] ?? "";
      if (el) setFieldValue(el, next);
      filled.current[f] = next;
    }
    return true;
  };
  const id = `template-picker-${fields.message}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Start from a template
      </label>
      <select
        id={id}
        value={chosen}
        onChange={(event) => {
          if (choose(event.target.value)) setChosen(event.target.value);
        }}
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
