import { currentStaff } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { ForbiddenError } from "@/lib/errors.ts";
import { exportSubscribersCsv } from "@/lib/subscribers/admin-queries.ts";

export const dynamic = "force-dynamic";

/** The public subscribers as CSV, for admins (checked again in lib). */
export async function GET(): Promise<Response> {
  const staff = await currentStaff();
  if (!staff) return new Response("Sign in first.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  try {
    const csv = await exportSubscribersCsv({ db: getDb(), actor: staff });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="subscribers-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) {
      return new Response(`${error.message}\n`, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
