import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { PastIncidentForm } from "./past-incident-form.tsx";

export const metadata: Metadata = { title: "Record a past incident" };

export default async function PastIncidentPage() {
  await requireStaffPage("/admin/incidents/new/past");
  const db = getDb();
  const [components, page] = await Promise.all([listComponentsForPicker(db), getPageSettings(db)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Record a past incident</h1>
      <p className="mt-2 max-w-prose text-sm text-gray-700 dark:text-gray-300">
        For an incident that is already over: enter when its impact really started and ended, and the update that tells customers
        what happened. It is published as resolved, and uptime history follows the real times. You can add more updates, a
        postmortem and a timeline afterwards. To report something happening now,{" "}
        <Link href="/admin/incidents/new" className="font-medium underline">
          open an incident
        </Link>{" "}
        instead.
      </p>
      <PastIncidentForm components={components} timeZone={page.timeZone} />
    </>
  );
}
