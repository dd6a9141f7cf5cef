"use client";

import { useEffect, useId, useState } from "react";
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from "@/lib/domain.ts";
import { componentChangeField } from "@/lib/forms/field-names.ts";
import { FieldError } from "./fields.tsx";

export type PickerComponent = { id: string; name: string; status: ComponentStatus; group: { name: string } | null };

type Props = {
  components: PickerComponent[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
  legend: string;
  /** The empty choice's words. */
  emptyLabel?: string;
  /** Whether each label says the component's status now (not when entering the past). */
  showCurrent?: boolean;
  /** The status a component gets when it is added with the picker. */
  addedStatus?: ComponentStatus;
  /** False: every component's select even with JavaScript (a form filled at a desk, such as a past incident). */
  picker?: boolean;
};

const SELECT =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-900";

/**
 * The components an update changes, each a select named componentChangeField(id) (empty: no change).
 * Without JavaScript every component has its select. With it, only the components the staff member
 * adds through a search box (a group adds all of its components) are listed, each with its new
 * status: on a phone the form stays one screen long. `errors` are the form's: one about a
 * component shows under its select, one about them all below.
 */
export function ComponentChanges(props: Props) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (props.components.length === 0) return null;
  return enhanced && props.picker !== false ? <ComponentPicker {...props} /> : <AllComponents {...props} />;
}

function Frame({ legend, error, children }: { legend: string; error?: string; children: React.ReactNode }) {
  return (
    <fieldset
      className="rounded-md border border-gray-300 p-3 dark:border-gray-700"
      aria-describedby={error ? "components-error" : undefined}
    >
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {children}
      <FieldError id="components" error={error} />
    </fieldset>
  );
}

function ComponentLabel({
  component,
  htmlFor,
  showCurrent,
}: {
  component: PickerComponent;
  htmlFor: string;
  showCurrent: boolean;
}) {
  return (
    <label htmlFor={htmlFor} className="block text-sm">
      {component.group ? `${component.group.name} › ` : ""}
      <span className="font-medium">{component.name}</span>
      {showCurrent ? (
        <span className="text-gray-600 dark:text-gray-400"> (now {COMPONENT_STATUS_LABELS[component.status]})</span>
      ) : null}
    </label>
  );
}

function StatusSelect({
  component,
  defaultValue,
  emptyLabel,
  error,
}: {
  component: PickerComponent;
  defaultValue: string;
  emptyLabel?: string;
  error?: string;
}) {
  const id = `component-${component.id}`;
  return (
    <select
      id={id}
      name={componentChangeField(component.id)}
      defaultValue={defaultValue}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      className={SELECT}
    >
      {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
      {COMPONENT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {COMPONENT_STATUS_LABELS[s]}
        </option>
      ))}
    </select>
  );
}

/** The page as served: a select for every component (what works without JavaScript). */
function AllComponents({ components, values, errors = {}, legend, emptyLabel = "No change", showCurrent = true }: Props) {
  return (
    <Frame legend={legend} error={errors.components}>
      <div className="grid gap-3 sm:grid-cols-2">
        {components.map((c) => {
          const field = componentChangeField(c.id);
          return (
            <div key={c.id}>
              <ComponentLabel component={c} htmlFor={`component-${c.id}`} showCurrent={showCurrent} />
              <StatusSelect component={c} defaultValue={values?.[field] ?? ""} emptyLabel={emptyLabel} error={errors[field]} />
              <FieldError id={`component-${c.id}`} error={errors[field]} />
            </div>
          );
        })}
      </div>
    </Frame>
  );
}

type Suggestion = { key: string; label: string; ids: string[] };

/** What a search matches: groups first (adding all their components), then single components. */
export function suggest(components: PickerComponent[], picked: ReadonlySet<string>, query: string): Suggestion[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const groups = new Map<string, string[]>();
  for (const c of components) {
    if (c.group && !picked.has(c.id)) groups.set(c.group.name, [...(groups.get(c.group.name) ?? []), c.id]);
  }
  const groupHits = [...groups]
    .filter(([name, ids]) => ids.length > 1 && name.toLowerCase().includes(q))
    .map(([name, ids]) => ({ key: `group:${name}`, label: `All of ${name} (${ids.length})`, ids }));
  const componentHits = components
    .filter((c) => !picked.has(c.id))
    .filter((c) => c.name.toLowerCase().includes(q) || c.group?.name.toLowerCase().includes(q))
    .map((c) => ({ key: c.id, label: c.group ? `${c.group.name} › ${c.name}` : c.name, ids: [c.id] }));
  return [...groupHits, ...componentHits].slice(0, 8);
}

function ComponentPicker({
  components,
  values = {},
  errors = {},
  legend,
  showCurrent = true,
  addedStatus = "partial_outage",
}: Props) {
  const searchId = useId();
  const [picked, setPicked] = useState<string[]>(() =>
    components.filter((c) => values[componentChangeField(c.id)]).map((c) => c.id),
  );
  const [query, setQuery] = useState("");
  const pickedSet = new Set(picked);
  const suggestions = suggest(components, pickedSet, query);
  const add = (ids: string[]) => {
    setPicked((now) => [...now, ...ids.filter((id) => !now.includes(id))]);
    setQuery("");
  };
  const byId = new Map(components.map((c) => [c.id, c]));
  return (
    <Frame legend={legend} error={errors.components}>
      {picked.length > 0 ? (
        <ul className="mb-3 grid gap-3 sm:grid-cols-2">
          {picked.map((id) => {
            const c = byId.get(id);
            if (!c) return null;
            const field = componentChangeField(c.id);
            return (
              <li key={c.id}>
                <ComponentLabel component={c} htmlFor={`component-${c.id}`} showCurrent={showCurrent} />
                <div className="flex items-center gap-2">
                  <StatusSelect component={c} defaultValue={values[field] || addedStatus} error={errors[field]} />
                  <button
                    type="button"
                    onClick={() => setPicked((now) => now.filter((other) => other !== c.id))}
                    className="mt-1 rounded-md border border-gray-300 px-2 py-1.5 text-sm dark:border-gray-600"
                    aria-label={`Remove ${c.name}`}
                  >
                    ✕
                  </button>
                </div>
                <FieldError id={`component-${c.id}`} error={errors[field]} />
              </li>
            );
          })}
        </ul>
      ) : null}
      <label htmlFor={searchId} className="block text-sm">
        Add a component or group
      </label>
      <input
        id={searchId}
        type="search"
        value={query}
        autoComplete="off"
        placeholder={`Search ${components.length} components`}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          // Enter adds the first match instead of submitting the form.
          if (event.key !== "Enter") return;
          event.preventDefault();
          if (suggestions[0]) add(suggestions[0].ids);
        }}
        className={`${SELECT} text-base`}
      />
      <p className="sr-only" aria-live="polite">
        {query.trim() ? `${suggestions.length} matches` : ""}
      </p>
      {suggestions.length > 0 ? (
        <ul aria-label="Matching components" className="mt-1 flex flex-wrap gap-2">
          {suggestions.map((s) => (
            <li key={s.key}>
              <button
                type="button"
                onClick={() => add(s.ids)}
                className="rounded-full border border-indigo-300 bg-indigo-50 px-3 py-1.5 text-sm text-indigo-900 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100"
              >
                + {s.label}
              </button>
            </li>
          ))}
        </ul>
      ) : query.trim() ? (
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">No component matches.</p>
      ) : null}
    </Frame>
  );
}
