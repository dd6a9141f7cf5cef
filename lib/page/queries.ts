import type { DbOrTx } from "../db/client.ts";
import type { PageSettings } from "../db/generated/client.ts";

export type PageSettingsView = {
  name: string;
  publicUrl: string | null;
  timeZone: string;
  brandColor: string;
  logoUrl: string | null;
  supportUrl: string | null;
};

export async function getPageSettings(db: DbOrTx): Promise<PageSettingsView> {
  return pageSettingsView(await db.pageSettings.findUnique({ where: { id: 1 } }));
}

/** The settings row as the pages read it, with the defaults of a page not set up yet. */
export function pageSettingsView(
  page: Pick<PageSettings, "name" | "publicUrl" | "timeZone" | "brandColor" | "logoUrl" | "supportUrl"> | null,
): PageSettingsView {
  return {
    name: page?.name ?? "Status",
    publicUrl: page?.publicUrl ?? null,
    timeZone: page?.timeZone ?? "UTC",
    brandColor: page?.brandColor ?? "#4f46e5",
    logoUrl: page?.logoUrl ?? null,
    supportUrl: page?.supportUrl ?? null,
  };
}

/**
 * The page's id in the write API (`GET /api/v1/pages`, paths `/api/v1/pages/{page_id}/…`): the
 * settings row's `pageId`, random when the row was made and stable after. Null before the row
 * exists (start-up makes it: lib/seed/seed-demo.ts).
 */
export async function getPageId(db: DbOrTx): Promise<string | null> {
  const page = await db.pageSettings.findUnique({ where: { id: 1 }, select: { pageId: true } });
  return page?.pageId ?? null;
}
