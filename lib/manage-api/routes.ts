import { createComponent } from "../components/create-component.ts";
import { deleteComponent } from "../components/delete-component.ts";
import { deleteComponentGroup } from "../components/delete-component-group.ts";
import { editComponent } from "../components/edit-component.ts";
import { saveComponentGroup } from "../components/save-component-group.ts";
import { setComponentStatus } from "../components/set-component-status.ts";
import { submitComponentStatus } from "../components/status-write-batches.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { sharedRead } from "../db/shared-read.ts";
import { NotFoundError } from "../errors.ts";
import { editUpdate } from "../incidents/edit-update.ts";
import { updatePageSettings } from "../page/update-page-settings.ts";
import { savePostmortem } from "../postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "../postmortems/set-postmortem-published.ts";
import { listApiIncidents } from "../public-api/queries.ts";
import { listSubscribers } from "../subscribers/admin-queries.ts";
import { importEmails } from "../subscribers/import-emails.ts";
import { removeSubscriber } from "../subscribers/remove-subscriber.ts";
import { type ApiRoute, defineRoute } from "./define-route.ts";
import { createFromWire, deleteFromWire, readIncident, updateFromWire } from "./incidents.ts";
import {
  componentGroupJson,
  componentJson,
  componentsJson,
  incidentJson,
  loadPageBase,
  pageJson,
  postmortemJson,
  subscriberJson,
} from "./serialize.ts";
import { invalidField, inWireTerms } from "./wire-fields.ts";
import {
  componentBody,
  componentGroupBody,
  incidentBody,
  incidentUpdateBody,
  listQuery,
  pageBody,
  postmortemBody,
  postmortemPublishBody,
  subscriberBody,
} from "./wire-schemas.ts";

// The Manage API v1 route table: Atlassian Statuspage's paths and bodies, each mapped onto a
// lib/ read or write. The router (handle-request.ts) and the OpenAPI document (openapi.ts) are
// both built from this list, so every route served is documented and every documented one served.

const PAGE = "/pages/{page_id}";

// ── page ──────────────────────────────────────────────────────────────────────────────────────

async function readPage(db: DbOrTx) {
  const [row, base] = await Promise.all([db.pageSettings.findUnique({ where: { id: 1 } }), loadPageBase(db)]);
  const now = new Date(0);
  return pageJson(
    row ?? {
      name: base.page.name,
      publicUrl: null,
      timeZone: base.page.timeZone,
      brandColor: "#4f46e5",
      logoUrl: null,
      supportUrl: null,
      subscribeChannels: [],
      mailReplyTo: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    },
    base,
  );
}

const pageWrite = defineRoute({
  method: "PATCH",
  path: PAGE,
  summary: "Update the page's settings",
  access: { write: "page" },
  body: pageBody,
  success: 200,
  async handle({ db, actor, body: { page } }) {
    const current = await db.pageSettings.findUnique({ where: { id: 1 } });
    await inWireTerms("page", { publicUrl: "url", timeZone: "time_zone", mailReplyTo: "notifications_from_email" }, () =>
      updatePageSettings({
        db,
        actor,
        input: {
          version: page.version ?? current?.version ?? 0,
          name: page.name ?? current?.name ?? "",
          publicUrl: page.url === undefined ? (current?.publicUrl ?? "") : (page.url ?? ""),
          timeZone: page.time_zone ?? current?.timeZone ?? "UTC",
          brandColor: page.brand_color ?? current?.brandColor ?? "#4f46e5",
          logoUrl: page.logo_url === undefined ? (current?.logoUrl ?? "") : (page.logo_url ?? ""),
          supportUrl: page.support_url === undefined ? (current?.supportUrl ?? "") : (page.support_url ?? ""),
          ...(page.notifications_from_email === undefined ? {} : { mailReplyTo: page.notifications_from_email ?? "" }),
        },
      }),
    );
    return { json: await readPage(db) };
  },
});

// ── incidents ─────────────────────────────────────────────────────────────────────────────────

