// The body of a write API request, as a plain object: JSON, or form-encoded with Rails' brackets
// as Statuspage accepts it (`incident[name]=…`, `incident[components][<id>]=major_outage`,
// `incident[component_ids][]=…`). Form values stay strings; the wire schemas accept a boolean or
// number spelled as a string, so both encodings validate alike. A body that cannot be read at all
// is a MalformedRequestError (400), before any field is looked at.

import { MalformedRequestError } from "../errors.ts";
import type { ApiRequest } from "../http/api-request.ts";

/** Larger than any write needs (a postmortem is at most 100,000 characters). */
export const MAX_BODY_BYTES = 1_000_000;

type FormValue = string | FormValue[] | { [key: string]: FormValue };
type FormObject = { [key: string]: FormValue };

export async function readBody(request: ApiRequest): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new MalformedRequestError("The request body is larger than 1 MB.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new MalformedRequestError("The request body is larger than 1 MB.");
  if (text.trim() === "") return {};
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return decodeNestedForm(text);
  // A body sent without a type (fetch calls a string text/plain) is read as JSON.
  if (type === "" || type === "text/plain" || type === "application/json" || type.endsWith("+json")) {
    try {
      return JSON.parse(text);
    } catch {
      throw new MalformedRequestError("The request body is not valid JSON.");
    }
  }
  throw new MalformedRequestError("Send the body as application/json or application/x-www-form-urlencoded.");
}

/** `a[b][c]=1&a[d][]=2` → `{ a: { b: { c: "1" }, d: ["2"] } }`. Conflicting shapes are a bad body. */
export function decodeNestedForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = keyPath(name);
    if (!path) throw new MalformedRequestError(`The form field “${name.slice(0, 100)}” is not a valid name.`);
    assign(root, path, value, name);
  }
  return root;
}

function keyPath(name: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return null;
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!);
  // `[]` appends, and only as the last part: `a[][b]` (arrays of objects) is not needed by any body.
  if (rest.slice(0, -1).includes("")) return null;
  return [match[1]!, ...rest];
}

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function assign(target: FormObject, path: string[], value: string, name: string): void {
  const conflict = () =>
    new MalformedRequestError(`The form field “${name.slice(0, 100)}” conflicts with another field of the same name.`);
  let node: FormObject = target;
  for (let index = 0; index < path.length; index++) {
    const key = path[index]!;
    if (FORBIDDEN_KEYS.has(key)) throw new MalformedRequestError(`The form field “${name.slice(0, 100)}” is not a valid name.`);
    const last = index === path.length - 1;
    const next = path[index + 1];
    if (last) {
      if (Object.hasOwn(node, key)) throw conflict();
      node[key] = value;
      return;
    }
    if (next === "") {
      node[key] ??= [];
      const list = node[key];
      if (!Array.isArray(list)) throw conflict();
      list.push(value);
      return;
    }
    node[key] ??= {};
    const child = node[key];
    if (typeof child !== "object" || Array.isArray(child)) throw conflict();
    node = child;
  }
}
