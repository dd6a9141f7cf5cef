import { getDb } from "@/lib/db/client.ts";
import { handleManageApiRequest } from "@/lib/manage-api/handle-request.ts";

// Statuspage's Manage API v1 (lib/manage-api/): every method of every path below /api/v1 that no
// more specific route (the alert webhooks) claims. Never cached: each answer is for one API key.
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleManageApiRequest(request, { db: getDb() });

export { handle as DELETE, handle as GET, handle as HEAD, handle as PATCH, handle as POST, handle as PUT };