const INCIDENT = `${PAGE}/incidents/{incident_id}`;
const MAX_PER_PAGE = 100;

function incidentList(path: string, summary: string, where: Prisma.IncidentWhereInput): ApiRoute {
  return defineRoute({
    method: "GET",
    path: `${PAGE}/incidents${path}`,
    summary,
    access: { read: "incidents" },
    query: listQuery,
    success: 200,
    async handle({ db, query }) {
      const parsed = listQuery.safeParse(Object.fromEntries(query));
      if (!parsed.success)
        throw invalidField(String(parsed.error.issues[0]?.path[0] ?? "query"), parsed.error.issues[0]!.message);
      const { q, limit, page = 1, per_page } = parsed.data;
      const take = Math.min(per_page ?? limit ?? MAX_PER_PAGE, MAX_PER_PAGE) || MAX_PER_PAGE;
      const [incidents, base] = await Promise.all([
        listApiIncidents(db, { where, search: q, skip: (Math.max(page, 1) - 1) * take, take }),
        loadPageBase(db),
      ]);
      // The listed page's versions only (not every incident's, which grows with the history).
      const versions = await db.incident.findMany({
        where: { id: { in: incidents.map((incident) => incident.id) } },
        select: { id: true, version: true },
      });
      const versionOf = new Map(versions.map((row) => [row.id, row.version]));
      return { json: incidents.map((incident) => incidentJson(incident, base, { version: versionOf.get(incident.id) ?? 0 })) };
    },
  });
}

async function readPostmortem(db: DbOrTx, incidentId: string) {
  const [postmortem, base] = await Promise.all([db.postmortem.findUnique({ where: { incidentId } }), loadPageBase(db)]);
  if (!postmortem) throw new NotFoundError(`Incident ${incidentId} has no postmortem.`);
  return postmortemJson(postmortem, base);
}

async function assertIncidentExists(db: DbOrTx, incidentId: string): Promise<void> {
  const found = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!found) throw new NotFoundError(`There is no incident ${incidentId}.`);
}

function postmortemPublishing(published: boolean): ApiRoute {
  return defineRoute({
    method: "PUT",
    path: `${INCIDENT}/postmortem/${published ? "publish" : "revert"}`,
    summary: published ? "Publish the postmortem" : "Revert the postmortem to a draft",
    access: { write: "incidents" },
    body: postmortemPublishBody,
    success: 200,
    async handle({ db, actor, params, body }) {
      const incidentId = params.incident_id!;
      await assertIncidentExists(db, incidentId);
      const current = await db.postmortem.findUnique({ where: { incidentId }, select: { version: true } });
      if (!current) throw new NotFoundError(`Incident ${incidentId} has no postmortem: PUT its draft first.`);
      await inWireTerms("postmortem", {}, () =>
        setPostmortemPublished({
          db,
          actor,
          published,
          input: {
            incidentId,
            version: body.postmortem?.version ?? current.version,
            deliverNotifications: body.postmortem?.notify_subscribers ?? false,
          },
        }),
      );
      return { json: await readPostmortem(db, incidentId) };
    },
  });
}

// ── components ────────────────────────────────────────────────────────────────────────────────

const COMPONENT = `${PAGE}/components/{component_id}`;
const COMPONENT_RENAMES = { groupId: "group_id" };

/** What the answers about components are made of: the page and every component's version. */
async function loadComponentAnswers(db: DbOrTx) {
  const [rows, base] = await Promise.all([db.component.findMany({ select: { id: true, version: true } }), loadPageBase(db)]);
  return { base, versions: new Map(rows.map((row) => [row.id, row.version])) };
}

/** Read after a status write's batch commits, once for the batch (status-write-batches.ts). */
const COMPONENT_ANSWERS = { key: "manage-api:components", read: loadComponentAnswers };

function componentAnswer(answers: Awaited<ReturnType<typeof loadComponentAnswers>>, componentId: string) {
  const version = answers.versions.get(componentId);
  const json = version === undefined ? null : componentJson(componentId, answers.base, { version });
  if (!json) throw new NotFoundError(`There is no component ${componentId}.`);
  return json;
}

