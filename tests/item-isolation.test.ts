import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { HistoryMonths } from "../components/status/history-months.tsx";
import { IncidentReport } from "../components/status/incident-report.tsx";
import { createIncident } from "../lib/incidents/create-incident.ts";
import { postUpdate } from "../lib/incidents/post-update.ts";
import { getPublicIncident } from "../lib/incidents/queries.ts";
import { getHistory } from "../lib/status-page/history.ts";
import { ownDatabase } from "./support/db.ts";
import { makeStaff } from "./support/factories.ts";

// Issue 13, item 9: one stored item a page cannot show (here a date in year 10000, which an old
// release let staff store: JavaScript reads it back as Invalid Date and formatting it throws)
// must leave the page standing, with a placeholder in its place, logged once, and everything
// posted after it shown. The home page, the API and the feeds leave such rows out
// (tests/unreadable-dates.test.ts); the incident page and the history show a placeholder.

const PLACEHOLDER = "This item could not be shown.";
const logged = (errors: { mock: { calls: unknown[][] } }, prefix: string) =>
  errors.mock.calls.filter((call) => String(call[0]).startsWith(prefix)).length;

describe("one bad stored item", () => {
  it("on an incident's page is a placeholder, and the updates posted after it appear", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Acme", timeZone: "America/New_York" } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const actor = await makeStaff(db);
    const { id } = await createIncident({
      db,
      actor,
      input: { name: "Login errors", status: "investigating", message: "Looking into it." },
    });
    // As an old release stored them: written directly, past every check.
    await db.$executeRaw`
      INSERT INTO "IncidentUpdate" (id, "incidentId", status, body, "displayAt", "updatedAt")
      VALUES ('far-update', ${id}, 'identified', 'Far *future*.', '10000-01-01 04:59:00+00', now())`;
    await db.$executeRaw`
      INSERT INTO "TimelineEvent" (id, "incidentId", at, kind, text, "updatedAt")
      VALUES ('far-event', ${id}, '10000-01-01 04:59:00+00', 'detected', 'Far event', now())`;
    await db.$executeRaw`
      INSERT INTO "TimelineEvent" (id, "incidentId", at, kind, text, "updatedAt")
      VALUES ('near-event', ${id}, now(), 'mitigated', 'Rolled back', now())`;
    await postUpdate({ db, actor, input: { incidentId: id, status: "monitoring", message: "A fix is *out*." } });

    const render = async () => {
      const incident = await getPublicIncident(db, id);
      return renderToStaticMarkup(IncidentReport({ incident: incident!, page: { name: "Acme", timeZone: "America/New_York" } }));
    };
    const html = await render();
    expect(html).toContain("A fix is <em>out</em>.");
    expect(html).toContain("Looking into it.");
    expect(html).toContain("Rolled back");
    expect(html).not.toContain("Far <em>future</em>");
    expect(html).not.toContain("Far event");
    expect(html.split(PLACEHOLDER)).toHaveLength(3);

    await render();
    expect(logged(errors, "Update far-update could not be shown")).toBe(1);
    expect(logged(errors, "Timeline event far-event could not be shown")).toBe(1);
    errors.mockRestore();
  });

  it("in the history is a placeholder, and the incidents posted after it appear", async () => {
    const { db } = await ownDatabase();
    await db.pageSettings.create({ data: { id: 1, name: "Acme", timeZone: "Europe/Berlin" } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const actor = await makeStaff(db);
    await createIncident({ db, actor, input: { name: "Earlier outage", status: "resolved", message: "Fixed." } });
    await db.$executeRaw`
      INSERT INTO "Incident" (id, kind, name, status, impact, "startedAt", "updatedAt")
      VALUES ('far-start', 'incident', 'Far start', 'resolved', 'minor', '10000-01-01 04:59:00+00', now())`;
    await createIncident({ db, actor, input: { name: "Login errors", status: "investigating", message: "Looking." } });

    const render = async () => {
      const history = await getHistory(db, { pageNumber: 1 });
      return renderToStaticMarkup(HistoryMonths({ months: history.months, timeZone: "Europe/Berlin" }));
    };
    const html = await render();
    expect(html).toContain("Login errors");
    expect(html).toContain("Earlier outage");
    expect(html).not.toContain("Far start");
    expect(html.split(PLACEHOLDER)).toHaveLength(2);

    await render();
    expect(logged(errors, "Incident far-start could not be shown")).toBe(1);
    errors.mockRestore();
  });
});
