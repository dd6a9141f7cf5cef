import { z } from "zod";
import { InvalidError, parseInput } from "../errors.ts";
import { DATE_BOUNDS_MESSAGE, isYearInBounds } from "../time/bounds.ts";
import { parseQuickTime } from "../time/quick-time.ts";
import { parseWallTime } from "../time/wall-time.ts";

// Every admin form has one decoder: a zod schema over its submitted fields that turns their text
// into the input of the lib write it calls (numbers, instants in the page's time zone, lists of
// `prefix:<id>` fields), then the write's own schema (lib/<subject>/schemas.ts) checked over that
// input, so that each error is keyed by the name of the form field that shows it. The write
// checks its input again: it is called from the API too, and the rules live only there.

/** A form's submitted text fields, by name (lib/forms/form-state.ts#submittedValues). */
export type FormValues = Record<string, string>;
export type FormContext = { timeZone: string };

/** The submitted fields with those named `<prefix>:<key>` grouped as `{ "<prefix>:": { <key>: value } }`. */
export type FormFields = Record<string, string | Record<string, string>>;

export function groupPrefixedFields(values: FormValues): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(values)) {
    const colon = name.indexOf(":");
    if (colon <= 0) {
      fields[name] = value;
      continue;
    }
    const prefix = name.slice(0, colon + 1);
    const group = fields[prefix];
    const entries = typeof group === "object" ? group : {};
    entries[name.slice(colon + 1)] = value;
    fields[prefix] = entries;
  }
  return fields;
}

// Field readers, for the decoders' schemas. They turn text into the input's types and judge
// nothing else: an empty name stays empty for the write's schema to refuse with its own message.
// A choice (a status, a role) is read with the write's own enum, which is what types it.

/** A text field; absent reads as empty. */
export const text = z.string().default("");
/** A select or hidden id whose empty value means none. */
export const textOrNull = z
  .string()
  .optional()
  .transform((value) => value || null);
/** A hidden version number; absent or garbled reads as NaN, which the write refuses ("Reload the page"). */
export const versionNumber = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? Number(value) : Number.NaN));
/** A checkbox: ticked when it sent `value` (a box without a value attribute sends "on"). */
export const checkbox = (value = "on") =>
  z
    .string()
    .optional()
    .transform((sent) => sent === value);
/**
 * One of the write's allowed values (its own enum). The form's empty choice, or none sent, is
 * `empty`: undefined (the write's default) or null (none, for a nullable one).
 */
export const choice = <S extends z.ZodType>(schema: S, empty: null | undefined = undefined) =>
  z.preprocess((value) => (value === "" || value === undefined ? empty : value), schema);
/** The `<prefix>:<key>` fields of a group (see groupPrefixedFields), each read with `value`. */
export const prefixed = <S extends z.ZodType>(value: S) => z.record(z.string(), value).default({});

/** A datetime-local field, read in the page's time zone; empty is undefined (the write's "now"). */
export function wallTime(timeZone: string) {
  return z
    .string()
    .optional()
    .transform((typed, context): Date | undefined => {
      const trimmed = typed?.trim();
      return trimmed ? (readWallTime(trimmed, timeZone, context) ?? z.NEVER) : undefined;
    });
}

/**
 * An optional time typed quickly (lib/time/quick-time.ts): `now`, `-15m`, `16:01` (today in the
 * page's zone) or `2024-07-11 16:01`, read when the form arrives. Empty: undefined (the write's now).
 */
export function quickTime(timeZone: string) {
  return z
    .string()
    .optional()
    .transform((typed, context): Date | undefined => {
      const trimmed = typed?.trim();
      if (!trimmed) return undefined;
      const instant = parseQuickTime(trimmed, { now: new Date(), timeZone });
      if (instant && isYearInBounds(instant.getUTCFullYear())) return instant;
      const year = Number(/^(\d{4})-/.exec(trimmed)?.[1]);
      context.addIssue({
        code: "custom",
        message:
          Number.isNaN(year) || isYearInBounds(year)
            ? "Enter a time such as now, -15m, 16:01 or 2024-07-11 16:01."
            : DATE_BOUNDS_MESSAGE,
      });
      return z.NEVER;
    });
}

/**
 * A datetime-local field the form needs. Empty is refused with `emptyMessage`, or without it
 * left to the write's schema (as an invalid date, which it refuses with its own message, together
 * with the form's other errors).
 */
export function requiredWallTime(timeZone: string, emptyMessage?: string) {
  return z
    .string()
    .optional()
    .transform((typed, context): Date => {
      const trimmed = typed?.trim();
      if (trimmed) return readWallTime(trimmed, timeZone, context) ?? z.NEVER;
      if (!emptyMessage) return new Date(Number.NaN);
      context.addIssue({ code: "custom", message: emptyMessage });
      return z.NEVER;
    });
}

