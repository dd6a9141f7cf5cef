import type { DbOrTx } from "../db/client.ts";
import type { TemplateKind } from "../domain.ts";

/**
 * The saved templates of one kind by name: update templates for the incident forms' pickers,
 * postmortem templates for the postmortem editor (the first is where a new postmortem starts).
 * Without a kind, all of them, for the Templates page.
 */
export async function listTemplates(db: DbOrTx, kind?: TemplateKind) {
  return db.incidentTemplate.findMany({ where: kind ? { kind } : {}, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
