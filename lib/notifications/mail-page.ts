import type { DbOrTx } from "../db/client.ts";
import { getPageSettings } from "../page/queries.ts";
import { resolvePublicBase } from "../urls/public-url.ts";
import type { MessageContext } from "./message-context.ts";

/** What a mail that is about no notification (a confirmation, an invitation) needs of the page. */
export async function mailPageContext(db: DbOrTx): Promise<Pick<MessageContext, "page" | "publicBase">> {
  const settings = await getPageSettings(db);
  const row = await db.pageSettings.findUnique({ where: { id: 1 }, select: { mailSenderName: true, mailReplyTo: true } });
  return {
    publicBase: resolvePublicBase({ pagePublicUrl: settings.publicUrl }),
    page: {
      name: settings.name,
      timeZone: settings.timeZone,
      updatedAt: new Date(),
      senderName: row?.mailSenderName ?? null,
      replyTo: row?.mailReplyTo ?? null,
    },
  };
}
