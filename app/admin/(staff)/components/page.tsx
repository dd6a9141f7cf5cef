import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { currentStaff } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { COMPONENT_STATUS_LABELS } from "@/lib/domain.ts";
import { CreateComponentForm, EditComponentForm, GroupForm, StatusForm } from "./component-forms.tsx";

export const metadata: Metadata = { title: "Components" };

export default async function ComponentsPage() {
  const db = getDb();
  const [staff, groups, components] = await Promise.all([
    currentStaff(),
    db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db.component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  const isAdmin = staff?.role === "admin";
  const sections = [...groups.map((g) => ({ group: g, title: g.name })), { group: null, title: "Not in a group" }];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Components</h1>
      {sections.map(({ group, title }) => {
        const members = components.filter((c) => c.groupId === (group?.id ?? null));
        if (!group && members.length === 0) return null;
        const headingId = `group-heading-${group?.id ?? "none"}`;
        return (
          <Card key={group?.id ?? "none"} id={headingId} title={title}>
            {group && isAdmin ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">
                  Edit group “{group.name}”
                </summary>
                <div className="mt-2">
                  <GroupForm group={{ id: group.id, name: group.name, position: group.position }} />
                </div>
              </details>
            ) : null}
            <ul className="mt-3 divide-y divide-gray-200 dark:divide-gray-800">
              {members.map((c) => (
                <li key={c.id} className="py-3">
                  <p className="font-medium">
                    {c.name}{" "}
                    <span className="text-sm font-normal text-gray-600 dark:text-gray-400">
                      · {COMPONENT_STATUS_LABELS[c.status]}
                    </span>
                  </p>
                  <StatusForm component={{ id: c.id, name: c.name, status: c.status }} />
                  {isAdmin ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">
                        Edit or delete {c.name}
                      </summary>
                      <EditComponentForm
                        component={{
                          id: c.id,
                          version: c.version,
                          name: c.name,
                          description: c.description,
                          groupId: c.groupId,
                          position: c.position,
                        }}
                        groups={groups}
                      />
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        );
      })}
      {isAdmin ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card id="add-component" title="Add a component">
            <CreateComponentForm groups={groups} />
          </Card>
          <Card id="add-group" title="Add a group">
            <GroupForm />
          </Card>
        </div>
      ) : null}
    </div>
  );
}
