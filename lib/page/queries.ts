import type { DbOrTx } from "../db/client.ts";

export type PageSettingsView = {
  name: string;
  publicUrl: string | null;
  timeZone: string;
  brandColor: string;
  logoUrl: string | null;
  supportUrl: string | null;
};

export async function getPageSettings(db: DbOrTx): Promise<PageSettingsView> {
  const page = await db.pageSettings.findUnique({ where: { id: 1 } });
  return {
    name: page?.name ?? "Status",
    publicUrl: page?.publicUrl ?? null,
    timeZone: page?.timeZone ?? "UTC",
    brandColor: page?.brandColor ?? "#4f46e5",
    logoUrl: page?.logoUrl ?? null,
    supportUrl: page?.supportUrl ?? null,
  };
}
