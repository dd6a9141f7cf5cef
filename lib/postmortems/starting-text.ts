import type { DbOrTx } from "../db/client.ts";
import { DEFAULT_POSTMORTEM_TEMPLATE } from "./timeline-markdown.ts";

/**
 * The text a new postmortem starts from: the body of the template named "Postmortem" (any case),
 * which staff edit on the Templates page, else the built-in Summary / Root cause / Actions / Timeline.
 */
export async function postmortemStartingText(db: DbOrTx): Promise<string> {
  const template = await db.incidentTemplate.findFirst({
    where: { name: { equals: "Postmortem", mode: "insensitive" } },
    select: { body: true },
  });
  return template?.body.trim() ? template.body : DEFAULT_POSTMORTEM_TEMPLATE;
}
