import type { DbOrTx } from "../db/client.ts";

/** The saved incident templates by name, for the templates page and the incident forms' pickers. */
export async function listIncidentTemplates(db: DbOrTx) {
  return db.incidentTemplate.findMany({ where: { kind: "incident" }, orderBy: { name: "asc" } });
}