async function readComponent(db: DbOrTx, componentId: string) {
  // Shared by the requests that ask meanwhile.
  return componentAnswer(await sharedRead(db, COMPONENT_ANSWERS.key, () => loadComponentAnswers(db)), componentId);
}

const componentWrite = (method: "PATCH" | "PUT") =>
  defineRoute({
    method,
    path: COMPONENT,
    summary: "Update a component: its status, name, description or group",
    access: { write: "components" },
    body: componentBody,
    success: 200,
    // A status write (what alerting scripts send, in bursts) authorizes inside its transaction
    // before anything is answered; a body without one may only read the component.
    keyRecheckedFor: ({ component }) => component.status !== undefined,
    async handle({ db, actor, params, body: { component } }) {
      const componentId = params.component_id!;
      const missing = () => new NotFoundError(`There is no component ${componentId}.`);
      if (component.name !== undefined || component.description !== undefined || component.group_id !== undefined) {
        const current = await db.component.findUnique({ where: { id: componentId } });
        if (!current) throw missing();
        await inWireTerms("component", COMPONENT_RENAMES, () =>
          editComponent({
            db,
            actor,
            input: {
              componentId,
              version: component.version ?? current.version,
              name: component.name ?? current.name,
              description: component.description === undefined ? (current.description ?? "") : (component.description ?? ""),
              groupId: component.group_id === undefined ? current.groupId : component.group_id,
            },
          }),
        );
      }
      if (component.status === undefined) return { json: await readComponent(db, componentId) };
      // The status write reads the component itself: a status-only PATCH (what alerting scripts
      // send, at their rate) reads it once, in a transaction shared with the status writes
      // arriving meanwhile, and the answer once for them all after it commits.
      const written = await inWireTerms("component", {}, () =>
        submitComponentStatus({ db, actor, input: { componentId, status: component.status! }, readAfter: COMPONENT_ANSWERS }),
      ).catch((error: unknown) => {
        throw error instanceof NotFoundError ? missing() : error;
      });
      return { json: componentAnswer(written.read, componentId) };
    },
  });

// ── component groups ──────────────────────────────────────────────────────────────────────────

const GROUP = `${PAGE}/component-groups/{id}`;

async function readGroup(db: DbOrTx, groupId: string) {
  const base = await loadPageBase(db);
  const group = base.groups.find((g) => g.id === groupId);
  if (!group) throw new NotFoundError(`There is no component group ${groupId}.`);
  return componentGroupJson(group, base);
}

/**
 * Statuspage sets a group's members by listing them; Upstate moves each component in or out
 * (lib/components/edit-component.ts), one write each, leaving the others as they are.
 */
async function setMembers(options: { db: Db; actor: ApiRouteActor; groupId: string; componentIds: string[] }) {
  const { db, actor, groupId } = options;
  const wanted = new Set(options.componentIds);
  const components = await db.component.findMany({
    where: { OR: [{ id: { in: [...wanted] } }, { groupId }] },
    select: { id: true, name: true, description: true, groupId: true, version: true },
  });
  const missing = [...wanted].find((id) => !components.some((c) => c.id === id));
  if (missing) throw invalidField("component_group.components", `There is no component ${missing}.`);
  for (const component of components) {
    const target = wanted.has(component.id) ? groupId : null;
    if (component.groupId === target) continue;
    await inWireTerms("component_group", { groupId: "components" }, () =>
      editComponent({
        db,
        actor,
        input: {
          componentId: component.id,
          version: component.version,
          name: component.name,
          description: component.description ?? "",
          groupId: target,
        },
      }),
    );
  }
}
type ApiRouteActor = Parameters<typeof editComponent>[0]["actor"];

