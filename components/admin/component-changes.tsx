import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from "@/lib/domain.ts";
import { componentChangeField } from "@/lib/forms/field-names.ts";
import { FieldError } from "./fields.tsx";

export type PickerComponent = { id: string; name: string; status: ComponentStatus; group: { name: string } | null };

/**
 * One select per component, named componentChangeField(id); the empty choice leaves it as it is.
 * `errors` are the form's: one about a component shows under its select, one about them all below.
 */
export function ComponentChanges({
  components,
  values,
  errors = {},
  legend,
  emptyLabel = "No change",
  showCurrent = true,
}: {
  components: PickerComponent[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
  legend: string;
  /** The empty choice's words. */
  emptyLabel?: string;
  /** Whether each label says the component's status now (not when entering the past). */
  showCurrent?: boolean;
}) {
  if (components.length === 0) return null;
  const error = errors.components;
  return (
    <fieldset
      className="rounded-md border border-gray-300 p-3 dark:border-gray-700"
      aria-describedby={error ? "components-error" : undefined}
    >
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {components.map((c) => {
          const id = `component-${c.id}`;
          const field = componentChangeField(c.id);
          const fieldError = errors[field];
          return (
            <div key={c.id}>
              <label htmlFor={id} className="block text-sm">
                {c.group ? `${c.group.name} › ` : ""}
                <span className="font-medium">{c.name}</span>
                {showCurrent ? (
                  <span className="text-gray-600 dark:text-gray-400"> (now {COMPONENT_STATUS_LABELS[c.status]})</span>
                ) : null}
              </label>
              <select
                id={id}
                name={field}
                defaultValue={values?.[field] ?? ""}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error` : undefined}
                className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-900"
              >
                <option value="">{emptyLabel}</option>
                {COMPONENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {COMPONENT_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
              <FieldError id={id} error={fieldError} />
            </div>
          );
        })}
      </div>
      <FieldError id="components" error={error} />
    </fieldset>
  );
}
