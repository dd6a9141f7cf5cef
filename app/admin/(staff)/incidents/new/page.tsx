import type { Metadata } from "next";
import { getDb } from "@/lib/db/client.ts";
import { listComponentsForPicker } from "@/lib/incidents/admin-queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { NewIncidentForm } from "./new-incident-form.tsx";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const db = getDb();
  const [components, page, templates] = await Promise.all([
    listComponentsForPicker(db),
    getPageSettings(db),
    db.incidentTemplate.findMany({ where: { kind: "incident" }, orderBy: { name: "asc" } }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">New incident</h1>
      <NewIncidentForm components={components} timeZone={page.timeZone} templates={templates} />
    </>
  );
}
