import { getPublicDb } from "@/lib/db/read-replica.ts";
import { getPublicIncident } from "@/lib/incidents/queries.ts";
import { maintenanceCalendar } from "@/lib/maintenance/calendar-event.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { publicUrl } from "@/lib/urls/public-url.ts";

export const dynamic = "force-dynamic";

/** "Add to calendar" for a maintenance window; 404 for an incident or a window called off. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getPublicDb();
  const [incident, page] = await Promise.all([getPublicIncident(db, id), getPageSettings(db)]);
  if (incident?.kind !== "maintenance" || !incident.scheduledFor || !incident.scheduledUntil || incident.cancelledAt) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const body = maintenanceCalendar({
    id: incident.id,
    name: incident.name,
    scheduledFor: incident.scheduledFor,
    scheduledUntil: incident.scheduledUntil,
    url: publicUrl({ pagePublicUrl: page.publicUrl, path: `/incidents/${incident.id}` }),
    pageName: page.name,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="maintenance-${incident.id}.ics"`,
      "Cache-Control": "public, max-age=0, s-maxage=60",
    },
  });
}