const groupWrite = (method: "PATCH" | "PUT") =>
  defineRoute({
    method,
    path: GROUP,
    summary: "Rename a component group or set its components",
    access: { write: "components" },
    body: componentGroupBody,
    success: 200,
    async handle({ db, actor, params, body }) {
      const groupId = params.id!;
      const current = await db.componentGroup.findUnique({ where: { id: groupId } });
      if (!current) throw new NotFoundError(`There is no component group ${groupId}.`);
      const name = body.component_group.name;
      if (name !== undefined) {
        await inWireTerms("component_group", {}, () => saveComponentGroup({ db, actor, input: { groupId, name } }));
      }
      if (body.component_group.components) {
        await setMembers({ db, actor, groupId, componentIds: body.component_group.components });
      }
      return { json: await readGroup(db, groupId) };
    },
  });

// ── subscribers ───────────────────────────────────────────────────────────────────────────────

async function readSubscriber(db: DbOrTx, subscriberId: string) {
  const [row, base] = await Promise.all([db.subscriber.findUnique({ where: { id: subscriberId } }), loadPageBase(db)]);
  if (!row || row.team) throw new NotFoundError(`There is no subscriber ${subscriberId}.`);
  return subscriberJson(row, base);
}

// ── the table ─────────────────────────────────────────────────────────────────────────────────