function readWallTime(typed: string, timeZone: string, context: z.RefinementCtx): Date | undefined {
  const instant = parseWallTime(typed, timeZone);
  if (instant) return instant;
  const year = Number(/^(\d{4})-/.exec(typed)?.[1]);
  context.addIssue({
    code: "custom",
    message:
      Number.isNaN(year) || isYearInBounds(year) ? "Enter a date and time, such as 2024-07-11 16:01." : DATE_BOUNDS_MESSAGE,
  });
  return undefined;
}

/**
 * `shape`'s fields and one group of `<prefix>:<key>` fields (see groupPrefixedFields), read with
 * `read` and handed to the write's input as `name` (`component:` selects as `components`).
 */
export function withPrefixedGroup<Shape extends z.ZodRawShape, Name extends string, Read extends z.ZodType>(
  shape: Shape,
  group: { prefix: string; read: Read; name: Name },
) {
  return z.object({ ...shape, [group.prefix]: group.read }).transform((fields) => {
    const { [group.prefix]: read, ...rest } = fields as Record<string, unknown>;
    // The object's own fields, and the group under its new name (TypeScript cannot follow a computed key).
    return { ...rest, [group.name]: read } as z.output<z.ZodObject<Shape>> & Record<Name, z.output<Read>>;
  });
}

type ElementOf<T> = NonNullable<T> extends readonly (infer Element)[] ? Element : never;

/** For a list in the write's input, the form field that shows an error about one of its items. */
export type ListFields<Input> = { [Key in keyof Input]?: (item: ElementOf<Input[Key]>) => string };

/**
 * The name of the form field an issue at `path` of the decoded input concerns: the field itself,
 * the `<prefix>:<key>` field of an item of a prefixed group or of a list the form builds from one
 * (`components.0.status` is `component:<its id>`), or the list's own field (`components`).
 */
export function fieldOfPath<Input>(path: readonly PropertyKey[], input: Input, lists: ListFields<Input> = {}): string {
  const [first, second] = path;
  if (first === undefined) return "form";
  const key = String(first);
  if (key.endsWith(":") && second !== undefined) return `${key}${String(second)}`;
  const nameOf = lists[key as keyof Input] as ((item: unknown) => string) | undefined;
  const list = (input as Record<string, unknown>)[key];
  if (nameOf && typeof second === "number" && Array.isArray(list) && list[second] !== undefined) return nameOf(list[second]);
  return key;
}

/**
 * A form's decoder: `fields` reads the submitted fields into the input of `input` (the write's
 * schema), which is then checked. The result is that input, typed; an InvalidError names the
 * form's fields.
 */
export function formDecoder<S extends z.ZodType>(options: {
  fields: z.ZodType<z.input<S>>;
  input: S;
  lists?: ListFields<z.input<S>>;
}): (values: FormValues) => z.input<S> {
  return (values) => decode(options.fields, options.input, options.lists, values);
}

/** formDecoder for a form with times, which it reads in the page's time zone. */
export function zonedFormDecoder<S extends z.ZodType>(options: {
  fields: (context: FormContext) => z.ZodType<z.input<S>>;
  input: S;
  lists?: ListFields<z.input<S>>;
}): (values: FormValues, context: FormContext) => z.input<S> {
  return (values, context) => decode(options.fields(context), options.input, options.lists, values);
}

function decode<S extends z.ZodType>(
  fields: z.ZodType<z.input<S>>,
  schema: S,
  lists: ListFields<z.input<S>> | undefined,
  values: FormValues,
): z.input<S> {
  const grouped = groupPrefixedFields(values);
  const input = parseInput(fields, grouped, (path) => fieldOfPath(path, grouped));
  parseInput(schema, input, (path) => fieldOfPath(path, input, lists));
  return input;
}

/** The button pressed, among `intents`; `fallback` for any other (the form's main button), or a refusal. */
export function readIntent<T extends string>(
  values: FormValues,
  intents: readonly T[],
  options: { fallback: T } | { refusal: string },
): T {
  const intent = intents.find((candidate) => candidate === values.intent);
  if (intent) return intent;
  if ("fallback" in options) return options.fallback;
  throw new InvalidError(options.refusal);
}

/** Refuses a deletion (or removal) whose confirmation box was not ticked. */
export function requireConfirmation(values: FormValues, message: string): void {
  if (values.confirm !== "yes") throw new InvalidError(message, { confirm: "Tick this box to confirm." });
}
