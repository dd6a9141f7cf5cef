import { describe, expect, it } from "vitest";
import { apiData, apiIncident } from "../../tests/support/api-data.ts";
import { parseFeed } from "../../tests/support/parse-feed.ts";
import { buildAtomFeed, buildRssFeed } from "./feeds.ts";

const update = (id: string, status: "investigating" | "monitoring" | "resolved", iso: string, body: string) => ({
  id,
  status,
  cancelsWindow: false,
  body,
  displayAt: new Date(iso),
  createdAt: new Date(iso),
  updatedAt: new Date(iso),
  deliverNotifications: true,
  changes: [],
});

const hostile = "<script>alert('x')</script> & \"quotes\" \u0001";

const data = apiData({
  incidents: [
    apiIncident({
      id: "inc1",
      name: `Login errors ${hostile}`,
      status: "resolved",
      startedAt: new Date("2024-11-03T05:30:00.000Z"),
      updates: [
        update("u2", "resolved", "2024-11-03T06:30:00.000Z", `Fixed. ${hostile}`),
        update("u1", "investigating", "2024-11-03T05:30:00.000Z", "Looking into it.\nMore soon."),
      ],
      postmortem: {
        body: "## What happened",
        publishedAt: new Date("2024-11-05T15:00:00.000Z"),
        updatedAt: new Date("2024-11-05T15:00:00.000Z"),
      },
    }),
  ],
  maintenances: [
    apiIncident({
      id: "mnt1",
      kind: "maintenance",
      name: "Database upgrade",
      impact: "maintenance",
      startedAt: new Date("2024-12-01T10:00:00.000Z"),
      status: "completed",
      updates: [
        { ...update("u4", "resolved", "2024-11-21T10:00:00.000Z", "Called off."), status: "completed", cancelsWindow: true },
        { ...update("u3", "investigating", "2024-11-20T10:00:00.000Z", "Planned."), status: "scheduled" },
      ],
    }),
  ],
});

describe.each([
  ["Atom 1.0", buildAtomFeed, "atom", "https://status.acme.test/s/history.atom"],
  ["RSS 2.0", buildRssFeed, "rss", "https://status.acme.test/s/history.rss"],
] as const)("the %s history feed", (_name, build, type, selfUrl) => {
  it("parses with a real feed parser as the right type and version", async () => {
    const { meta } = await parseFeed(build(data));
    expect(meta["#type"]).toBe(type);
    expect(meta["#version"]).toBe(type === "atom" ? "1.0" : "2.0");
    expect(meta.title).toBe("Acme status - incident history");
    expect(meta.link).toBe("https://status.acme.test/s/");
    expect(meta.xmlurl).toBe(selfUrl);
  });

  it("has one entry per incident and maintenance, newest first, linking to its page", async () => {
    const { items } = await parseFeed(build(data));
    // The raw element text: feedparser's normalised `title` strips anything tag-like.
    expect(items.map((i) => i[`${type}:title`]["#"].trim())).toEqual([
      "Database upgrade",
      "Login errors <script>alert('x')</script> & \"quotes\"",
    ]);
    expect(items.map((i) => i.link)).toEqual([
      "https://status.acme.test/s/incidents/mnt1",
      "https://status.acme.test/s/incidents/inc1",
    ]);
    expect(items[1]!.pubdate?.toISOString()).toBe("2024-11-03T05:30:00.000Z");
  });

  it("puts every update in the content, newest first, with its time in the page's zone and its status", async () => {
    const { items } = await parseFeed(build(data));
    const html = items[1]!.description;
    const order = ["Postmortem", "Nov 3, 2024 - 01:30 EST", "Resolved", "Nov 3, 2024 - 01:30 EDT", "Investigating"].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A cancelled window's closing update is called what it is.
    expect(items[0]!.description).toMatch(
      /<strong>Cancelled<\/strong> - <p>Called off\.<\/p>.*<strong>Scheduled<\/strong> - <p>Planned\.<\/p>/s,
    );
    // Staff markup is never passed on for a reader to run.
    expect(html).not.toContain("<script");
  });
});

