import { apiEndpointRoute } from "@/lib/public-api/serve-endpoint.ts";

// Served from the response cache in lib/server/ on a hit; rendered per request on a miss.
export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS } = apiEndpointRoute("incidents");
