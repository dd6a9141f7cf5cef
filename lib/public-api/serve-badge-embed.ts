import { getPublicDb } from "../db/read-replica.ts";
import { getPageSettings } from "../page/queries.ts";
import { resolvePublicBase } from "../urls/public-url.ts";
import { buildBadgeSvg } from "./badge.ts";
import { buildEmbedScript } from "./embed-script.ts";
import { publicRoute } from "./http.ts";
import { getPublicApiData } from "./queries.ts";
import { overallStatus } from "./statuspage-v2.ts";

export const badgeRoute = () =>
  publicRoute(async () => ({
    body: buildBadgeSvg({ status: overallStatus(await getPublicApiData(await getPublicDb())) }),
    contentType: "image/svg+xml; charset=utf-8",
  }));

export const embedScriptRoute = () =>
  publicRoute(async () => ({
    body: buildEmbedScript({
      publicBase: resolvePublicBase({ pagePublicUrl: (await getPageSettings(await getPublicDb())).publicUrl }),
    }),
    contentType: "text/javascript; charset=utf-8",
  }));
