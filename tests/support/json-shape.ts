// A JSON "shape" learned from real payloads: for every path, which value types occur and, for
// objects, which keys always occur (required) and which only sometimes (optional). Checking our
// output against it compares key sets and value types recursively, so a renamed, missing, extra or
// retyped field anywhere in the API fails the test.

type JsonType = "null" | "string" | "number" | "boolean" | "object" | "array";

export type Shape = {
  types: Set<JsonType>;
  /** For objects: each key's shape and how many object samples had it. */
  keys: Map<string, { shape: Shape; seen: number }>;
  objectSamples: number;
  /** For arrays: the shape of every element seen, or null when only empty arrays were seen. */
  element: Shape | null;
};

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  if (t === "string" || t === "number" || t === "boolean" || t === "object") return t;
  throw new Error(`not JSON: ${t}`);
}

export function deriveShape(samples: readonly unknown[]): Shape {
  const shape: Shape = { types: new Set(), keys: new Map(), objectSamples: 0, element: null };
  const valuesByKey = new Map<string, unknown[]>();
  const elements: unknown[] = [];
  let sawArray = false;
  for (const sample of samples) {
    const type = typeOf(sample);
    shape.types.add(type);
    if (type === "object") {
      shape.objectSamples++;
      for (const [key, value] of Object.entries(sample as Record<string, unknown>)) {
        valuesByKey.set(key, [...(valuesByKey.get(key) ?? []), value]);
      }
    } else if (type === "array") {
      sawArray = true;
      elements.push(...(sample as unknown[]));
    }
  }
  for (const [key, values] of valuesByKey) shape.keys.set(key, { shape: deriveShape(values), seen: values.length });
  shape.element = sawArray && elements.length ? deriveShape(elements) : null;
  return shape;
}

/**
 * Every difference between `value` and `shape`, as `path: problem` lines (empty when it fits).
 * A field that is null in every sample is one Statuspage fills with a string when set (timestamps,
 * ids, `start_date`), so null or a string is accepted there.
 */
export function shapeProblems(value: unknown, shape: Shape, path = "$"): string[] {
  const type = typeOf(value);
  const nullOnly = shape.types.size === 1 && shape.types.has("null");
  if (!shape.types.has(type) && !(nullOnly && type === "string")) {
    return [`${path}: is ${type}, the fixtures have ${[...shape.types].join(" | ")}`];
  }
  const problems: string[] = [];
  if (type === "object") {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const known = shape.keys.get(key);
      if (!known) problems.push(`${path}.${key}: not in the fixtures`);
      else problems.push(...shapeProblems(object[key], known.shape, `${path}.${key}`));
    }
    for (const [key, known] of shape.keys) {
      if (known.seen === shape.objectSamples && !(key in object)) problems.push(`${path}.${key}: missing`);
    }
  } else if (type === "array") {
    const items = value as unknown[];
    if (items.length && !shape.element) problems.push(`${path}: the fixtures have no element to compare with`);
    else if (shape.element) {
      for (const [i, item] of items.entries()) problems.push(...shapeProblems(item, shape.element, `${path}[${i}]`));
    }
  }
  return problems;
}
