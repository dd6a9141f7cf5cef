import { describe, expect, it } from "vitest";
import { testDb } from "../../../tests/support/db.ts";
import { makeComponent, makeStaff } from "../../../tests/support/factories.ts";
import { deriveShape, shapeProblems } from "../../../tests/support/json-shape.ts";
import { readFixture } from "../../../tests/support/statuspage-fixtures.ts";
import { setComponentStatus } from "../../components/set-component-status.ts";
import { createIncident } from "../../incidents/create-incident.ts";
import { postUpdate } from "../../incidents/post-update.ts";
import { savePostmortem } from "../../postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "../../postmortems/set-postmortem-published.ts";
import { loadMessageContext } from "../message-context.ts";
import { discordMessage, slackMessage, teamsMessage, toSlackMrkdwn } from "./chat.ts";
import { statuspageWebhookBody } from "./statuspage-webhook.ts";
import { summarize } from "./summary.ts";

const incidentShape = deriveShape(
  ["webhooks/zulip-incident_created.json", "webhooks/zulip-incident_update.json"].map((name) => readFixture(name)),
);
const componentShape = deriveShape([readFixture("webhooks/zulip-component_status_update.json")]);

describe("Statuspage webhook payloads", () => {
  it("an incident update matches Statuspage's incident webhook key for key and type for type", async () => {
    const db = testDb();
    const actor = await makeStaff(db);
    const component = await makeComponent(db);
    const { id } = await createIncident({
      db,
      actor,
      input: {
        name: "Payload",
        status: "investigating",
        message: "Down.",
        components: [{ componentId: component.id, status: "major_outage" }],
      },
    });
    const { id: updateId } = await postUpdate({
      db,
      actor,
      input: {
        incidentId: id,
        status: "resolved",
        message: "Fixed.",
        components: [{ componentId: component.id, status: "operational" }],
      },
    });
    const notification = await db.notification.findFirstOrThrow({ where: { updateId } });
    const context = await loadMessageContext(db, notification.id);
    if (!context) throw new Error("no context");
    const body = statuspageWebhookBody(context, "https://status.example.com/subscriptions/unsubscribe?token=t") as {
      incident: { incident_updates: { id: string; status: string }[]; status: string };
    };
    expect(shapeProblems(body, incidentShape)).toEqual([]);
    // Newest first, as Statuspage sends them.
    expect(body.incident.incident_updates.map((u) => u.status)).toEqual(["resolved", "investigating"]);
    expect(body.incident.status).toBe("resolved");

    await savePostmortem({ db, actor, input: { incidentId: id, version: null, body: "## Summary\n\nIt broke." } });
    const draft = await db.postmortem.findUniqueOrThrow({ where: { incidentId: id } });
    await setPostmortemPublished({ db, actor, input: { incidentId: id, version: draft.version }, published: true });
    const published = await db.notification.findFirstOrThrow({ where: { incidentId: id, kind: "postmortem" } });
    const withPostmortem = await loadMessageContext(db, published.id);
    if (!withPostmortem) throw new Error("no context");
    const postmortemBody = statuspageWebhookBody(withPostmortem, "u") as { incident: Record<string, unknown> };
    expect(shapeProblems(postmortemBody, incidentShape)).toEqual([]);
    expect(postmortemBody.incident.postmortem_body).toBe("## Summary\n\nIt broke.");
    expect(postmortemBody.incident.status).toBe("postmortem");
    expect(summarize(withPostmortem).markdown).toBe("## Summary\n\nIt broke.");
  });

  it("a component status change matches Statuspage's component webhook", async () => {
    const db = testDb();
    const actor = await makeStaff(db, { role: "admin" });
    const component = await makeComponent(db);
    await setComponentStatus({ db, actor, input: { componentId: component.id, status: "under_maintenance" } });
    const notification = await db.notification.findFirstOrThrow({ where: { componentId: component.id } });
    const context = await loadMessageContext(db, notification.id);
    if (!context) throw new Error("no context");
    const body = statuspageWebhookBody(context, "https://status.example.com/u") as {
      component_update: { old_status: string; new_status: string };
    };
    expect(shapeProblems(body, componentShape)).toEqual([]);
    expect(body.component_update).toMatchObject({ old_status: "operational", new_status: "under_maintenance" });
  });
});

describe("chat messages", () => {
  const summary = {
    title: "Degraded <Authkit> Service",
    statusLabel: "Identified",
    markdown: "We found **the cause**: see [the docs](https://example.com/docs) @everyone",
    when: "Jul 11, 2024 - 16:28 EDT",
    componentLines: ["Authkit: Major Outage"],
    url: "https://status.example.com/incidents/abc",
    tone: "critical" as const,
  };

  it("Slack gets Block Kit with the status colour, its own mrkdwn escaping and a link", () => {
    const message = slackMessage(summary) as { text: string; attachments: { color: string; blocks: { type: string }[] }[] };
    expect(message.attachments[0]?.color).toBe("#dc2626");
    expect(message.attachments[0]?.blocks.map((b) => b.type)).toEqual(["header", "section", "context", "actions"]);
    expect(JSON.stringify(message)).toContain("https://status.example.com/incidents/abc");
    expect(toSlackMrkdwn("**a** <b> & [c](https://x.example) [d](javascript:void)")).toBe(
      "*a* &lt;b&gt; &amp; <https://x.example|c> d",
    );
  });

  it("Discord gets an embed that can ping nobody", () => {
    const message = discordMessage(summary) as {
      allowed_mentions: { parse: string[] };
      embeds: { color: number; url: string }[];
    };
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds[0]).toMatchObject({ color: 0xdc2626, url: summary.url });
  });

  it("Teams gets an Adaptive Card with the facts and a link", () => {
    const message = teamsMessage(summary) as {
      attachments: { contentType: string; content: { type: string; actions: { url: string }[] } }[];
    };
    expect(message.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(message.attachments[0]?.content.type).toBe("AdaptiveCard");
    expect(message.attachments[0]?.content.actions[0]?.url).toBe(summary.url);
  });
});
