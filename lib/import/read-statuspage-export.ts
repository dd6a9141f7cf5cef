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

async function readText(source: string, file: string): Promise<{ text: string; where: string }> {
  if (isUrl(source)) {
    const where = new URL(file, apiBaseOf(source)).toString();
    let response: Response;
    try {
      response = await fetch(where, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new ImportError(`${file}: could not fetch ${where} (${(error as Error).message})`);
    }
    if (!response.ok) throw new ImportError(`${file}: ${where} answered HTTP ${response.status}`);
    return { text: await response.text(), where };
  }
  const where = path.resolve(source, file);
  try {
    return { text: await readFile(where, "utf8"), where };
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
  const { text, where } = await readText(source, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${file}: malformed JSON in ${where} (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldName(issue.path);
  if (issue.code === "invalid_value") {
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
