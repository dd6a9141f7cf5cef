import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Card } from "@/components/admin/card.tsx";
import { alertStateNote, listComponentAlertStates } from "@/lib/alerts/queries.ts";
import { can } from "@/lib/auth/policy.ts";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { topLevelOrder } from "@/lib/components/page-order.ts";
import { listComponentsForStaff, listGroupChoices } from "@/lib/components/queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/domain.ts";
import {
  BulkComponentBox,
  BulkGroupBox,
  BulkStatusForm,
  CreateComponentForm,
  EditComponentForm,
  GroupForm,
  MoveButtons,
  MoveToGroupForm,
  StatusForm,
} from "./component-forms.tsx";
import { type DragItem, DragList, ReorderScope } from "./drag-list.tsx";

export const metadata: Metadata = { title: "Components" };

const PANEL = "rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900";
const DISCLOSURE = "cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300";

type Group = { id: string; name: string };
type ComponentRow = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  groupId: string | null;
  version: number;
  showUptime: boolean;
  hideWhileOperational: boolean;
};
type Place = { first: boolean; last: boolean };
const placeOf = (index: number, count: number): Place => ({ first: index === 0, last: index === count - 1 });

/** A component's name, status and controls; `heading` is its level on the page. */
function ComponentEntry({
  component: c,
  heading: Heading,
  headingId,
  place,
  isAdmin,
  groups,
  note,
  alertNote,
}: {
  component: ComponentRow;
  heading: "h2" | "h3";
  headingId: string;
  place: Place;
  isAdmin: boolean;
  groups: Group[];
  note?: ReactNode;
  /** What alerts are doing to it (lib/alerts), if anything. */
  alertNote?: string;
}) {
  return (
    <>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div className="flex items-start gap-2">
          <BulkComponentBox id={c.id} name={c.name} groupId={c.groupId} />
          <div>
            <Heading id={headingId} className={Heading === "h2" ? "text-lg font-semibold" : "font-medium"}>
              {c.name}{" "}
              <span className="text-sm font-normal text-gray-600 dark:text-gray-400">· {COMPONENT_STATUS_LABELS[c.status]}</span>
            </Heading>
            {note}
            {alertNote ? <p className="text-sm text-amber-800 dark:text-amber-300">{alertNote}</p> : null}
          </div>
        </div>
        {isAdmin ? (
          <div className="flex flex-wrap items-start gap-x-4 gap-y-2 sm:justify-end">
            <MoveButtons target={{ componentId: c.id }} name={c.name} {...place} />
            <MoveToGroupForm component={{ id: c.id, name: c.name, groupId: c.groupId }} groups={groups} />
          </div>
        ) : null}
      </div>
      <StatusForm component={{ id: c.id, name: c.name, status: c.status }} />
      {isAdmin ? (
        <details className="mt-2">
          <summary className={DISCLOSURE}>Edit or delete {c.name}</summary>
          <EditComponentForm
            component={{
              id: c.id,
              version: c.version,
              name: c.name,
              description: c.description,
              groupId: c.groupId,
              showUptime: c.showUptime,
              hideWhileOperational: c.hideWhileOperational,
            }}
            groups={groups}
          />
        </details>
      ) : null}
    </>
  );
}

/**
 * Admins reorder by drag and drop (DragList, within and between lists) as well as with the Move
 * buttons and "Move to group"; editors see a plain list.
 */
function ReorderableList(props: Parameters<typeof DragList>[0] & { draggable: boolean }) {
  const { draggable, ...list } = props;
  // The top level's list holds the groups' lists: its scope lets items move between them.
  if (draggable)
    return list.groupId === null ? (
      <ReorderScope>
        <DragList {...list} />
      </ReorderScope>
    ) : (
      <DragList {...list} />
    );
  const { as: List = "div", items, className, itemClassName } = list;
  const Item = List === "ul" ? "li" : "div";
  return (
    <List className={className}>
      {items.map((item) => (
        <Item key={item.id} className={itemClassName}>
          {item.node}
        </Item>
      ))}
    </List>
  );
}

