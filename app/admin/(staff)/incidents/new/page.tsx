import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { listTemplates } from "@/lib/templates/queries.ts";
import { NewIncidentForm } from "./new-incident-form.tsx";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  await requireStaffPage("/admin/incidents/new");
  const db = getDb();
  const [components, page, templates] = await Promise.all([
    listComponentsForPicker(db),
    getPageSettings(db),
    listTemplates(db, "update"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">New incident</h1>
      <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">
        Already over?{" "}
        <Link href="/admin/incidents/new/past" className="font-medium underline">
          Record a past incident
        </Link>{" "}
        with its real start and end.
      </p>
      <NewIncidentForm components={components} timeZone={page.timeZone} templates={templates} />
    </>
  );
}
