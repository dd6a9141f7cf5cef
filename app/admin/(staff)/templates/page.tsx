import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { listIncidentTemplates } from "@/lib/templates/queries.ts";
import { TemplateForm } from "./template-form.tsx";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  await requireStaffPage("/admin/templates");
  const templates = await listIncidentTemplates(getDb());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Incident templates</h1>
      <p className="text-sm text-gray-600 dark:text-gray-400">Saved messages that prefill a new incident or an update.</p>
      {templates.map((t) => (
        <Card key={t.id} id={`template-${t.id}`} title={t.name}>
          <TemplateForm template={{ id: t.id, name: t.name, title: t.title, status: t.status, body: t.body }} />
        </Card>
      ))}
      <Card id="new-template" title="Add a template">
        <TemplateForm />
      </Card>
    </div>
  );
}