export default async function ComponentsPage() {
  const staff = await requireStaffPage("/admin/components");
  const db = getDb();
  const [order, groups, components] = await Promise.all([topLevelOrder(db), listGroupChoices(db), listComponentsForStaff(db)]);
  const isAdmin = can(staff, "component.edit");
  const byId = new Map(components.map((c) => [c.id, c]));
  const alertNotes = new Map((await listComponentAlertStates(db)).map((state) => [state.componentId, alertStateNote(state)]));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Components</h1>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          In the order of the public page: groups and components outside any group share one order.
        </p>
      </div>
      {order.length === 0 ? <p>No components yet.</p> : null}
      {components.length > 0 ? (
        // Not a <section>: the page's sections are the components and groups, in the public page's order.
        <div className={PANEL}>
          <h2 id="bulk-status-heading" className="mb-3 text-lg font-semibold">
            Set the status of several components
          </h2>
          <BulkStatusForm />
        </div>
      ) : null}
      <ReorderableList
        draggable={isAdmin}
        groupId={null}
        label="the page"
        className="space-y-6"
        itemClassName={PANEL}
        items={order.flatMap((entry, index): DragItem[] => {
          const place = placeOf(index, order.length);
          if (entry.kind === "component") {
            const c = byId.get(entry.id);
            if (!c) return [];
            const node = (
              <section key={c.id} aria-labelledby={`component-heading-${c.id}`}>
                <ComponentEntry
                  component={c}
                  heading="h2"
                  headingId={`component-heading-${c.id}`}
                  place={place}
                  isAdmin={isAdmin}
                  groups={groups}
                  note={<p className="text-sm text-gray-600 dark:text-gray-400">Not in a group</p>}
                  alertNote={alertNotes.get(c.id)}
                />
              </section>
            );
            return [{ kind: "component", id: c.id, name: c.name, node }];
          }
          const members = components.filter((c) => c.groupId === entry.id);
          const headingId = `group-heading-${entry.id}`;
          const node = (
            <section key={entry.id} aria-labelledby={headingId}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 id={headingId} className="text-lg font-semibold">
                    {entry.name}
                  </h2>
                  <p className="text-sm text-gray-600 dark:text-gray-400">
                    Group of {members.length === 1 ? "1 component" : `${members.length} components`}
                    {members.length === 0 ? " (the public page hides it until it has one)" : ""}
                  </p>
                  {members.length > 0 ? (
                    <div className="mt-1">
                      <BulkGroupBox id={entry.id} name={entry.name} />
                    </div>
                  ) : null}
                </div>
                {isAdmin ? <MoveButtons target={{ groupId: entry.id }} name={entry.name} group {...place} /> : null}
              </div>
              {isAdmin ? (
                <details className="mt-2">
                  <summary className={DISCLOSURE}>Rename or delete group “{entry.name}”</summary>
                  <div className="mt-2">
                    <GroupForm group={{ id: entry.id, name: entry.name }} />
                  </div>
                </details>
              ) : null}
              {members.length > 0 ? (
                <ReorderableList
                  draggable={isAdmin}
                  groupId={entry.id}
                  label={`group “${entry.name}”`}
                  as="ul"
                  className="mt-3 divide-y divide-gray-200 border-t border-gray-200 dark:divide-gray-800 dark:border-gray-800"
                  itemClassName="py-3"
                  items={members.map((c, i) => ({
                    kind: "component" as const,
                    id: c.id,
                    name: c.name,
                    node: (
                      <ComponentEntry
                        component={c}
                        heading="h3"
                        headingId={`component-heading-${c.id}`}
                        place={placeOf(i, members.length)}
                        isAdmin={isAdmin}
                        groups={groups}
                        alertNote={alertNotes.get(c.id)}
                      />
                    ),
                  }))}
                />
              ) : null}
            </section>
          );
          return [{ kind: "group", id: entry.id, name: entry.name, node }];
        })}
      />
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
