import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { TEMPLATE_KINDS, type TemplateKind } from "@/lib/domain.ts";
import { listTemplates } from "@/lib/templates/queries.ts";
import { TemplateForm } from "./template-form.tsx";

export const metadata: Metadata = { title: "Templates" };

const KIND_SECTIONS: Record<TemplateKind, { heading: string; about: string; none: string }> = {
  update: {
    heading: "Incident update templates",
    about: "Prefill a new incident or an update: its message, and the incident's name and status if you give them.",
    none: "None yet.",
  },
  postmortem: {
    heading: "Postmortem templates",
    about: "Offered in the postmortem editor; a new postmortem starts from the first of them.",
    none: "None yet: a new postmortem starts from Summary, Root cause, Actions and Timeline.",
  },
};

export default async function TemplatesPage() {
  await requireStaffPage("/admin/templates");
  const templates = await listTemplates(getDb());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Templates</h1>
      {TEMPLATE_KINDS.map((kind) => {
        const ofKind = templates.filter((t) => t.kind === kind);
        const section = KIND_SECTIONS[kind];
        return (
          <section key={kind} aria-labelledby={`templates-${kind}`} className="space-y-3">
            <div>
              <h2 id={`templates-${kind}`} className="text-lg font-semibold">
                {section.heading}
              </h2>
              <p className="text-sm text-gray-600 dark:text-gray-400">{ofKind.length ? section.about : section.none}</p>
            </div>
            {ofKind.map((t) => (
              <section
                key={t.id}
                id={`template-${t.id}`}
                aria-labelledby={`template-${t.id}-heading`}
                className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900"
              >
                <h3 id={`template-${t.id}-heading`} className="mb-3 font-semibold">
                  {t.name}
                </h3>
                <TemplateForm
                  template={{ id: t.id, kind: t.kind, name: t.name, title: t.title, status: t.status, body: t.body }}
                />
              </section>
            ))}
          </section>
        );
      })}
      <Card id="new-template" title="Add a template">
        <TemplateForm />
      </Card>
    </div>
  );
}
