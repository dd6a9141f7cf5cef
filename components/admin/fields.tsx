import type { ReactNode } from "react";

const CONTROL =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base text-gray-900 shadow-sm " +
  "focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500 aria-invalid:border-red-600 " +
  "dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100 dark:aria-invalid:border-red-400";

type Common = { name: string; label: string; hint?: ReactNode; error?: string; id?: string };

function Label({ id, label, hint }: { id: string; label: string; hint?: ReactNode }) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-gray-600 dark:text-gray-400">
          {hint}
        </p>
      ) : null}
    </>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
      {error}
    </p>
  );
}

/** The box that confirms a deletion (`confirm=yes`; the action refuses without it). */
export function ConfirmCheckbox({ id, error, children }: { id: string; error?: string; children: ReactNode }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name="confirm" value="yes" className="size-4" aria-describedby={error ? `${id}-error` : undefined} />
      {children}
    </label>
  );
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  type = "text",
  defaultValue,
  required,
  autoComplete,
  autoFocus,
  ...field
}: Common & { type?: string; defaultValue?: string; required?: boolean; autoComplete?: string; autoFocus?: boolean }) {
  const id = field.id ?? field.name;
  return (
    <div>
      <Label id={id} label={field.label} hint={field.hint} />
      <input
        id={id}
        name={field.name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        // biome-ignore lint/a11y/noAutofocus: only where the page exists to fill that field (naming a new incident)
        autoFocus={autoFocus}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy(id, field.hint, field.error)}
        className={CONTROL}
      />
      <FieldError id={id} error={field.error} />
    </div>
  );
}

export function TextArea({
  defaultValue,
  rows = 5,
  required,
  onChange,
  ...field
}: Common & { defaultValue?: string; rows?: number; required?: boolean; onChange?: (value: string) => void }) {
  const id = field.id ?? field.name;
  return (
    <div>
      <Label id={id} label={field.label} hint={field.hint} />
      <textarea
        id={id}
        name={field.name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy(id, field.hint, field.error)}
        className={`${CONTROL} font-mono text-sm`}
      />
      <FieldError id={id} error={field.error} />
    </div>
  );
}

export function SelectField({
  options,
  defaultValue,
  onChange,
  ...field
}: Common & {
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  onChange?: (value: string) => void;
}) {
  const id = field.id ?? field.name;
  return (
    <div>
      <Label id={id} label={field.label} hint={field.hint} />
      <select
        id={id}
        name={field.name}
        defaultValue={defaultValue}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy(id, field.hint, field.error)}
        className={CONTROL}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={field.error} />
    </div>
  );
}