export const ROUTES: ApiRoute[] = [
  defineRoute({
    method: "GET",
    path: "/pages",
    summary: "List pages (Upstate serves one)",
    access: { read: "page" },
    success: 200,
    handle: async ({ db }) => ({ json: [await readPage(db)] }),
  }),
  defineRoute({
    method: "GET",
    path: PAGE,
    summary: "Get the page",
    access: { read: "page" },
    success: 200,
    handle: async ({ db }) => ({ json: await readPage(db) }),
  }),
  pageWrite,
  { ...pageWrite, method: "PUT" },

  incidentList("", "List incidents and scheduled maintenances, newest first", {}),
  incidentList("/unresolved", "List unresolved incidents", { kind: "incident", status: { not: "resolved" } }),
  incidentList("/scheduled", "List scheduled maintenances that have not started", { kind: "maintenance", status: "scheduled" }),
  incidentList("/upcoming", "List upcoming scheduled maintenances", { kind: "maintenance", status: "scheduled" }),
  incidentList("/active_maintenance", "List maintenances in progress", {
    kind: "maintenance",
    status: { in: ["in_progress", "verifying"] },
  }),
  defineRoute({
    method: "POST",
    path: `${PAGE}/incidents`,
    summary: "Create an incident, or a scheduled maintenance (with scheduled_for)",
    access: { write: "incidents" },
    body: incidentBody,
    success: 201,
    async handle({ db, actor, body, idempotency }) {
      const { id } = await createFromWire({ db, actor, fields: body.incident, idempotency });
      return { status: 201, json: await readIncident(db, id) };
    },
  }),
  defineRoute({
    method: "GET",
    path: INCIDENT,
    summary: "Get an incident",
    access: { read: "incidents" },
    success: 200,
    handle: async ({ db, params }) => ({ json: await readIncident(db, params.incident_id!) }),
  }),
  ...(["PATCH", "PUT"] as const).map((method) =>
    defineRoute({
      method,
      path: INCIDENT,
      summary: "Update an incident: a new status, body or components posts an update",
      access: { write: "incidents" },
      body: incidentBody,
      success: 200,
      async handle({ db, actor, params, body }) {
        await updateFromWire({ db, actor, fields: body.incident, incidentId: params.incident_id! });
        return { json: await readIncident(db, params.incident_id!) };
      },
    }),
  ),
  defineRoute({
    method: "DELETE",
    path: INCIDENT,
    summary: "Delete an incident",
    access: { write: "incidents" },
    success: 200,
    async handle({ db, actor, params }) {
      const incident = await readIncident(db, params.incident_id!);
      await deleteFromWire({ db, actor, incidentId: params.incident_id! });
      return { json: incident };
    },
  }),
  ...(["PATCH", "PUT"] as const).map((method) =>
    defineRoute({
      method,
      path: `${INCIDENT}/incident_updates/{incident_update_id}`,
      summary: "Edit an incident update's text or displayed time",
      access: { write: "incidents" },
      body: incidentUpdateBody,
      success: 200,
      async handle({ db, actor, params, body: { incident_update: fields } }) {
        const incidentId = params.incident_id!;
        const updateId = params.incident_update_id!;
        const current = await db.incidentUpdate.findUnique({ where: { id: updateId } });
        if (!current || current.incidentId !== incidentId) throw new NotFoundError(`There is no incident update ${updateId}.`);
        await inWireTerms("incident_update", { message: "body", displayAt: "display_at" }, () =>
          editUpdate({
            db,
            actor,
            input: {
              updateId,
              version: fields.version ?? current.version,
              message: fields.body ?? current.body,
              displayAt: fields.display_at ?? current.displayAt,
            },
          }),
        );
        const incident = await readIncident(db, incidentId);
        const updates = (incident as Record<string, unknown>).incident_updates as { id: string }[];
        return { json: updates.find((update) => update.id === updateId) };
      },
    }),
  ),
  defineRoute({
    method: "GET",
    path: `${INCIDENT}/postmortem`,
    summary: "Get an incident's postmortem",
    access: { read: "incidents" },
    success: 200,
    async handle({ db, params }) {
      await assertIncidentExists(db, params.incident_id!);
      return { json: await readPostmortem(db, params.incident_id!) };
    },
  }),
  defineRoute({
    method: "PUT",
    path: `${INCIDENT}/postmortem`,
    summary: "Write the postmortem's draft (once published, the page shows the new text)",
    access: { write: "incidents" },
    body: postmortemBody,
    success: 200,
    async handle({ db, actor, params, body: { postmortem } }) {
      const incidentId = params.incident_id!;
      await assertIncidentExists(db, incidentId);
      const current = await db.postmortem.findUnique({ where: { incidentId }, select: { version: true } });
      await inWireTerms("postmortem", { body: "body_draft" }, () =>
        savePostmortem({
          db,
          actor,
          input: { incidentId, version: postmortem.version ?? current?.version ?? null, body: postmortem.body_draft },
        }),
      );
      return { json: await readPostmortem(db, incidentId) };
    },
  }),
  postmortemPublishing(true),
  postmortemPublishing(false),

  defineRoute({
    method: "GET",
    path: `${PAGE}/components`,
    summary: "List components (groups appear with group: true)",
    access: { read: "components" },
    success: 200,
    handle: async ({ db }) => ({ json: componentsJson(await loadPageBase(db)) }),
  }),
  defineRoute({
    method: "POST",
    path: `${PAGE}/components`,
    summary: "Create a component",
    access: { write: "components" },
    body: componentBody,
    success: 201,
    async handle({ db, actor, body: { component }, idempotency }) {
      if (!component.name) throw invalidField("component.name", "Enter a name.");
      const { id } = await inWireTerms("component", COMPONENT_RENAMES, () =>
        createComponent({
          db,
          actor,
          idempotency,
          input: { name: component.name!, description: component.description ?? "", groupId: component.group_id ?? null },
        }),
      );
      if (component.status && component.status !== "operational") {
        await setComponentStatus({
          db,
          actor,
          input: { componentId: id, status: component.status, deliverNotifications: false },
        });
      }
      return { status: 201, json: await readComponent(db, id) };
    },
  }),
  defineRoute({
    method: "GET",
    path: COMPONENT,
    summary: "Get a component",
    access: { read: "components" },
    success: 200,
    handle: async ({ db, params }) => ({ json: await readComponent(db, params.component_id!) }),
  }),
  componentWrite("PATCH"),
  componentWrite("PUT"),
  defineRoute({
    method: "DELETE",
    path: COMPONENT,
    summary: "Delete a component",
    access: { write: "components" },
    success: 204,
    async handle({ db, actor, params }) {
      const componentId = params.component_id!;
      const found = await db.component.findUnique({ where: { id: componentId }, select: { id: true } });
      if (!found) throw new NotFoundError(`There is no component ${componentId}.`);
      await deleteComponent({ db, actor, input: { componentId } });
      return { status: 204 };
    },
  }),

  defineRoute({
    method: "GET",
    path: `${PAGE}/component-groups`,
    summary: "List component groups",
    access: { read: "components" },
    success: 200,
    async handle({ db }) {
      const base = await loadPageBase(db);
      return { json: base.groups.map((group) => componentGroupJson(group, base)) };
    },
  }),
  defineRoute({
    method: "POST",
    path: `${PAGE}/component-groups`,
    summary: "Create a component group",
    access: { write: "components" },
    body: componentGroupBody,
    success: 201,
    async handle({ db, actor, body }) {
      const name = body.component_group.name;
      if (!name) throw invalidField("component_group.name", "Enter a name.");
      const { id } = await inWireTerms("component_group", {}, () => saveComponentGroup({ db, actor, input: { name } }));
      if (body.component_group.components?.length) {
        await setMembers({ db, actor, groupId: id, componentIds: body.component_group.components });
      }
      return { status: 201, json: await readGroup(db, id) };
    },
  }),
  defineRoute({
    method: "GET",
    path: GROUP,
    summary: "Get a component group",
    access: { read: "components" },
    success: 200,
    handle: async ({ db, params }) => ({ json: await readGroup(db, params.id!) }),
  }),
  groupWrite("PATCH"),
  groupWrite("PUT"),
  defineRoute({
    method: "DELETE",
    path: GROUP,
    summary: "Delete a component group (its components stay, outside any group)",
    access: { write: "components" },
    success: 204,
    async handle({ db, actor, params }) {
      await readGroup(db, params.id!);
      await deleteComponentGroup({ db, actor, input: { groupId: params.id! } });
      return { status: 204 };
    },
  }),

  defineRoute({
    method: "GET",
    path: `${PAGE}/subscribers`,
    summary: "List subscribers (newest first, at most 200)",
    access: { read: "subscribers" },
    success: 200,
    async handle({ db, actor, query }) {
      const [{ rows }, base] = await Promise.all([
        listSubscribers({ db, actor, search: query.get("q") ?? undefined }),
        loadPageBase(db),
      ]);
      const scopes = await db.subscriber.findMany({
        where: { id: { in: rows.map((row) => row.id) } },
        select: { id: true, componentIds: true },
      });
      const componentsOf = new Map(scopes.map((row) => [row.id, row.componentIds]));
      return { json: rows.map((row) => subscriberJson({ ...row, componentIds: componentsOf.get(row.id) ?? [] }, base)) };
    },
  }),
  defineRoute({
    method: "POST",
    path: `${PAGE}/subscribers`,
    summary: "Add an email subscriber of the whole page (active at once: the API key vouches for it)",
    access: { write: "subscribers" },
    body: subscriberBody,
    success: 201,
    async handle({ db, actor, body: { subscriber } }) {
      if (!subscriber.email)
        throw invalidField("subscriber.email", "Upstate's API adds email subscribers: send subscriber[email].");
      const result = await inWireTerms("subscriber", { file: "email" }, () =>
        importEmails({ db, actor, csv: subscriber.email! }),
      );
      if (result.invalid > 0) throw invalidField("subscriber.email", "Enter an email address such as you@example.com.");
      const row = await db.subscriber.findFirst({
        where: { channel: "email", team: false, target: subscriber.email.trim().toLowerCase() },
        select: { id: true },
      });
      if (!row) throw new NotFoundError("The subscriber was removed meanwhile.");
      return { status: 201, json: await readSubscriber(db, row.id) };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${PAGE}/subscribers/{subscriber_id}`,
    summary: "Remove a subscriber",
    access: { write: "subscribers" },
    success: 200,
    async handle({ db, actor, params }) {
      const subscriber = await readSubscriber(db, params.subscriber_id!);
      await removeSubscriber({ db, actor, input: { subscriberId: params.subscriber_id! } });
      return { json: subscriber };
    },
  }),
];
