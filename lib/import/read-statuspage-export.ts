import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { componentsFile, incidentsFile, maintenancesFile, type StatuspageExport } from "./statuspage-schemas.ts";

/** Input the importer refuses; the message names the file and the field. */
export class ImportError extends Error {}

export const EXPORT_FILES = {
  components: "components.json",
  incidents: "incidents.json",
  maintenances: "scheduled-maintenances.json",
} as const;

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** `https://status.example.com` → `https://status.example.com/api/v2/`; a URL already at /api/v2 is kept. */
export function apiBaseOf(source: string): string {
  const url = new URL(source);
  const trimmed = url.pathname.replace(/\/+$/, "");
  url.pathname = /\/api\/v2$/.test(trimmed) ? `${trimmed}/` : `${trimmed}/api/v2/`;
  url.search = "";
  url.hash = "";
  return url.toString();
}

/** The most an importer reads from one URL: `UPSTATE_IMPORT_MAX_BYTES`, 20 MB unless set. */
export function importMaxBytes(): number {
  const configured = Number(process.env.UPSTATE_IMPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 20_000_000;
}

const MAX_REDIRECTS = 3;

/**
 * GETs a page's JSON. Redirects are followed only within the page's own origin: one elsewhere
 * (an internal host behind the server running the import) is refused. The body is read as a
 * stream and abandoned past the size limit, and no error repeats what a server answered.
 */
async function fetchText(file: string, where: string): Promise<string> {
  const origin = new URL(where).origin;
  const deadline = AbortSignal.timeout(30_000);
  let url = where;
  let response: Response;
  for (let redirects = 0; ; redirects++) {
    try {
      response = await fetch(url, { headers: { accept: "application/json" }, redirect: "manual", signal: deadline });
    } catch (error) {
      throw new ImportError(
        `${file}: could not fetch ${url} (${(error as Error).name === "TimeoutError" ? "timed out" : "no answer"})`,
      );
    }
    if (response.status < 300 || response.status >= 400) break;
    await response.body?.cancel();
    const location = response.headers.get("location");
    const next = location ? new URL(location, url) : null;
    if (!next || next.origin !== origin)
      throw new ImportError(`${file}: ${url} redirects to another host (${next?.origin ?? "nowhere"}); give that URL instead`);
    if (redirects >= MAX_REDIRECTS) throw new ImportError(`${file}: ${where} redirects too many times`);
    url = next.toString();
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImportError(`${file}: ${url} answered HTTP ${response.status}`);
  }
  const maxBytes = importMaxBytes();
  const tooBig = () =>
    new ImportError(`${file}: ${url} is larger than ${maxBytes.toLocaleString("en-US")} bytes (UPSTATE_IMPORT_MAX_BYTES)`);
  if (Number(response.headers.get("content-length")) > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readText(source: string, file: string): Promise<{ text: string; where: string; remote: boolean }> {
  if (isUrl(source)) {
    const where = new URL(file, apiBaseOf(source)).toString();
    return { text: await fetchText(file, where), where, remote: true };
  }
  const where = path.resolve(source, file);
  try {
    return { text: await readFile(where, "utf8"), where, remote: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      code === "ENOENT" ? `${file}: missing (looked for ${where})` : `${file}: cannot read ${where} (${code})`,
    );
  }
}

function valueAt(data: unknown, pathParts: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of pathParts) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return value;
}

function fieldName(pathParts: readonly PropertyKey[]): string {
  return pathParts.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "(top level)";
}

async function readFileOf<T extends z.ZodType>(source: string, file: string, schema: T): Promise<z.infer<T>> {
  const { text, where, remote } = await readText(source, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text: a server's answer is never repeated.
    throw new ImportError(`${file}: malformed JSON in ${where}${remote ? "" : ` (${(error as Error).message})`}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldName(issue.path);
  if (issue.code === "invalid_value" && !remote) {
    throw new ImportError(
      `${file}: ${field} has unknown value ${JSON.stringify(valueAt(json, issue.path))} (expected one of ${issue.values.join(", ")})`,
    );
  }
  throw new ImportError(`${file}: ${field}: ${issue.message}`);
}

/** Reads and checks a Statuspage page's public API JSON from a folder or an http(s) base URL. */
export async function readStatuspageExport(source: string): Promise<StatuspageExport> {
  const components = await readFileOf(source, EXPORT_FILES.components, componentsFile);
  const incidents = await readFileOf(source, EXPORT_FILES.incidents, incidentsFile);
  const maintenances = await readFileOf(source, EXPORT_FILES.maintenances, maintenancesFile);
  return {
    page: components.page,
    components: components.components,
    incidents: incidents.incidents,
    maintenances: maintenances.scheduled_maintenances,
  };
}
