import { describe, expect, it } from "vitest";
import { ownDatabase, testDb } from "../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../tests/support/factories.ts";
import { saveAlertMapping } from "../alerts/save-alert-mapping.ts";
import type { InvalidError } from "../errors.ts";
import { postmortemStart } from "../postmortems/starting-text.ts";
import { DEFAULT_POSTMORTEM_TEMPLATE } from "../postmortems/timeline-markdown.ts";
import { deleteTemplate } from "./delete-template.ts";
import { listTemplates } from "./queries.ts";
import { saveTemplate } from "./save-template.ts";

const fieldErrorsOf = async (promise: Promise<unknown>) => ((await promise.catch((e: unknown) => e)) as InvalidError).fieldErrors;

describe("incident templates", () => {
  it("are created, changed and deleted, each audited", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const { id } = await saveTemplate({
      db,
      actor,
      input: { name: "Investigating", title: "", status: "investigating", body: "We are looking." },
    });
    expect(await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: null,
      status: "investigating",
    });
    await saveTemplate({
      db,
      actor,
      input: { templateId: id, name: "Investigating", title: "Degraded", status: "", body: "Still looking." },
    });
    expect(await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Degraded",
      status: null,
      body: "Still looking.",
    });
    await deleteTemplate({ db, actor, input: { templateId: id } });
    expect(await db.incidentTemplate.findUnique({ where: { id } })).toBeNull();
    const actions = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["template.created", "template.edited", "template.deleted"]);
  });

  it("need a name and a message", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const error = await saveTemplate({ db, actor, input: { name: " ", title: "", body: "" } }).catch((e: unknown) => e);
    expect(Object.keys((error as InvalidError).fieldErrors).sort()).toEqual(["body", "name"]);
  });
});

describe("template kinds", () => {
  it("update templates prefill the incident forms, postmortem templates the postmortem editor, each listed apart", async () => {
    const { db } = await ownDatabase();
    const actor = await makeStaff(db);
    const update = await saveTemplate({ db, actor, input: { name: "Investigating", title: "", body: "We are looking." } });
    const later = await saveTemplate({
      db,
      actor,
      input: { kind: "postmortem", name: "Short", title: "", body: "## What broke" },
    });
    const first = await saveTemplate({
      db,
      actor,
      input: { kind: "postmortem", name: "Full", title: "", body: "## Summary\n\n## Root cause" },
    });
    expect((await listTemplates(db, "update")).map((t) => t.id)).toEqual([update.id]);
    const postmortems = await listTemplates(db, "postmortem");
    expect(postmortems.map((t) => t.id)).toEqual([first.id, later.id]);
    expect((await listTemplates(db)).map((t) => t.kind).sort()).toEqual(["postmortem", "postmortem", "update"]);

    // A new postmortem starts from the first by name, or from the built-in text without any.
    expect(postmortemStart(postmortems)).toEqual({ body: "## Summary\n\n## Root cause", templateId: first.id });
    expect(postmortemStart([])).toEqual({ body: DEFAULT_POSTMORTEM_TEMPLATE, templateId: null });

    // The kind changes with an edit, and is audited.
    await saveTemplate({
      db,
      actor,
      input: { templateId: later.id, kind: "update", name: "Short", title: "", body: "Now a message." },
    });
    expect((await listTemplates(db, "update")).map((t) => t.name)).toEqual(["Investigating", "Short"]);
    const edit = await db.auditLog.findFirstOrThrow({ where: { targetId: later.id, action: "template.edited" } });
    expect(edit.before).toMatchObject({ kind: "postmortem" });
    expect(edit.after).toMatchObject({ kind: "update" });
  });

  it("a postmortem template sets no incident name or status, and may be as long as a postmortem", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    expect(
      await fieldErrorsOf(
        saveTemplate({
          db,
          actor,
          input: { kind: "postmortem", name: "PM", title: "Outage", status: "identified", body: "Text" },
        }),
      ),
    ).toEqual({
      title: "A postmortem template has no incident name: leave it empty.",
      status: "A postmortem template sets no status: keep the form's.",
    });
    const long = `## Summary\n\n${"word ".repeat(6_000)}`;
    expect(await fieldErrorsOf(saveTemplate({ db, actor, input: { name: "Long", title: "", body: long } }))).toEqual({
      body: "Keep the message under 20,000 characters.",
    });
    const { id } = await saveTemplate({ db, actor, input: { kind: "postmortem", name: "Long", title: "", body: long } });
    expect((await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).body).toBe(long.trim());
    expect(
      await fieldErrorsOf(saveTemplate({ db, actor, input: { kind: "other" as "update", name: "X", title: "", body: "Y" } })),
    ).toEqual({
      kind: "Choose what the template is for.",
    });
  });

  it("an alert mapping's template stays an update template, and mappings take only update templates", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const component = await makeComponent(db);
    const { id } = await saveTemplate({ db, actor: admin, input: { name: "Outage", title: "", body: "We are looking." } });
    const mapping = {
      name: "Checkout down",
      matchers: 'service="checkout"',
      componentId: component.id,
      status: "major_outage" as const,
    };
    await saveAlertMapping({ db, actor: admin, input: { ...mapping, minHoldSeconds: 0, templateId: id } });
    expect(
      await fieldErrorsOf(
        saveTemplate({
          db,
          actor: admin,
          input: { templateId: id, kind: "postmortem", name: "Outage", title: "", body: "Text" },
        }),
      ),
    ).toEqual({ kind: "Alert mappings open incidents from this template (“Checkout down”): give them another template first." });
    expect((await db.incidentTemplate.findUniqueOrThrow({ where: { id } })).kind).toBe("update");

    const postmortem = await saveTemplate({
      db,
      actor: admin,
      input: { kind: "postmortem", name: "PM", title: "", body: "Text" },
    });
    expect(
      await fieldErrorsOf(
        saveAlertMapping({ db, actor: admin, input: { ...mapping, minHoldSeconds: 0, templateId: postmortem.id } }),
      ),
    ).toEqual({ templateId: "Choose an incident update template." });
  });
});