it("an empty page still gives valid feeds", async () => {
  for (const build of [buildAtomFeed, buildRssFeed]) {
    const { items } = await parseFeed(build(apiData()));
    expect(items).toEqual([]);
  }
});

it("the feed parser used here rejects XML that is not well-formed", async () => {
  await expect(parseFeed(buildRssFeed(apiData()).replace("</channel>", ""))).rejects.toThrow();
});

describe.each([
  ["RSS 2.0", buildRssFeed],
  ["Atom 1.0", buildAtomFeed],
] as const)("the %s feed escapes each text once", (_name, build) => {
  it("a title and a body with &, <, \" and ' read back exactly as written", async () => {
    const text = `AT&T's "edge" <eu-1> & more &amp; done`;
    // The body is markdown, where `<eu-1>` is an HTML tag and `&amp;` an entity.
    const body = `AT&T's "edge" & more`;
    const { meta, items } = await parseFeed(
      build(
        apiData({
          page: { name: `Ops & <Co>`, timeZone: "UTC", updatedAt: new Date("2024-11-03T05:30:00.000Z") },
          incidents: [
            apiIncident({
              id: "amp",
              name: text,
              status: "resolved",
              startedAt: new Date("2024-11-03T05:30:00.000Z"),
              updates: [update("u1", "resolved", "2024-11-03T05:30:00.000Z", body)],
            }),
          ],
        }),
      ),
    );
    expect(meta.title).toBe("Ops & <Co> status - incident history");
    expect(items[0]!.title).toBe(text);
    // The entry's HTML, decoded once as HTML, gives the body as written.
    const html = items[0]!.description;
    const decoded = html
      .replace(/<[^>]+>/g, "")
      .replace(/&(lt|gt|quot|#39|amp|#x[0-9a-f]+);/gi, (_entity, name: string) =>
        name.startsWith("#x")
          ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
          : ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" } as Record<string, string>)[name]!,
      );
    expect(decoded).toContain(`Resolved - ${body}`);
  });
});

describe.each([
  ["RSS 2.0", buildRssFeed],
  ["Atom 1.0", buildAtomFeed],
] as const)("the %s feed", (_name, build) => {
  it("carries the update rendered from markdown as the page shows it, not the raw markdown", async () => {
    const { items } = await parseFeed(
      build(
        apiData({
          incidents: [
            apiIncident({
              id: "md",
              name: "Sign-in outage",
              status: "resolved",
              updates: [
                update(
                  "u1",
                  "resolved",
                  "2024-11-03T05:30:00.000Z",
                  "## Summary\n\n**SSO** was down. [Details](javascript:alert(1))",
                ),
              ],
            }),
          ],
        }),
      ),
    );
    const html = items[0]!.description;
    expect(html).toContain("<h2>Summary</h2>");
    expect(html).toContain("<strong>SSO</strong> was down.");
    expect(html).not.toContain("## Summary");
    expect(html).not.toContain("**SSO**");
    expect(html).not.toContain("javascript:");
  });

  it("dates an upcoming maintenance when it was announced, never in the future", async () => {
    const announced = new Date("2024-11-20T10:00:00.000Z");
    const { items } = await parseFeed(
      build(
        apiData({
          incidents: [
            apiIncident({ id: "old", name: "Old outage", status: "resolved", startedAt: new Date("2024-11-10T10:00:00.000Z") }),
          ],
          maintenances: [
            {
              ...apiIncident({
                id: "soon",
                name: "Database upgrade",
                kind: "maintenance",
                impact: "maintenance",
                status: "scheduled",
                startedAt: new Date("2030-01-01T10:00:00.000Z"),
                updates: [{ ...update("u1", "investigating", announced.toISOString(), "Planned."), status: "scheduled" }],
              }),
              createdAt: announced,
            },
          ],
        }),
      ),
    );
    expect(items.map((i) => i.link?.split("/").pop())).toEqual(["soon", "old"]);
    expect(items[0]!.pubdate?.toISOString()).toBe(announced.toISOString());
  });
});
