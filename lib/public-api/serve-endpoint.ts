import { getPublicDb } from "../db/read-replica.ts";
import { publicRoute } from "./http.ts";
import { getPublicApiData } from "./queries.ts";
import { type ApiEndpoint, serializeEndpoint } from "./statuspage-v2.ts";

/** The GET/HEAD/OPTIONS handlers of `/api/v2/<endpoint>.json`. */
export function apiEndpointRoute(endpoint: ApiEndpoint) {
  return publicRoute(async () => ({
    body: JSON.stringify(serializeEndpoint(endpoint, await getPublicApiData(await getPublicDb()))),
    contentType: "application/json; charset=utf-8",
  }));
}
